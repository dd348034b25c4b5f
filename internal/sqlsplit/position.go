package sqlsplit

import (
	"sort"
	"unicode/utf8"
)

// lineIndex holds the byte offset at which each line of a text starts.
type lineIndex []int

// newLineIndex indexes the line starts of text.
func newLineIndex(text string) lineIndex {
	idx := make(lineIndex, 1, len(text)/40+1)
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// position returns the 1-based line and character column of byte offset off.
func (idx lineIndex) position(text string, off int) (line, col int) {
	off = min(max(off, 0), len(text))
	i := sort.Search(len(idx), func(i int) bool { return idx[i] > off }) - 1
	return i + 1, utf8.RuneCountInString(text[idx[i]:off]) + 1
}

// Position returns the 1-based line and column (in characters) of byte
// offset off in the file.
func (f *File) Position(off int) (line, col int) {
	return f.lines.position(f.Text, off)
}

// ErrorPosition maps a PostgreSQL error position (the 1-based character
// offset into the statement text that PostgreSQL reports, as in
// pgconn.PgError.Position) to the 1-based line and column in the file.
// A position of 0 or less (PostgreSQL gave none) maps to the statement's
// start.
func (f *File) ErrorPosition(st *Statement, pos int) (line, col int) {
	if pos <= 0 {
		return st.Line, st.Column
	}
	return f.Position(st.Offset + byteOffset(st.Text, pos-1))
}

// byteOffset converts a 0-based character offset in s into a byte offset.
func byteOffset(s string, chars int) int {
	for i := range s {
		if chars == 0 {
			return i
		}
		chars--
	}
	return len(s)
}
