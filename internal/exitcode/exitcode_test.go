package exitcode

import (
	"errors"
	"fmt"
	"testing"
)

func TestOf(t *testing.T) {
	base := errors.New("boom")
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, OK},
		{"plain error", base, Failed},
		{"usage", New(Usage, base), Usage},
		{"wrapped drift", fmt.Errorf("checking drift: %w", New(Drift, base)), Drift},
		{"outermost wins", New(CodeReview, fmt.Errorf("x: %w", New(Drift, base))), CodeReview},
		{"newf", Newf(TargetChanged, "target %s changed", "eu"), TargetChanged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Of(tt.err); got != tt.want {
				t.Errorf("Of(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestNewNil(t *testing.T) {
	if New(Usage, nil) != nil {
		t.Fatal("New(code, nil) must be nil")
	}
}

func TestErrorMessageAndUnwrap(t *testing.T) {
	base := errors.New("boom")
	err := New(Usage, base)
	if err.Error() != "boom" {
		t.Errorf("Error() = %q", err.Error())
	}
	if !errors.Is(err, base) {
		t.Error("errors.Is must see the wrapped error")
	}
}

func TestName(t *testing.T) {
	tests := map[int]string{OK: "OK", Failed: "FAULT", Usage: "CONFIGURATION", Drift: "CHECK_DRIFT_DETECTED",
		CodeReview: "CHECK_CODE_REVIEW_VIOLATION", TargetChanged: "TARGET_CHANGED"}
	for code, want := range tests {
		if got := Name(code); got != want {
			t.Errorf("Name(%d) = %q, want %q", code, got, want)
		}
	}
}
