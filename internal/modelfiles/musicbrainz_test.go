package modelfiles

import (
	"os"
	"strings"
	"testing"
)

// TestMusicBrainzRoundTrip captures the 514-table benchmark schema as model
// files and loads them back: the fingerprint must be the live one.
//
// Text search configurations are not a catalog kind yet, so the schema's
// one configuration is left out and its users point at pg_catalog.simple.
func TestMusicBrainzRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("514-table schema skipped in -short mode")
	}
	b, err := os.ReadFile("../../../shared/bench/musicbrainz/schema.sql")
	if err != nil {
		t.Skipf("benchmark schema not present: %v", err)
	}
	sql := strings.Replace(string(b), "CREATE TEXT SEARCH CONFIGURATION mb_simple (COPY = pg_catalog.simple);", "", 1)
	sql = strings.Replace(sql, `ALTER TEXT SEARCH CONFIGURATION mb_simple
    ALTER MAPPING FOR word, numword, hword, numhword, hword_part, hword_numpart
    WITH unaccent, simple;`, "", 1)
	sql = strings.ReplaceAll(sql, "'musicbrainz.mb_simple'", "'pg_catalog.simple'")
	if err := roundTripSQL(t, sql); err != nil {
		t.Fatal(err)
	}
}
