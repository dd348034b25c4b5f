// Package exitcode defines pgfleet's documented process exit codes and an
// error type that carries one, so that any package can say how the process
// should end without knowing about the command line.
package exitcode

import (
	"errors"
	"fmt"
)

// The documented exit codes. They are part of pgfleet's public contract:
// pipelines branch on them, so they never change meaning.
const (
	// OK means the command succeeded.
	OK = 0
	// Failed means the operation failed (database error, I/O error, ...).
	Failed = 1
	// Usage means the command line or the configuration is wrong.
	Usage = 2
	// Drift means check -drift found drift and failOnDrift is true.
	Drift = 3
	// CodeReview means check -code found an error-severity violation and
	// failOnError is true.
	CodeReview = 4
	// TargetChanged means the target changed since its script was prepared.
	TargetChanged = 5
)

// Error is an error that carries the exit code the process should end with.
type Error struct {
	Code int
	Err  error
}

// New returns an error that makes the process exit with code. It returns
// nil when err is nil.
func New(code int, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Code: code, Err: err}
}

// Newf formats a message as fmt.Errorf does and attaches code to it.
func Newf(code int, format string, args ...any) error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

// Error returns the message of the wrapped error.
func (e *Error) Error() string {
	if e.Err == nil {
		return Name(e.Code)
	}
	return e.Err.Error()
}

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// Of returns the exit code for err: OK for nil, the code of the outermost
// *Error in err's chain, or Failed when there is none.
func Of(err error) int {
	if err == nil {
		return OK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Failed
}

// Name returns the machine-readable error code for an exit code, in the
// style of Flyway's JSON error output ("CONFIGURATION", "CHECK_DRIFT_DETECTED").
func Name(code int) string {
	switch code {
	case OK:
		return "OK"
	case Usage:
		return "CONFIGURATION"
	case Drift:
		return "CHECK_DRIFT_DETECTED"
	case CodeReview:
		return "CHECK_CODE_REVIEW_VIOLATION"
	case TargetChanged:
		return "TARGET_CHANGED"
	default:
		return "FAULT"
	}
}
