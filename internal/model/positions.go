package model

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/sqlsplit"
)

// Position is where in the model an object is defined.
type Position struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
}

// String formats the position as file:line.
func (p Position) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// located is one object mention of a statement, resolved to a catalog key.
type located struct {
	obj   sqlsplit.Object
	ref   stmtRef
	state int
	key   catalog.Key // Name completed with identity arguments for routines
}

// positions maps every object of c to the statement that defined it: its
// CREATE when there is one, otherwise the first statement naming it
// (COMMENT ON, GRANT, ALTER); sub-objects created implicitly (a primary
// key's index, a view's columns) take their table's position.
func (a *applier) positions(ctx context.Context, c *catalog.Catalog) (map[catalog.Key]Position, error) {
	objs, err := a.resolve(ctx)
	if err != nil {
		return nil, err
	}
	idx := c.Index()
	byName := map[catalog.Key][]catalog.Key{}
	for k := range idx {
		short := catalog.Key{Kind: k.Kind, Schema: k.Schema, Name: k.Name}
		byName[short] = append(byName[short], k)
	}
	out := map[catalog.Key]Position{}
	created := map[catalog.Key]bool{}
	for _, l := range objs {
		k, ok := match(l.key, l.obj.Kind, idx, byName)
		if !ok {
			continue
		}
		isCreate := l.obj.Action == sqlsplit.ActionCreate
		if _, seen := out[k]; seen && (created[k] || !isCreate) {
			continue
		}
		out[k] = Position{File: l.ref.file.Name, Line: l.obj.Line, Column: l.obj.Column}
		created[k] = isCreate
	}
	inheritPositions(out, idx)
	return out, nil
}

// inheritPositions gives objects created implicitly the position of what
// created them: a constraint's index the constraint's, other sub-objects
// their relation's, sequences of serial and identity columns their
// column's.
func inheritPositions(out map[catalog.Key]Position, idx map[catalog.Key]catalog.Object) {
	for k, o := range idx {
		if _, ok := out[k]; ok {
			continue
		}
		if seq, ok := o.Value.(*catalog.Sequence); ok && seq.OwnedBy != "" {
			if pos, ok := ownerPosition(out, seq.OwnedBy); ok {
				out[k] = pos
			}
			continue
		}
		if k.Kind == catalog.KindIndex {
			// the index of a PRIMARY KEY, UNIQUE or EXCLUDE constraint
			con := k
			con.Kind = catalog.KindConstraint
			if pos, ok := out[con]; ok {
				out[k] = pos
				continue
			}
		}
		if p, ok := k.Parent(); ok {
			if pos, ok := out[p]; ok {
				out[k] = pos
			} else if pos, ok := parentPosition(out, p); ok {
				out[k] = pos
			}
		}
	}
}

// ownerPosition finds the position of the column "schema.table.column"
// (identifiers quoted as needed) that owns a sequence, or of its table.
func ownerPosition(out map[catalog.Key]Position, ownedBy string) (Position, bool) {
	parts := splitQualified(ownedBy)
	if len(parts) != 3 {
		return Position{}, false
	}
	col := catalog.Key{Kind: catalog.KindColumn, Schema: parts[0], Table: parts[1], Name: parts[2]}
	if pos, ok := out[col]; ok {
		return pos, true
	}
	pos, ok := out[catalog.Key{Kind: catalog.KindTable, Schema: parts[0], Name: parts[1]}]
	return pos, ok
}

// splitQualified splits a dotted name whose parts may be double-quoted.
func splitQualified(s string) []string {
	var parts []string
	var cur []byte
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' && quoted && i+1 < len(s) && s[i+1] == '"':
			cur = append(cur, '"')
			i++
		case c == '"':
			quoted = !quoted
		case c == '.' && !quoted:
			parts = append(parts, string(cur))
			cur = cur[:0]
		default:
			cur = append(cur, c)
		}
	}
	return append(parts, string(cur))
}

// parentPosition finds a sub-object's parent among the relation kinds a
// Key.Parent (always "table") may actually be.
func parentPosition(out map[catalog.Key]Position, p catalog.Key) (Position, bool) {
	for _, kind := range []catalog.Kind{catalog.KindView, catalog.KindMaterializedView} {
		p.Kind = kind
		if pos, ok := out[p]; ok {
			return pos, true
		}
	}
	return Position{}, false
}

// candidates lists the catalog kinds an object of a statement may be.
func candidates(k sqlsplit.Kind) []catalog.Kind {
	switch k {
	case sqlsplit.KindType:
		return []catalog.Kind{catalog.KindEnum, catalog.KindCompositeType, catalog.KindRangeType, catalog.KindDomain}
	case sqlsplit.KindTable, sqlsplit.KindForeignTable:
		return []catalog.Kind{catalog.KindTable, catalog.KindView, catalog.KindMaterializedView, catalog.KindSequence}
	case sqlsplit.KindView, sqlsplit.KindMaterializedView:
		return []catalog.Kind{catalog.Kind(k), catalog.KindView, catalog.KindMaterializedView}
	}
	return []catalog.Kind{catalog.Kind(k)}
}

// match finds the catalog key an object mention refers to.
func match(k catalog.Key, kind sqlsplit.Kind, idx map[catalog.Key]catalog.Object,
	byName map[catalog.Key][]catalog.Key) (catalog.Key, bool) {
	for _, ck := range candidates(kind) {
		k.Kind = ck
		if _, ok := idx[k]; ok {
			return k, true
		}
		if k.Table == "" {
			if ks := byName[k]; len(ks) == 1 {
				return ks[0], true
			}
		}
	}
	return catalog.Key{}, false
}

