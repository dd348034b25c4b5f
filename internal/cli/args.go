package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/exitcode"
)

// arg is one -key[=value] argument.
type arg struct {
	name, value string
	bare        bool // no "=": a switch meaning true
}

// splitArgs separates -key[=value] arguments from positional words. Keys
// may stand before or after the command; the first word is the command.
// afterBare maps a word to the bare key just before it, to explain
// "-environment prod" (which must be written -environment=prod).
func splitArgs(args []string) (keys []arg, words []string, afterBare map[int]string, err error) {
	afterBare = map[int]string{}
	for i, a := range args {
		if !strings.HasPrefix(a, "-") || a == "-" {
			if i > 0 && len(keys) > 0 && keys[len(keys)-1].bare && args[i-1] == "-"+keys[len(keys)-1].name {
				afterBare[len(words)] = keys[len(keys)-1].name
			}
			words = append(words, a)
			continue
		}
		s := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		name, value, hasValue := strings.Cut(s, "=")
		if name == "" {
			return nil, nil, nil, usagef("malformed argument %q: write -key=value", a)
		}
		if !hasValue {
			value = "true"
		}
		keys = append(keys, arg{name: name, value: value, bare: !hasValue})
	}
	return keys, words, afterBare, nil
}

// wantsJSON reports whether -outputType=json is among the arguments, so
// that even argument errors are reported as JSON.
func wantsJSON(keys []arg) bool {
	for _, k := range keys {
		if strings.EqualFold(k.name, "outputType") && strings.EqualFold(k.value, "json") {
			return true
		}
	}
	return false
}

// parsed is a command line taken apart.
type parsed struct {
	command *Command
	// chain holds the commands of a chained command line such as
	// "prepare deploy", run in order; nil for a single command.
	chain []*Command
	help  bool
	inv   *Invocation
}

// parse interprets the command line. lookup resolves ${env.VAR}.
func parse(args []string, lookup config.LookupFunc) (parsed, error) {
	keys, words, afterBare, err := splitArgs(args)
	p := parsed{inv: &Invocation{Flags: map[string]string{}, Options: config.Options{LookupEnv: lookup}}}
	if err != nil {
		return p, err
	}
	p.inv.JSON = wantsJSON(keys)
	if len(words) > 0 {
		c, ok := commands[words[0]]
		if !ok {
			if key, ok := afterBare[0]; ok {
				return p, spacedValue(key, words[0], "unknown command")
			}
			return p, unknownCommand(words[0])
		}
		p.command, p.inv.Command, p.inv.Args = c, c, words[1:]
		if key, ok := afterBare[1]; ok && c.Args == "" && len(p.inv.Args) > 0 {
			return p, spacedValue(key, p.inv.Args[0], "unexpected argument")
		}
		if c.Args == "" && len(p.inv.Args) > 0 {
			if p.chain, err = chainOf(words); err != nil {
				return p, err
			}
			p.inv.Args = nil
		}
	}
	for _, k := range keys {
		if err := p.apply(k); err != nil {
			return p, err
		}
	}
	return p, nil
}

// apply interprets one -key[=value].
func (p *parsed) apply(k arg) error {
	inv := p.inv
	switch strings.ToLower(k.name) {
	case "help", "h", "?":
		p.help = true
		return nil
	case "outputtype":
		switch strings.ToLower(k.value) {
		case "json", "text", "":
			return nil
		}
		return usagef("bad value -outputType=%s: use json or text", k.value)
	case "configfiles":
		inv.Options.ConfigFiles = splitList(k.value)
		return nil
	case "workingdirectory":
		inv.Options.WorkingDirectory = k.value
		return nil
	}
	if f, ok := p.flag(k.name); ok {
		if f.Bool && !strings.EqualFold(k.value, "true") && !strings.EqualFold(k.value, "false") {
			return usagef("bad value -%s=%s: it is a switch, use -%s or -%s=false", k.name, k.value, f.Name, f.Name)
		}
		inv.Flags[f.Name] = k.value
		return nil
	}
	var ns []string
	for _, c := range p.commands() {
		for _, n := range c.Namespaces {
			if !slices.Contains(ns, n) {
				ns = append(ns, n)
			}
		}
	}
	o, err := config.ParseOverride(k.name, k.value, ns)
	if err != nil {
		return err
	}
	if k.bare && o.Type() != "bool" {
		return usagef("-%s needs a value: write -%s=VALUE", k.name, k.name)
	}
	inv.Options.Overrides = append(inv.Options.Overrides, o)
	return nil
}

// flag finds an operation flag of the command, ignoring case.
func (p *parsed) flag(name string) (Flag, bool) {
	for _, c := range p.commands() {
		for _, f := range c.Flags {
			if strings.EqualFold(f.Name, name) {
				return f, true
			}
		}
	}
	return Flag{}, false
}

// commands lists the commands the line runs: the chain, or the command.
func (p *parsed) commands() []*Command {
	if p.chain != nil {
		return p.chain
	}
	if p.command != nil {
		return []*Command{p.command}
	}
	return nil
}

// chainOf reads a chained command line ("prepare deploy", as in Flyway):
// every word must be a command without positional arguments, each once.
func chainOf(words []string) ([]*Command, error) {
	var chain []*Command
	for _, w := range words {
		c, ok := commands[w]
		if !ok {
			return nil, usagef("unexpected argument %q after %s: chain commands (pgfleet prepare deploy) or write keys as -key=value",
				w, strings.Join(words[:len(chain)], " "))
		}
		if c.Args != "" {
			return nil, usagef("%s takes arguments and cannot be chained with other commands", c.Name)
		}
		for _, prev := range chain {
			if prev == c {
				return nil, usagef("%s appears twice in the command chain", c.Name)
			}
		}
		chain = append(chain, c)
	}
	return chain, nil
}

// spacedValue explains "-key value", which must be written -key=value,
// without repeating the value when the key holds a secret.
func spacedValue(key, word, what string) error {
	if config.IsSecretName(key) {
		return usagef("%s after -%s: to give -%s a value write -%s=VALUE", what, key, key, key)
	}
	return usagef("%s %q: to give -%s a value write -%s=%s", what, word, key, key, word)
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func unknownCommand(name string) error {
	best, bestD := "", 3
	for _, c := range commandNames() {
		if d := editDistance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	msg := fmt.Sprintf("unknown command %q", name)
	if best != "" {
		msg += fmt.Sprintf("; did you mean %s?", best)
	}
	return usagef("%s (commands: %s)", msg, strings.Join(commandNames(), ", "))
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func usagef(format string, args ...any) error {
	return exitcode.Newf(exitcode.Usage, format, args...)
}
