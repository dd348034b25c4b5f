package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// sample returns a small catalog with lists deliberately out of order.
func sample() *Catalog {
	return &Catalog{
		ServerVersion: 150004,
		Schemas:       []*Schema{{Name: "b"}, {Name: "a", Meta: Meta{Owner: "o", ACL: []string{"z=U/o", "o=UC/o"}}}},
		Tables: []*Table{{
			Schema: "a", Name: "t",
			Options: []string{"fillfactor=70", "autovacuum_enabled=false"},
			Columns: []*Column{{Name: "y", Position: 2, Type: "text"}, {Name: "x", Position: 1, Type: "integer"}},
			Indexes: []*Index{{Name: "t_y", Definition: "CREATE INDEX t_y ON a.t USING btree (y)", Method: "btree",
				Meta: Meta{DependsOn: []Key{{Kind: KindColumn, Schema: "a", Table: "t", Name: "y"},
					{Kind: KindColumn, Schema: "a", Table: "t", Name: "y"}}}}},
		}},
		Functions: []*Function{{Schema: "a", Name: "f", Signature: "integer", Language: "sql",
			Definition: "CREATE OR REPLACE FUNCTION a.f(integer) <&>", Cost: 100}},
	}
}

func TestCanonicalJSONIsOrderIndependent(t *testing.T) {
	t.Parallel()
	a, b := sample(), sample()
	b.Schemas[0], b.Schemas[1] = b.Schemas[1], b.Schemas[0]
	b.Tables[0].Options[0], b.Tables[0].Options[1] = b.Tables[0].Options[1], b.Tables[0].Options[0]
	b.ServerVersion = 170000
	ja, err := a.CanonicalJSON()
	if err != nil {
		t.Fatal(err)
	}
	jb, _ := b.CanonicalJSON()
	if !bytes.Equal(ja, jb) {
		t.Fatalf("differ:\n%s\n%s", ja, jb)
	}
	if a.Fingerprint() != b.Fingerprint() || len(a.Fingerprint()) != 64 {
		t.Fatalf("fingerprints %s, %s", a.Fingerprint(), b.Fingerprint())
	}
	if !bytes.Contains(ja, []byte("<&>")) {
		t.Error("HTML characters are escaped")
	}
	if got := len(a.Tables[0].Indexes[0].DependsOn); got != 1 {
		t.Errorf("duplicate dependency kept: %d", got)
	}
}

func TestObjectsAndLookup(t *testing.T) {
	t.Parallel()
	c := sample()
	var got []string
	for _, o := range c.Objects() {
		got = append(got, o.Key.String())
	}
	want := "schema a|schema b|table a.t|column a.t.x|column a.t.y|index a.t.t_y|function a.f(integer)"
	if strings.Join(got, "|") != want {
		t.Errorf("Objects() = %v", got)
	}
	o, ok := c.Lookup(Key{Kind: KindFunction, Schema: "a", Name: "f(integer)"})
	if !ok || o.Value.(*Function).Language != "sql" {
		t.Errorf("Lookup = %v, %v", o, ok)
	}
	if c.Table("a", "t") == nil || c.Table("a", "nope") != nil {
		t.Error("Table lookup")
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	t.Parallel()
	c := sample()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "snap.json")
	if err := WriteSnapshotFile(path, c, SnapshotCreated{At: at, By: "pgfleet test", Source: "environment dev"}); err != nil {
		t.Fatal(err)
	}
	s, err := ReadSnapshotFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Fingerprint != c.Fingerprint() || s.Catalog.Fingerprint() != c.Fingerprint() {
		t.Error("fingerprint changed through a round trip")
	}
	if s.ServerVersion != 150004 || s.Catalog.ServerVersion != 150004 || !s.Created.At.Equal(at) || s.Created.Source != "environment dev" {
		t.Errorf("metadata = %+v, %d", s.Created, s.ServerVersion)
	}
	// Metadata is outside the fingerprint.
	other := NewSnapshot(sample(), SnapshotCreated{At: at.Add(time.Hour), By: "someone else"})
	if other.Fingerprint != s.Fingerprint {
		t.Error("metadata changed the fingerprint")
	}
}

