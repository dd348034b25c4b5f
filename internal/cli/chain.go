package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// runChain runs a chained command line ("prepare deploy") in order, each
// command with the operation flags it declares and the configuration they
// share, stopping at the first that fails. With -outputType=json the
// results form one document keyed by command name (plus "error").
func runChain(ctx context.Context, p parsed) int {
	inv := p.inv
	var names []string
	var results []any
	finish := func(err error) int {
		if len(results) > 0 {
			merged, mErr := keyedResults(names, results)
			if mErr != nil {
				return inv.reportError(errors.Join(err, mErr))
			}
			inv.pending = merged
		}
		if err != nil {
			return inv.reportError(err)
		}
		if err := inv.flush(nil); err != nil {
			return inv.reportError(err)
		}
		return 0
	}
	for _, c := range p.chain {
		if err := ctx.Err(); err != nil {
			return finish(fmt.Errorf("interrupted before %s started: %w", c.Name, err))
		}
		step := inv.forCommand(c)
		err := c.Run(ctx, step)
		if inv.cfg == nil {
			inv.cfg = step.cfg
		}
		if step.pending != nil {
			names, results = append(names, c.Name), append(results, step.pending)
		}
		if err != nil {
			return finish(fmt.Errorf("%s (in %s): %w", c.Name, chainName(p.chain), err))
		}
	}
	return finish(nil)
}

// forCommand is the invocation of one command of a chain: the shared
// configuration and outputs, the flags c declares.
func (inv *Invocation) forCommand(c *Command) *Invocation {
	step := *inv
	step.Command, step.pending, step.Flags = c, nil, map[string]string{}
	for name, v := range inv.Flags {
		for _, f := range c.Flags {
			if f.Name == name {
				step.Flags[name] = v
			}
		}
	}
	return &step
}

func chainName(chain []*Command) string {
	names := make([]string, len(chain))
	for i, c := range chain {
		names[i] = c.Name
	}
	return strings.Join(names, " ")
}

// keyedResults is {"name1": result1, ...} in the order given.
func keyedResults(names []string, results []any) (json.RawMessage, error) {
	var b strings.Builder
	b.WriteString("{")
	for i, r := range results {
		body, err := marshalNoEscape(r)
		if err != nil {
			return nil, err
		}
		key, _ := json.Marshal(names[i])
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(string(key) + ":" + strings.TrimSpace(string(body)))
	}
	b.WriteString("}")
	return json.RawMessage(b.String()), nil
}
