// Package cli implements pgfleet's Flyway-style command line:
// `pgfleet [-key=value ...] COMMAND [-key=value ...]`. Commands live in
// cmd_*.go files and register themselves; configuration keys are resolved
// by package config.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/pgfleet/pgfleet/internal/exitcode"
)

// Main runs pgfleet with the process's environment and returns the exit
// code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return run(ctx, args, os.LookupEnv, stdout, stderr)
}

// run is Main with the environment lookup injected, for tests.
func run(ctx context.Context, args []string, lookup func(string) (string, bool), stdout, stderr io.Writer) int {
	p, err := parse(args, lookup)
	inv := p.inv
	inv.stdout, inv.stderr = stdout, stderr
	if err != nil {
		return inv.reportError(err)
	}
	if p.command == nil {
		if p.help {
			inv.print(stdout, generalHelp())
			return exitcode.OK
		}
		inv.print(stderr, generalHelp())
		return inv.reportError(usagef("no command given: run pgfleet help"))
	}
	if p.help {
		inv.print(stdout, commandHelp(p.command))
		return exitcode.OK
	}
	if p.chain != nil {
		return runChain(ctx, p)
	}
	if err := ctx.Err(); err != nil {
		return inv.reportError(fmt.Errorf("interrupted before %s started: %w", p.command.Name, err))
	}
	if err := p.command.Run(ctx, inv); err != nil {
		return inv.reportError(err)
	}
	if err := inv.flush(nil); err != nil {
		return inv.reportError(err)
	}
	return exitcode.OK
}