// resolve qualifies every object mention of the applied statements with
// the schema its session's search_path chose and completes routine names
// with their argument types as PostgreSQL prints them.
func (a *applier) resolve(ctx context.Context) ([]located, error) {
	var out []located
	schemas := map[int]string{}
	for _, u := range a.sc.units {
		for _, o := range u.st.Objects {
			l := located{obj: o, ref: u.stmtRef, state: u.state,
				key: catalog.Key{Schema: o.Schema, Table: o.Table, Name: o.Name}}
			if l.key.Schema == "" && !databaseWide(o.Kind) {
				s, ok := schemas[u.state]
				if !ok {
					var err error
					if s, err = a.creationSchema(ctx, u.state); err != nil {
						return nil, err
					}
					schemas[u.state] = s
				}
				l.key.Schema = s
			}
			out = append(out, l)
		}
	}
	return out, a.routineKeys(ctx, out)
}

// databaseWide reports whether objects of kind live outside schemas.
func databaseWide(k sqlsplit.Kind) bool {
	return k == sqlsplit.KindSchema || k == sqlsplit.KindExtension || k == sqlsplit.KindEventTrigger || k == sqlsplit.KindPublication
}

// creationSchema returns the schema unqualified objects are created in
// under session state i: the first existing schema of its search_path.
func (a *applier) creationSchema(ctx context.Context, i int) (string, error) {
	if err := a.use(ctx, i); err != nil {
		return "", err
	}
	var s *string
	if err := a.conn.QueryRow(ctx, "SELECT (current_schemas(false))[1]").Scan(&s); err != nil {
		return "", fmt.Errorf("reading search_path of the schema model: %w", err)
	}
	if s == nil {
		return "", nil
	}
	return *s, nil
}

// isRoutine reports whether objects of kind are identified by arguments.
func isRoutine(k sqlsplit.Kind) bool {
	return k == sqlsplit.KindFunction || k == sqlsplit.KindProcedure || k == sqlsplit.KindAggregate
}

// routineKeys sets the Name of every routine mention to name(argument
// types) as the catalog keys routines: oidvectortypes of proargtypes,
// printed under the default search_path as the inspector prints them.
func (a *applier) routineKeys(ctx context.Context, ls []located) error {
	byState := map[int][]int{}
	for i, l := range ls {
		if isRoutine(l.obj.Kind) {
			byState[l.state] = append(byState[l.state], i)
		}
	}
	var members []int
	var oids []*uint32
	for state, ms := range byState {
		found, err := a.routineOIDs(ctx, state, ls, ms)
		if err != nil {
			return err
		}
		members, oids = append(members, ms...), append(oids, found...)
	}
	if len(members) == 0 {
		return nil
	}
	if err := a.use(ctx, 0); err != nil {
		return err
	}
	rows, err := a.conn.Query(ctx, `SELECT oidvectortypes(p.proargtypes)
		FROM unnest($1::oid[]) WITH ORDINALITY AS u(o, n) LEFT JOIN pg_proc p ON p.oid = u.o
		ORDER BY n`, oids)
	if err != nil {
		return fmt.Errorf("resolving routine signatures of the schema model: %w", err)
	}
	args, err := pgx.CollectRows(rows, pgx.RowTo[*string])
	if err != nil {
		return fmt.Errorf("resolving routine signatures of the schema model: %w", err)
	}
	for j, i := range members {
		if args[j] != nil {
			ls[i].key.Name += "(" + *args[j] + ")"
		}
	}
	return nil
}

// routineOIDs looks routine mentions up under the session state they were
// written in (their unqualified argument types follow its search_path).
func (a *applier) routineOIDs(ctx context.Context, state int, ls []located, members []int) ([]*uint32, error) {
	if err := a.use(ctx, state); err != nil {
		return nil, err
	}
	sigs, hasArgs := make([]string, len(members)), make([]bool, len(members))
	for j, i := range members {
		sigs[j], hasArgs[j] = signature(ls[i])
	}
	rows, err := a.conn.Query(ctx, `SELECT (CASE WHEN has THEN to_regprocedure(sig) ELSE to_regproc(sig) END)::oid
		FROM unnest($1::text[], $2::bool[]) WITH ORDINALITY AS u(sig, has, n) ORDER BY n`, sigs, hasArgs)
	if err != nil {
		return nil, fmt.Errorf("resolving routines of the schema model: %w", err)
	}
	oids, err := pgx.CollectRows(rows, pgx.RowTo[*uint32])
	if err != nil {
		return nil, fmt.Errorf("resolving routines of the schema model: %w", err)
	}
	return oids, nil
}

// signature renders a routine mention for to_regprocedure (with its
// arguments) or to_regproc (without).
func signature(l located) (string, bool) {
	name := quoteIdent(l.key.Schema) + "." + quoteIdent(l.obj.Name)
	if l.obj.Args == nil {
		return name, false
	}
	sig := name + "("
	for i, a := range l.obj.Args {
		if i > 0 {
			sig += ", "
		}
		sig += a
	}
	return sig + ")", true
}

// quoteIdent double-quotes an identifier.
func quoteIdent(s string) string {
	out := []byte{'"'}
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			out = append(out, '"')
		}
		out = append(out, s[i])
	}
	return string(append(out, '"'))
}
