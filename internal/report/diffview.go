package report

import "strings"

// diffRow is one row of a side-by-side view: a line on the left, on the
// right, or both; Kind says how it differs.
type diffRow struct {
	Left, Right     string
	LeftNo, RightNo int    // 1-based line numbers; 0 for no line
	Kind            string // "same", "changed", "removed", "added"
}

// maxDiffCells bounds the LCS table; bigger definitions are shown without
// line matching.
const maxDiffCells = 4_000_000

// sideBySide aligns the lines of before and after for display: equal
// lines side by side, the rest marked as removed, added or changed.
func sideBySide(before, after string) []diffRow {
	a, b := splitLines(before), splitLines(after)
	if len(a)*len(b) > maxDiffCells {
		return unmatched(a, b)
	}
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var rows []diffRow
	var dels, adds []int
	flush := func() {
		rows = append(rows, pairUp(a, b, dels, adds)...)
		dels, adds = dels[:0], adds[:0]
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			flush()
			rows = append(rows, diffRow{Left: a[i], Right: b[j], LeftNo: i + 1, RightNo: j + 1, Kind: "same"})
			i, j = i+1, j+1
		case j >= len(b) || i < len(a) && lcs[i+1][j] >= lcs[i][j+1]:
			dels = append(dels, i)
			i++
		default:
			adds = append(adds, j)
			j++
		}
	}
	flush()
	return rows
}

// pairUp shows removed and added lines of one hunk side by side.
func pairUp(a, b []string, dels, adds []int) []diffRow {
	var rows []diffRow
	for k := 0; k < max(len(dels), len(adds)); k++ {
		r := diffRow{Kind: "changed"}
		if k < len(dels) {
			r.Left, r.LeftNo = a[dels[k]], dels[k]+1
		} else {
			r.Kind = "added"
		}
		if k < len(adds) {
			r.Right, r.RightNo = b[adds[k]], adds[k]+1
		} else {
			r.Kind = "removed"
		}
		rows = append(rows, r)
	}
	return rows
}

// unmatched shows two texts side by side without matching lines.
func unmatched(a, b []string) []diffRow {
	return pairUp(a, b, seq(len(a)), seq(len(b)))
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// splitLines splits text into lines; an empty text has none.
func splitLines(text string) []string {
	text = strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}
