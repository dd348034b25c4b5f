package cli

import (
	"context"
)

func init() {
	register(&Command{
		Name:    "help",
		Summary: "Show help for pgfleet, a command, or every configuration key",
		Args:    "[COMMAND | keys]",
		Description: `
'pgfleet help' lists the commands, global keys and exit codes.
'pgfleet help COMMAND' (or 'pgfleet COMMAND -help') describes one command.
'pgfleet help keys' lists every configuration key with its type, default and meaning.`,
		Run: runHelp,
	})
}

func runHelp(_ context.Context, inv *Invocation) error {
	switch {
	case len(inv.Args) == 0:
		return inv.Result(nil, generalHelp())
	case len(inv.Args) > 1:
		return usagef("help takes one argument: a command or keys")
	case inv.Args[0] == "keys":
		return inv.Result(nil, keysHelp())
	}
	c, ok := commands[inv.Args[0]]
	if !ok {
		return unknownCommand(inv.Args[0])
	}
	return inv.Result(nil, commandHelp(c))
}
