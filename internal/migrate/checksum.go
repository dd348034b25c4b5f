package migrate

import (
	"bytes"
	"hash/crc32"
)

// utf8BOM is the byte order mark Flyway strips from the first line.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Checksum computes a script's checksum the way Flyway's ChecksumCalculator
// does: CRC32 (IEEE) over the UTF-8 bytes of every line as Java's
// BufferedReader.readLine returns it (terminators \n, \r\n and \r removed,
// nothing hashed between lines), a leading BOM stripped, as a signed int32.
// text must already be decoded to UTF-8.
func Checksum(text []byte) int32 {
	text = bytes.TrimPrefix(text, utf8BOM)
	h := crc32.NewIEEE()
	for len(text) > 0 {
		i := bytes.IndexAny(text, "\r\n")
		if i < 0 {
			h.Write(text)
			break
		}
		h.Write(text[:i])
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
	}
	return int32(h.Sum32())
}
