package deployrule

import (
	"fmt"
	"strings"
)

type nodeKind int

const (
	nodeOr nodeKind = iota
	nodeAnd
	nodeCmp     // operand == / != operand
	nodeConst   // literal true or false
	nodeBoolOpd // a lone operand holding a placeholder whose value must be true or false
)

// node is the parsed expression.
type node struct {
	kind     nodeKind
	children []*node // or, and
	paren    bool    // written inside parentheses
	ne       bool    // cmp: != rather than ==
	l, r     int     // cmp: operand indices; boolOpd: l
	value    bool    // const
}

// operand is one side of a comparison, as written (placeholders unreplaced).
type operand struct {
	raw string // trimmed
	pos int
}

type parser struct {
	toks     []token
	prefix   string // placeholder prefix
	i        int
	operands []operand
}

func parse(toks []token, prefix string) (*node, []operand, error) {
	p := &parser{toks: toks, prefix: prefix}
	if len(toks) == 0 {
		return nil, nil, &SyntaxError{Pos: 1, Msg: "empty expression; write true, false or A==B"}
	}
	n, err := p.or()
	if err != nil {
		return nil, nil, err
	}
	if p.i < len(toks) {
		t := toks[p.i]
		return nil, nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("unexpected %q", strings.TrimSpace(t.text))}
	}
	return n, p.operands, nil
}

func (p *parser) peek() *token {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return nil
}

func (p *parser) or() (*node, error) { return p.chain(nodeOr, tokOr, p.and) }

func (p *parser) and() (*node, error) { return p.chain(nodeAnd, tokAnd, p.unary) }

func (p *parser) chain(kind nodeKind, sep tokenKind, sub func() (*node, error)) (*node, error) {
	first, err := sub()
	if err != nil {
		return nil, err
	}
	n := &node{kind: kind, children: []*node{first}}
	for t := p.peek(); t != nil && t.kind == sep; t = p.peek() {
		p.i++
		next, err := sub()
		if err != nil {
			return nil, err
		}
		n.children = append(n.children, next)
	}
	if len(n.children) == 1 {
		return first, nil
	}
	return n, nil
}

func (p *parser) unary() (*node, error) {
	t := p.peek()
	if t == nil {
		return nil, &SyntaxError{Pos: p.endPos(), Msg: "expression ends where an operand or ( was expected"}
	}
	switch t.kind {
	case tokLParen:
		p.i++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if c := p.peek(); c == nil || c.kind != tokRParen {
			return nil, &SyntaxError{Pos: t.pos, Msg: "( is never closed"}
		}
		p.i++
		n.paren = true
		return n, nil
	case tokOperand:
		return p.comparison()
	}
	return nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("unexpected %q where an operand or ( was expected", t.text)}
}

func (p *parser) endPos() int {
	if len(p.toks) == 0 {
		return 1
	}
	last := p.toks[len(p.toks)-1]
	return last.pos + len(last.text)
}

func (p *parser) comparison() (*node, error) {
	left := p.toks[p.i]
	p.i++
	op := p.peek()
	if op == nil || (op.kind != tokEq && op.kind != tokNe) {
		return p.lone(left)
	}
	p.i++
	right := p.peek()
	if right == nil || right.kind != tokOperand {
		return nil, &SyntaxError{Pos: op.pos, Msg: fmt.Sprintf("%s has no right-hand operand", op.text)}
	}
	p.i++
	if next := p.peek(); next != nil && (next.kind == tokEq || next.kind == tokNe) {
		return nil, &SyntaxError{Pos: next.pos, Msg: "a comparison cannot be chained; combine comparisons with && or ||"}
	}
	return &node{kind: nodeCmp, ne: op.kind == tokNe, l: p.add(left), r: p.add(*right)}, nil
}

// lone handles an operand without a comparison: the literal true or false,
// or a placeholder whose value must be true or false.
func (p *parser) lone(t token) (*node, error) {
	text := strings.TrimSpace(t.text)
	switch strings.ToLower(text) {
	case "true", "false":
		return &node{kind: nodeConst, value: strings.EqualFold(text, "true")}, nil
	}
	if strings.Contains(t.text, p.prefix) {
		return &node{kind: nodeBoolOpd, l: p.add(t)}, nil
	}
	return nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("%q is neither true, false nor a comparison A==B or A!=B", text)}
}

func (p *parser) add(t token) int {
	p.operands = append(p.operands, operand{raw: strings.TrimSpace(t.text), pos: t.pos})
	return len(p.operands) - 1
}
