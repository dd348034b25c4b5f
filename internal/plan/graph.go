package plan

import (
	"container/heap"
	"fmt"
	"slices"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// structuralDeps are the dependencies pg_depend does not record in the
// catalog: an object on its schema, a sub-object on its relation, a
// foreign key on the referenced table and its keys, a constraint on its
// columns, a partition or child on its parents.
func structuralDeps(idx map[catalog.Key]catalog.Object, o catalog.Object) []catalog.Key {
	var out []catalog.Key
	k := o.Key
	add := func(d catalog.Key) {
		if _, ok := idx[d]; ok && d != k {
			out = append(out, d)
		}
	}
	if k.Schema != "" && k.Kind != catalog.KindDefaultPrivileges {
		add(catalog.Key{Kind: catalog.KindSchema, Name: k.Schema})
	}
	if k.Table != "" {
		add(relationKey(idx, k.Schema, k.Table))
	}
	switch v := o.Value.(type) {
	case *catalog.Extension:
		add(catalog.Key{Kind: catalog.KindSchema, Name: v.Schema})
	case *catalog.Constraint:
		for _, c := range v.Columns {
			add(catalog.Key{Kind: catalog.KindColumn, Schema: k.Schema, Table: k.Table, Name: c})
		}
		if v.References != "" {
			out = append(out, referencedKeys(idx, v.References)...)
		}
	case *catalog.Index:
		if v.Constraint != "" {
			add(catalog.Key{Kind: catalog.KindConstraint, Schema: k.Schema, Table: k.Table, Name: v.Constraint})
		}
	case *catalog.Table:
		for _, p := range append(slices.Clone(v.Inherits), v.PartitionOf) {
			if s, n, ok := splitQualified(p); ok {
				add(catalog.Key{Kind: catalog.KindTable, Schema: s, Name: n})
			}
		}
	}
	return out
}

// referencedKeys are the referenced table of a foreign key and its primary
// key and unique constraints.
func referencedKeys(idx map[catalog.Key]catalog.Object, qualified string) []catalog.Key {
	s, n, ok := splitQualified(qualified)
	if !ok {
		return nil
	}
	tk := catalog.Key{Kind: catalog.KindTable, Schema: s, Name: n}
	o, ok := idx[tk]
	if !ok {
		return nil
	}
	out := []catalog.Key{tk}
	for _, c := range o.Value.(*catalog.Table).Constraints {
		if c.Type == catalog.ConstraintPrimaryKey || c.Type == catalog.ConstraintUnique {
			out = append(out, catalog.Key{Kind: catalog.KindConstraint, Schema: s, Table: n, Name: c.Name})
		}
	}
	return out
}

// splitQualified splits a "schema.name" text (parts quoted as needed).
func splitQualified(q string) (schema, name string, ok bool) {
	parts := splitIdents(q)
	if len(parts) != 2 {
		return "", "", false
	}
	return parts[0], parts[1], true
}

// splitIdents splits a dotted name into unquoted identifiers.
func splitIdents(q string) []string {
	var parts []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(q); i++ {
		ch := q[i]
		switch {
		case ch == '"' && quoted && i+1 < len(q) && q[i+1] == '"':
			cur.WriteByte('"')
			i++
		case ch == '"':
			quoted = !quoted
		case ch == '.' && !quoted:
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(ch)
		}
	}
	return append(parts, cur.String())
}

// relationKey finds the relation named schema.name: a table, view or
// materialized view.
func relationKey(idx map[catalog.Key]catalog.Object, schema, name string) catalog.Key {
	for _, kind := range []catalog.Kind{catalog.KindTable, catalog.KindView, catalog.KindMaterializedView} {
		k := catalog.Key{Kind: kind, Schema: schema, Name: name}
		if _, ok := idx[k]; ok {
			return k
		}
	}
	return catalog.Key{Kind: catalog.KindTable, Schema: schema, Name: name}
}

// deps lists what k depends on in idx. A relation stands for its
// columns (created with it) and, with withSubs, for all its sub-objects
// (dropped with it).
func deps(idx map[catalog.Key]catalog.Object, k catalog.Key, withSubs bool) []catalog.Key {
	o, ok := idx[k]
	if !ok {
		return nil
	}
	out := append(structuralDeps(idx, o), o.Meta.DependsOn...)
	for _, m := range subMetas(o, withSubs) {
		for _, d := range m.DependsOn {
			if d.Schema != k.Schema || d.Table != k.Name {
				out = append(out, d)
			}
		}
	}
	return out
}

// subMetas returns the Meta of a relation's columns, and with all of its
// other sub-objects too.
func subMetas(o catalog.Object, all bool) []*catalog.Meta {
	var out []*catalog.Meta
	switch v := o.Value.(type) {
	case *catalog.Table:
		for _, c := range v.Columns {
			out = append(out, &c.Meta)
		}
		if all {
			out = appendMetas(out, v.Constraints, v.Indexes, v.Triggers, v.Rules, v.Policies)
		}
	case *catalog.View:
		for _, c := range v.Columns {
			out = append(out, &c.Meta)
		}
		if all {
			out = appendMetas(out, nil, v.Indexes, v.Triggers, v.Rules, nil)
		}
	}
	return out
}

func appendMetas(out []*catalog.Meta, cs []*catalog.Constraint, is []*catalog.Index, ts []*catalog.Trigger,
	rs []*catalog.Rule, ps []*catalog.Policy) []*catalog.Meta {
	for _, c := range cs {
		out = append(out, &c.Meta)
	}
	for _, c := range is {
		out = append(out, &c.Meta)
	}
	for _, c := range ts {
		out = append(out, &c.Meta)
	}
	for _, c := range rs {
		out = append(out, &c.Meta)
	}
	for _, c := range ps {
		out = append(out, &c.Meta)
	}
	return out
}

// dropDeps lists what a dropped object depends on; a dropped relation
// also stands for its sub-objects that go with it (not for those dropped
// by a statement of their own, such as foreign keys between two dropped
// tables).
func (b *builder) dropDeps(k catalog.Key) []catalog.Key {
	o, ok := b.fromIdx[k]
	if !ok {
		return nil
	}
	out := append(structuralDeps(b.fromIdx, o), o.Meta.DependsOn...)
	if !b.isRelation(k) {
		return out
	}
	for _, sk := range b.subKeys(k) {
		if b.drop[sk] && !b.droppedWithParent(sk) {
			continue
		}
		for _, d := range b.fromIdx[sk].Meta.DependsOn {
			if d.Schema != k.Schema || d.Table != k.Name {
				out = append(out, d)
			}
		}
	}
	return out
}

// parentColumns lists, for a column of a child table in the source, the
// same-named columns of its parents.
func (b *builder) parentColumns(k catalog.Key) []catalog.Key {
	t, ok := b.fromIdx[catalog.Key{Kind: catalog.KindTable, Schema: k.Schema, Name: k.Table}].Value.(*catalog.Table)
	if !ok {
		return nil
	}
	var out []catalog.Key
	for _, p := range t.Inherits {
		if parts := splitIdents(p); len(parts) == 2 {
			out = append(out, catalog.Key{Kind: catalog.KindColumn, Schema: parts[0], Table: parts[1], Name: k.Name})
		}
	}
	return out
}

// childKeeps reports whether a child table keeps, as its own, the
// inherited column k of its parent that the plan drops: the parent then
// drops it with ONLY, which leaves the children's columns defined locally.
func (b *builder) childKeeps(k catalog.Key) bool {
	parent := qname(k.Schema, k.Table)
	for _, o := range b.fromIdx {
		t, ok := o.Value.(*catalog.Table)
		if !ok || !slices.Contains(t.Inherits, parent) {
			continue
		}
		ck := catalog.Key{Kind: catalog.KindColumn, Schema: t.Schema, Table: t.Name, Name: k.Name}
		if c, ok := b.toIdx[ck].Value.(*catalog.Column); ok && !c.Inherited {
			return true
		}
	}
	return false
}

// subKeys lists the keys of a relation's sub-objects in the source.
func (b *builder) subKeys(k catalog.Key) []catalog.Key {
	var out []catalog.Key
	sub := func(kind catalog.Kind, name string) {
		out = append(out, catalog.Key{Kind: kind, Schema: k.Schema, Table: k.Name, Name: name})
	}
	switch v := b.fromIdx[k].Value.(type) {
	case *catalog.Table:
		for _, c := range v.Columns {
			sub(catalog.KindColumn, c.Name)
		}
		for _, c := range v.Constraints {
			sub(catalog.KindConstraint, c.Name)
		}
		for _, c := range v.Indexes {
			sub(catalog.KindIndex, c.Name)
		}
		for _, c := range v.Triggers {
			sub(catalog.KindTrigger, c.Name)
		}
		for _, c := range v.Rules {
			sub(catalog.KindRule, c.Name)
		}
		for _, c := range v.Policies {
			sub(catalog.KindPolicy, c.Name)
		}
	case *catalog.View:
		for _, c := range v.Columns {
			sub(catalog.KindColumn, c.Name)
		}
		for _, c := range v.Indexes {
			sub(catalog.KindIndex, c.Name)
		}
		for _, c := range v.Triggers {
			sub(catalog.KindTrigger, c.Name)
		}
		for _, c := range v.Rules {
			sub(catalog.KindRule, c.Name)
		}
	}
	return out
}

func sortKeys(ks []catalog.Key) { slices.SortFunc(ks, catalog.Key.Compare) }

// get returns the node of phase p for k; a column without a node of its
// own stands for its relation's (a column of a new table is created with
// it).
func (b *builder) get(p phase, k catalog.Key) *node {
	if n := b.nodes[nodeID{p, k}]; n != nil {
		return n
	}
	if k.Kind == catalog.KindColumn && (p == phaseDrop || p == phaseCreate) {
		for _, kind := range []catalog.Kind{catalog.KindTable, catalog.KindView, catalog.KindMaterializedView} {
			if n := b.nodes[nodeID{p, catalog.Key{Kind: kind, Schema: k.Schema, Name: k.Table}}]; n != nil {
				return n
			}
		}
	}
	return nil
}

func edge(a, z *node) {
	if a == nil || z == nil || a == z {
		return
	}
	a.out = append(a.out, z)
	z.indeg++
}

// linkColumns chains the additions of columns to an existing table in
// their target order, since ADD COLUMN appends.
func (b *builder) linkColumns() {
	for _, t := range b.to.Tables {
		var prev *node
		for _, c := range t.Columns {
			n := b.nodes[nodeID{phaseCreate, catalog.Key{Kind: catalog.KindColumn, Schema: t.Schema, Table: t.Name, Name: c.Name}}]
			if n != nil {
				edge(prev, n)
				prev = n
			}
		}
	}
}

// linkIdentities orders an identity's sequence against a stand-alone
// sequence of the same name: the one going away first.
func (b *builder) linkIdentities() {
	seq := func(schema, name string) catalog.Key {
		return catalog.Key{Kind: catalog.KindSequence, Schema: schema, Name: name}
	}
	for _, n := range b.list {
		if n.key.Kind != catalog.KindColumn {
			continue
		}
		if c, ok := b.toIdx[n.key].Value.(*catalog.Column); ok && c.IdentitySequence != nil && n.phase >= phaseAlter {
			edge(b.get(phaseDrop, seq(n.key.Schema, c.IdentitySequence.Name)), n)
		}
		if c, ok := b.fromIdx[n.key].Value.(*catalog.Column); ok && c.IdentitySequence != nil && n.phase <= phaseDetach {
			edge(n, b.get(phaseCreate, seq(n.key.Schema, c.IdentitySequence.Name)))
		}
	}
}

// link adds the ordering edges of every node.
func (b *builder) link() {
	b.linkColumns()
	b.linkIdentities()
	for _, n := range b.list {
		k := n.key
		switch n.phase {
		case phaseDrop:
			for _, d := range b.dropDeps(k) {
				edge(n, b.get(phaseDrop, d))
				edge(n, b.get(phaseAlter, d))
			}
			edge(n, b.get(phaseCreate, k))
		case phaseDetach:
			for _, d := range deps(b.fromIdx, k, false) {
				edge(n, b.get(phaseDrop, d))
			}
			edge(n, b.get(phaseAlter, k))
		default:
			b.linkForward(n)
		}
	}
}

func (b *builder) linkForward(n *node) {
	k := n.key
	for _, d := range deps(b.toIdx, k, false) {
		edge(b.get(phaseCreate, d), n)
		edge(b.get(phaseAlter, d), n)
	}
	switch n.phase {
	case phaseAlter:
		for _, d := range deps(b.fromIdx, k, false) {
			if !b.swap[d] && !b.detachedUse(k, d) {
				edge(n, b.get(phaseDrop, d))
			}
		}
	case phaseAttach:
		edge(b.get(phaseCreate, k), n)
		edge(b.get(phaseAlter, k), n)
		for _, c := range b.swapUsers[k] {
			edge(b.get(phaseAlter, c), n)
		}
		if s, ok := b.toIdx[k].Value.(*catalog.Sequence); ok && s.OwnedBy != "" {
			if p := splitIdents(s.OwnedBy); len(p) == 3 {
				ck := catalog.Key{Kind: catalog.KindColumn, Schema: p[0], Table: p[1], Name: p[2]}
				edge(b.get(phaseCreate, ck), n)
			}
		}
	}
}

// order sorts the nodes topologically, breaking ties by phase, kind and
// key so the result is deterministic, and returns their steps:
// transactional ones first.
func (b *builder) order() ([]Step, error) {
	b.link()
	h := &nodeHeap{}
	for _, n := range b.list {
		if n.indeg == 0 {
			heap.Push(h, n)
		}
	}
	var sorted []*node
	for h.Len() > 0 {
		n := heap.Pop(h).(*node)
		sorted = append(sorted, n)
		for _, z := range n.out {
			if z.indeg--; z.indeg == 0 {
				heap.Push(h, z)
			}
		}
	}
	if len(sorted) != len(b.list) {
		return nil, b.cycleError(sorted)
	}
	return b.steps(sorted), nil
}

func (b *builder) cycleError(sorted []*node) error {
	seen := make(map[*node]bool, len(sorted))
	for _, n := range sorted {
		seen[n] = true
	}
	var names []string
	for _, n := range b.list {
		if !seen[n] && len(names) < 6 {
			names = append(names, n.key.String())
		}
	}
	return fmt.Errorf("ordering plan: dependency cycle among %s; split the change into two deployments",
		strings.Join(names, ", "))
}

func (b *builder) steps(sorted []*node) []Step {
	var tx, nonTx []Step
	for _, n := range sorted {
		for _, s := range n.stmts {
			st := Step{SQL: s.sql, Key: n.key, Change: n.change, Description: s.desc,
				Transactional: !s.nonTx, Hazards: s.hazards}
			if s.nonTx {
				nonTx = append(nonTx, st)
			} else {
				tx = append(tx, st)
			}
		}
	}
	pre, tx := hoistEnumValues(tx)
	return append(append(pre, tx...), nonTx...)
}

// hoistEnumValues moves ALTER TYPE ... ADD VALUE steps whose value a later
// step uses out of the transaction, before it: PostgreSQL refuses to use
// an enum value added in the same transaction.
func hoistEnumValues(tx []Step) (pre, rest []Step) {
	for i, s := range tx {
		label, ok := addedValue(s.SQL)
		if ok && usedLater(tx[i+1:], label) {
			s.SQL = strings.Replace(s.SQL, " ADD VALUE ", " ADD VALUE IF NOT EXISTS ", 1)
			s.Transactional, s.BeforeTransaction = false, true
			pre = append(pre, s)
			continue
		}
		rest = append(rest, s)
	}
	return pre, rest
}

// addedValue returns the quoted label of an ALTER TYPE ... ADD VALUE.
func addedValue(sql string) (string, bool) {
	_, after, ok := strings.Cut(sql, " ADD VALUE ")
	if !ok || !strings.HasPrefix(sql, "ALTER TYPE ") {
		return "", false
	}
	if i := strings.Index(after, "' BEFORE '"); i >= 0 {
		after = after[:i+1]
	}
	return after, true
}

func usedLater(steps []Step, label string) bool {
	for _, s := range steps {
		if _, isAdd := addedValue(s.SQL); !isAdd && strings.Contains(s.SQL, label) {
			return true
		}
	}
	return false
}

// nodeHeap pops the ready node that sorts first.
type nodeHeap []*node

func (h nodeHeap) Len() int { return len(h) }
func (h nodeHeap) Less(i, j int) bool {
	a, z := h[i], h[j]
	if a.phase != z.phase {
		return a.phase < z.phase
	}
	if a.rank != z.rank {
		return a.rank < z.rank
	}
	if a.pos != z.pos {
		return a.pos < z.pos
	}
	return a.key.Less(z.key)
}
func (h nodeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *nodeHeap) Push(x any)   { *h = append(*h, x.(*node)) }
func (h *nodeHeap) Pop() any {
	old := *h
	n := old[len(old)-1]
	*h = old[:len(old)-1]
	return n
}

// kindRank orders kinds for creation; drops use the reverse.
var kindRank = map[catalog.Kind]int{
	catalog.KindSchema: 0, catalog.KindExtension: 1, catalog.KindCollation: 2, catalog.KindTextSearchConfig: 2,
	catalog.KindTextSearchDict: 2, catalog.KindStatistics: 13,
	catalog.KindEnum: 3, catalog.KindDomain: 4, catalog.KindCompositeType: 5,
	catalog.KindRangeType: 6, catalog.KindFunction: 7, catalog.KindProcedure: 7,
	catalog.KindAggregate: 8, catalog.KindSequence: 9, catalog.KindTable: 10,
	catalog.KindColumn: 11, catalog.KindConstraint: 12, catalog.KindIndex: 13,
	catalog.KindView: 14, catalog.KindMaterializedView: 15, catalog.KindTrigger: 16, catalog.KindRule: 16,
	catalog.KindPolicy: 17, catalog.KindEventTrigger: 18, catalog.KindPublication: 18, catalog.KindDefaultPrivileges: 19,
}

// detachedUse reports whether column k's use of d goes away in its detach
// step (its old default) rather than in its alteration (its type).
func (b *builder) detachedUse(k, d catalog.Key) bool {
	if b.nodes[nodeID{phaseDetach, k}] == nil {
		return false
	}
	c, ok := b.fromIdx[k].Value.(*catalog.Column)
	return ok && !typeMentions(c.Type, d)
}
