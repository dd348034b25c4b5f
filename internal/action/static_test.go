package action

import (
	"debug/elf"
	"testing"
)

// TestStaticBinary builds pgfleet exactly as the Dockerfile does and
// checks that the result needs no dynamic loader and no shared library,
// so that it runs on a distroless/static (or scratch) image.
func TestStaticBinary(t *testing.T) {
	f, err := elf.Open(binary(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("the binary has a PT_INTERP segment (a dynamic loader): it is not statically linked")
		}
		if p.Type == elf.PT_DYNAMIC {
			t.Errorf("the binary has a PT_DYNAMIC segment")
		}
	}
	libs, err := f.ImportedLibraries()
	if err != nil {
		t.Fatal(err)
	}
	if len(libs) > 0 {
		t.Errorf("the binary needs shared libraries: %v", libs)
	}
}