func TestSnapshotErrors(t *testing.T) {
	t.Parallel()
	good, err := MarshalSnapshot(NewSnapshot(sample(), SnapshotCreated{}))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data string
		want error
		msg  string
	}{
		{"not json", "hello", ErrNotSnapshot, "not valid JSON"},
		{"foreign json", `{"name": "package.json"}`, ErrNotSnapshot, "expected a JSON object"},
		{"newer format", `{"format": "pgfleet-snapshot/9"}`, ErrNotSnapshot, "not supported"},
		{"edited catalog", strings.Replace(string(good), `"integer"`, `"bigint"`, 1), ErrFingerprintMismatch, "corrupt or was edited"},
		{"truncated", string(good[:len(good)/2]), ErrNotSnapshot, "truncated or corrupt"},
		{"no catalog", `{"format": "pgfleet-snapshot/1", "fingerprint": "x"}`, ErrNotSnapshot, "no \"catalog\""},
		{"trailing data", string(good) + `{"format": "pgfleet-snapshot/1"}`, ErrNotSnapshot, "truncated or corrupt"},
		{"unknown field", strings.Replace(string(good), `"fingerprint"`, `"colour": 1, "fingerprint"`, 1), nil, "unknown field \"colour\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := UnmarshalSnapshot([]byte(tc.data))
			if err == nil {
				t.Fatal("no error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q lacks %q", err, tc.msg)
			}
		})
	}
}

func TestReadSnapshotFileNamesTheFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadSnapshotFile(path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v does not name %s", err, path)
	}
}

// TestConcurrentReads reads one normalized catalog from several goroutines;
// run with -race, it proves reading writes nothing.
func TestConcurrentReads(t *testing.T) {
	t.Parallel()
	c := sample()
	want := c.Fingerprint()
	done := make(chan string)
	for range 4 {
		go func() {
			c.Objects()
			done <- c.Fingerprint()
		}()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("fingerprint %s, want %s", got, want)
		}
	}
}

// TestOlderSnapshotKinds checks that a snapshot without a kinds list is
// taken as predating the kinds added since, and that Without reads a
// catalog as such a version would have.
func TestOlderSnapshotKinds(t *testing.T) {
	if got := NewSnapshot(&Catalog{}, SnapshotCreated{}).Unread(); len(got) != 0 {
		t.Errorf("a snapshot of this version has unread kinds %v", got)
	}
	old := &Snapshot{Format: SnapshotFormat}
	want := []Kind{KindTextSearchDict, KindTextSearchConfig, KindStatistics, KindRule, KindPublication}
	if got := old.Unread(); !slices.Equal(got, want) {
		t.Errorf("Unread() of an older snapshot = %v, want %v", got, want)
	}
	cfg := Key{Kind: KindTextSearchConfig, Schema: "app", Name: "names"}
	c := &Catalog{
		TextSearchConfigs: []*TextSearchConfig{{Schema: "app", Name: "names", Parser: "\"default\""}},
		Statistics:        []*Statistics{{Schema: "app", Name: "st", Table: "app.t", Target: -1}},
		Tables: []*Table{{Schema: "app", Name: "t", Rules: []*Rule{{Name: "r"}},
			Indexes: []*Index{{Name: "i", Meta: Meta{DependsOn: []Key{cfg}}}}}},
	}
	before := c.Fingerprint()
	w := c.Without(old.Unread())
	if c.Fingerprint() != before {
		t.Fatal("Without changed the catalog it was given")
	}
	if len(w.TextSearchConfigs)+len(w.Statistics)+len(w.Tables[0].Rules) != 0 || w.Tables[0].Indexes[0].DependsOn != nil {
		t.Errorf("Without kept later kinds or dependencies on them: %+v", w.Tables[0])
	}
	if len(w.Tables) != 1 || len(w.Tables[0].Indexes) != 1 {
		t.Errorf("Without dropped objects of other kinds: %+v", w)
	}
}

func TestWithColumnOrderOf(t *testing.T) {
	cols := func(names ...string) []*Column {
		var out []*Column
		for i, n := range names {
			out = append(out, &Column{Name: n, Position: i + 1, Type: "integer"})
		}
		return out
	}
	model := &Catalog{Tables: []*Table{
		{Schema: "app", Name: "t", Columns: cols("id", "new_mid", "b", "a")},
		{Schema: "app", Name: "fresh", Columns: cols("z", "y")},
	}}
	target := &Catalog{Tables: []*Table{{Schema: "app", Name: "t", Columns: cols("id", "a", "gone", "b")}}}
	before := model.Fingerprint()
	got := model.WithColumnOrderOf(target)
	if model.Fingerprint() != before {
		t.Fatal("WithColumnOrderOf changed the catalog it was given")
	}
	var names []string
	for _, c := range got.Tables[1].Columns {
		names = append(names, fmt.Sprintf("%s@%d", c.Name, c.Position))
	}
	if want := []string{"id@1", "a@2", "b@3", "new_mid@4"}; !slices.Equal(names, want) {
		t.Errorf("columns %v, want %v", names, want)
	}
	if got.Tables[0].Name != "fresh" || got.Tables[0].Columns[0].Name != "z" {
		t.Errorf("a table the target lacks keeps the model's order: %+v", got.Tables[0].Columns)
	}
}
