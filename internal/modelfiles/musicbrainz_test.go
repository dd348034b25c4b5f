package modelfiles

import (
	"os"
	"testing"
)

// TestMusicBrainzRoundTrip captures the 514-table benchmark schema as model
// files and loads them back: the fingerprint must be the live one.
func TestMusicBrainzRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("514-table schema skipped in -short mode")
	}
	b, err := os.ReadFile("../../../shared/bench/musicbrainz/schema.sql")
	if err != nil {
		t.Skipf("benchmark schema not present: %v", err)
	}
	sql := string(b)
	if err := roundTripSQL(t, sql); err != nil {
		t.Fatal(err)
	}
}
