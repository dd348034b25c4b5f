// Package deployrule compiles and evaluates Flyway's shouldExecute
// expressions (Deploy Rules): true, false, A==B, A!=B combined with &&, ||
// and parentheses, where A and B are bare words or placeholders compared as
// trimmed, case-sensitive strings. An expression is parsed once, translated
// into an expr-lang/expr program over a typed environment holding nothing but
// the operand values, and evaluated per environment after placeholder
// replacement. && binds tighter than || (standard precedence).
package deployrule

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"

	"github.com/pgfleet/pgfleet/internal/placeholder"
)

// SyntaxError is a malformed expression; Pos is the 1-based byte position in
// the expression as written.
type SyntaxError struct {
	Pos int
	Msg string
}

// Error returns the position and message.
func (e *SyntaxError) Error() string { return fmt.Sprintf("position %d: %s", e.Pos, e.Msg) }

// Env is the whole environment a compiled rule sees: the trimmed,
// placeholder-replaced operand values, in order of appearance.
type Env struct {
	V []string
}

// Rule is a compiled shouldExecute expression.
type Rule struct {
	// File is the script configuration file the rule came from, and Line
	// the line of shouldExecute in it (0 when unknown).
	File string
	Line int
	// Source is the expression as written, before placeholder replacement.
	Source string
	// Notes lists the typos that were tolerated (see the package's lexer).
	Notes []string

	root     *node
	operands []operand
	program  *vm.Program
	syntax   placeholder.Syntax
}

// Compile parses the shouldExecute expression src found in file and
// compiles it. A malformed expression is an error naming the file, the
// expression and the position.
func Compile(file, src string, syntax placeholder.Syntax) (*Rule, error) {
	return CompileAt(file, 0, src, syntax)
}

// CompileAt is Compile for a rule written on line of file; errors name
// file:line.
func CompileAt(file string, line int, src string, syntax placeholder.Syntax) (*Rule, error) {
	syntax = syntax.WithDefaults()
	toks, notes, err := lex(src, syntax)
	if err == nil {
		var r *Rule
		r, err = compileTokens(file, src, syntax, toks)
		if err == nil {
			r.Line, r.Notes = line, notes
			return r, nil
		}
	}
	return nil, fmt.Errorf("%s: shouldExecute %q: %w", location(file, line), src, err)
}

// location is file, or file:line when the line is known.
func location(file string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

func compileTokens(file, src string, syntax placeholder.Syntax, toks []token) (*Rule, error) {
	root, operands, err := parse(toks, syntax.Prefix)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	translate(&b, root)
	program, err := expr.Compile(b.String(), expr.Env(Env{}), expr.AsBool(), expr.DisableAllBuiltins())
	if err != nil {
		return nil, fmt.Errorf("compiling translated rule %q: %w", b.String(), err)
	}
	return &Rule{File: file, Source: src, root: root, operands: operands, program: program, syntax: syntax}, nil
}

// translate writes n as an expr program over Env.
func translate(b *strings.Builder, n *node) {
	if n.paren {
		b.WriteString("(")
		defer b.WriteString(")")
	}
	switch n.kind {
	case nodeOr, nodeAnd:
		sep := " || "
		if n.kind == nodeAnd {
			sep = " && "
		}
		for i, c := range n.children {
			if i > 0 {
				b.WriteString(sep)
			}
			translate(b, c)
		}
	case nodeCmp:
		op := " == "
		if n.ne {
			op = " != "
		}
		fmt.Fprintf(b, "V[%d]%sV[%d]", n.l, op, n.r)
	case nodeConst:
		b.WriteString(strconv.FormatBool(n.value))
	case nodeBoolOpd:
		fmt.Fprintf(b, "V[%d] == \"true\"", n.l)
	}
}

// Replace replaces the placeholders of one operand. Its errors name the
// file and line themselves.
type Replace func(text string) (string, error)

// Eval replaces the placeholders of every operand with replace, trims the
// values and evaluates the rule.
func (r *Rule) Eval(replace Replace) (bool, error) {
	env := Env{V: make([]string, len(r.operands))}
	for i, o := range r.operands {
		v, err := replace(o.raw)
		if err != nil {
			return false, fmt.Errorf("evaluating shouldExecute %q: %w", r.Source, err)
		}
		env.V[i] = strings.TrimSpace(v)
	}
	if err := r.checkBoolOperands(r.root, env.V); err != nil {
		return false, err
	}
	out, err := expr.Run(r.program, env)
	if err != nil {
		return false, fmt.Errorf("%s: evaluating shouldExecute %q: %w", location(r.File, r.Line), r.Source, err)
	}
	return out.(bool), nil
}

func (r *Rule) checkBoolOperands(n *node, values []string) error {
	if n.kind == nodeBoolOpd {
		v := strings.ToLower(values[n.l])
		if v != "true" && v != "false" {
			return fmt.Errorf("%s: shouldExecute %q: position %d: %s is %q, neither true nor false",
				location(r.File, r.Line), r.Source, r.operands[n.l].pos, r.operands[n.l].raw, values[n.l])
		}
		values[n.l] = v
	}
	for _, c := range n.children {
		if err := r.checkBoolOperands(c, values); err != nil {
			return err
		}
	}
	return nil
}
