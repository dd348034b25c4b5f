package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/exitcode"
)

// globalKeys documents the keys every command accepts.
var globalKeys = [][2]string{
	{"-configFiles=a.toml,b.toml", "config files merged in order (default: flyway.toml, and flyway.user.toml if present)"},
	{"-workingDirectory=DIR", "directory relative paths resolve against (config files, locations, schema model)"},
	{"-environment=NAME", "environment to use (default: default)"},
	{"-url= -user= -password= -schemas=", "define the environment named default"},
	{"-environments.NAME.KEY=VALUE", "define or override an environment (url, user, password, flyway.KEY, ...)"},
	{"-placeholders.NAME=VALUE", "set a placeholder"},
	{"-outputType=json", "machine-readable result on stdout (one JSON document, with \"error\" on failure), human text on stderr"},
	{"-KEY=VALUE", "any configuration key, namespaced (-check.failOnDrift=true) or short when unambiguous (-failOnDrift=true)"},
	{"-help", "help for the command"},
}

// exitCodes documents the exit codes.
var exitCodes = []struct {
	code int
	help string
}{
	{exitcode.OK, "success"},
	{exitcode.Failed, "the operation failed"},
	{exitcode.Usage, "usage or configuration error"},
	{exitcode.Drift, "drift detected (check -drift with failOnDrift)"},
	{exitcode.CodeReview, "code review violation (check -code with failOnError)"},
	{exitcode.TargetChanged, "target changed since its script was prepared"},
}

func generalHelp() string {
	var b strings.Builder
	b.WriteString("pgfleet deploys one declarative PostgreSQL schema model to a fleet of databases, Flyway style.\n\n")
	b.WriteString("Usage: pgfleet [-key=value ...] COMMAND [COMMAND ...] [-key=value ...]\n")
	b.WriteString("Commands chain as in Flyway (pgfleet prepare deploy): run in order, stopping at the first failure.\n\nCommands:\n")
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, n := range commandNames() {
		fmt.Fprintf(w, "  %s\t%s\n", n, commands[n].Summary)
	}
	_ = w.Flush()
	b.WriteString("\nGlobal keys:\n")
	w = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, k := range globalKeys {
		fmt.Fprintf(w, "  %s\t%s\n", k[0], k[1])
	}
	_ = w.Flush()
	b.WriteString("\nExit codes:\n")
	for _, e := range exitCodes {
		fmt.Fprintf(&b, "  %d  %s\n", e.code, e.help)
	}
	b.WriteString("\nRun 'pgfleet help COMMAND' for a command, 'pgfleet help keys' for every configuration key.\n")
	return b.String()
}

func commandHelp(c *Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: pgfleet [-key=value ...] %s", c.Name)
	if c.Args != "" {
		b.WriteString(" " + c.Args)
	}
	fmt.Fprintf(&b, " [-key=value ...]\n\n%s\n", c.Summary)
	if c.Description != "" {
		b.WriteString("\n" + strings.TrimSpace(c.Description) + "\n")
	}
	if len(c.Flags) > 0 {
		b.WriteString("\nFlags:\n")
		w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, f := range c.Flags {
			fmt.Fprintf(w, "  -%s\t%s\n", f.Name, f.Help)
		}
		_ = w.Flush()
	}
	for _, ns := range c.Namespaces {
		fmt.Fprintf(&b, "\nConfiguration keys ([flyway.%s]):\n", ns)
		b.WriteString(keysTable("flyway." + ns))
	}
	b.WriteString("\nGlobal keys: see 'pgfleet help'. Every key: 'pgfleet help keys'.\n")
	return b.String()
}

// keysHelp lists every configuration key, grouped by namespace.
func keysHelp() string {
	var b strings.Builder
	b.WriteString("Configuration keys. In flyway.toml write them in their table; on the command line\n")
	b.WriteString("write -NAME=VALUE, dropping the flyway. prefix (short names work when unambiguous).\n")
	var order []string
	seen := map[string]bool{}
	for _, k := range config.Keys() {
		if !seen[k.Namespace] {
			seen[k.Namespace] = true
			order = append(order, k.Namespace)
		}
	}
	for _, ns := range order {
		title := "[" + ns + "]"
		if ns == "" {
			title = "root keys"
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		b.WriteString(keysTable(ns))
	}
	return b.String()
}

// keysTable renders the keys of one namespace.
func keysTable(ns string) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, k := range config.Keys() {
		if k.Namespace != ns {
			continue
		}
		name := "-" + k.CLI
		if k.CLI == "" {
			name = k.Name
		}
		def := ""
		if k.Default != "" {
			def = " (default " + k.Default + ")"
		}
		fmt.Fprintf(w, "  %s\t%s\t%s%s\n", name, k.Type, k.Help, def)
	}
	_ = w.Flush()
	return b.String()
}
