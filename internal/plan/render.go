package plan

import (
	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
)

// render creates the graph's nodes with their statements.
func (b *builder) render() {
	for _, k := range sortedSet(b.drop) {
		o := b.fromIdx[k]
		n := b.addNode(phaseDrop, k)
		if b.swap[k] {
			n.stmts = swapOut(k)
			b.addNode(phaseAttach, k).stmts = dropSwapped(k)
			continue
		}
		if !b.droppedWithParent(k) {
			n.stmts = dropSQL(o, b.opts.Online && !b.create[k] && b.tableKept(k))
			if k.Kind == catalog.KindColumn && b.childKeeps(k) {
				n.stmts = dropColumnOnly(k)
			}
		}
	}
	for _, k := range sortedSet(b.create) {
		o := b.toIdx[k]
		n := b.addNode(phaseCreate, k)
		n.stmts = b.createStmts(o)
		if s, ok := o.Value.(*catalog.Sequence); ok && s.OwnedBy != "" {
			b.addNode(phaseAttach, k).stmts = []stmt{ownedBySQL(k, s.OwnedBy)}
		}
	}
	alters := make(map[catalog.Key]bool, len(b.alter))
	for k := range b.alter {
		alters[k] = true
	}
	for k := range b.resetDefault {
		alters[k] = true
	}
	for k := range b.retype {
		alters[k] = true
	}
	for _, k := range sortedSet(alters) {
		b.renderAlter(k)
	}
}

func (b *builder) addNode(p phase, k catalog.Key) *node {
	n := &node{phase: p, key: k, change: b.changes[k], rank: kindRank[k.Kind]}
	if c, ok := b.toIdx[k].Value.(*catalog.Column); ok && p == phaseCreate {
		n.pos = c.Position
	}
	if p == phaseDrop {
		n.rank = 100 - n.rank
	}
	b.nodes[nodeID{p, k}] = n
	b.list = append(b.list, n)
	return n
}

// droppedWithParent reports whether k goes away with its dropped relation
// without a statement of its own. Foreign keys between two dropped tables
// are dropped on their own, which breaks cycles.
func (b *builder) droppedWithParent(k catalog.Key) bool {
	if k.Table == "" {
		return false
	}
	p := relationKey(b.fromIdx, k.Schema, k.Table)
	if !b.drop[p] {
		return false
	}
	if c, ok := b.fromIdx[k].Value.(*catalog.Constraint); ok && c.References != "" {
		s, n, _ := splitQualified(c.References)
		ref := catalog.Key{Kind: catalog.KindTable, Schema: s, Name: n}
		return ref == p || !b.drop[ref]
	}
	return true
}

// tableKept reports whether the relation of sub-object k exists before
// and after the plan and is not partitioned (so online techniques apply
// to it).
func (b *builder) tableKept(k catalog.Key) bool {
	if k.Table == "" {
		return false
	}
	p := relationKey(b.fromIdx, k.Schema, k.Table)
	to, inTo := b.toIdx[p]
	_, inFrom := b.fromIdx[p]
	if t, ok := to.Value.(*catalog.Table); ok && (t.PartitionKey != "" || t.PartitionOf != "") {
		return false // CONCURRENTLY does not apply to partitioned tables and their partitions
	}
	return inTo && inFrom && !b.drop[p]
}

// createStmts renders the creation of o with its owner, comment and
// privileges.
func (b *builder) createStmts(o catalog.Object) []stmt {
	online := b.opts.Online && b.tableKept(o.Key)
	return createObject(o, online, b.opts.Role)
}

// renderAlter renders the in-place modification of k (and the reset of a
// column default whose function or sequence is recreated).
func (b *builder) renderAlter(k catalog.Key) {
	from, to := b.fromIdx[k], b.toIdx[k]
	c := b.alter[k]
	var f diff.Flag
	if c != nil {
		f = diff.Flags(c)
	}
	if b.resetDefault[k] {
		f |= diff.ColumnDefault
	}
	if b.retype[k] {
		f |= diff.ColumnType
	}
	pre, main := alterObject(from, to, f, b.opts.Online && b.tableKept(k), b.opts.Role, b.viaText(from, to))
	if len(pre) > 0 {
		b.addNode(phaseDetach, k).stmts = pre
	}
	if len(main) > 0 {
		b.addNode(phaseAlter, k).stmts = main
	}
}

func sortedSet(m map[catalog.Key]bool) []catalog.Key {
	out := make([]catalog.Key, 0, len(m))
	for k, ok := range m {
		if ok {
			out = append(out, k)
		}
	}
	sortKeys(out)
	return out
}
