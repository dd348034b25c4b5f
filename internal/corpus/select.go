package corpus

import (
	"os"
	"strings"
	"testing"
)

// EnvScope chooses how much of the corpus the tests run: "full" runs every
// case; anything else (the default) runs every case of the small folders
// and every SampleStride-th case of the large ones, so that the whole test
// suite stays within CI's time; "none" runs no case.
const EnvScope = "PGFLEET_CORPUS"

// SampleStride thins folders of more than LargeFolder cases in the default
// scope.
const (
	SampleStride = 3
	LargeFolder  = 200
)

// ForTest returns the corpus cases a test should run, or skips the test
// with a message saying why there are none. filterVar, when set in the
// environment, keeps only cases whose ID contains one of its
// "|"-separated parts.
func ForTest(t testing.TB, filterVar string) []Case {
	t.Helper()
	scope := os.Getenv(EnvScope)
	if scope == "none" || testing.Short() {
		t.Skip("corpus skipped (-short or " + EnvScope + "=none)")
	}
	root, ok := Dir()
	if !ok {
		t.Skip("no corpus: ../shared/corpus beside the project root is absent and " + EnvDir + " is unset")
	}
	cases, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if scope != "full" {
		cases = Sample(cases)
		t.Logf("running a sample of %d corpus cases; set %s=full for all of them", len(cases), EnvScope)
	}
	if f := os.Getenv(filterVar); filterVar != "" && f != "" {
		cases = Filter(cases, f)
	}
	return cases
}

// Sample keeps every case of small folders and every SampleStride-th case,
// in ID order, of folders larger than LargeFolder.
func Sample(cases []Case) []Case {
	size := map[string]int{}
	for _, c := range cases {
		size[c.Folder]++
	}
	seen := map[string]int{}
	var out []Case
	for _, c := range cases {
		i := seen[c.Folder]
		seen[c.Folder]++
		if size[c.Folder] <= LargeFolder || i%SampleStride == 0 {
			out = append(out, c)
		}
	}
	return out
}

// Filter keeps the cases whose ID contains one of the "|"-separated parts
// of f.
func Filter(cases []Case, f string) []Case {
	var out []Case
	for _, c := range cases {
		for _, part := range strings.Split(f, "|") {
			if strings.Contains(c.ID(), part) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}
