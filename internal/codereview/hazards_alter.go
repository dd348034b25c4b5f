package codereview

import (
	"fmt"
	"regexp"
	"slices"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

var (
	reSetNotNull = regexp.MustCompile(`(?i)SET\s+NOT\s+NULL`)
	reRewriteSet = regexp.MustCompile(`(?i)SET\s+(?:TABLESPACE|LOGGED|UNLOGGED)\b`)
	reAttach     = regexp.MustCompile(`(?i)ATTACH\s+PARTITION`)
	reDropColumn = regexp.MustCompile(`(?i)\bDROP\s+COLUMN\b`)
	reDrop       = regexp.MustCompile(`(?i)\bDROP\b`)
)

// alterTable checks the subcommands of an ALTER TABLE on an existing table.
func (s *stmt) alterTable(at *pg_query.AlterTableStmt) {
	if at.Objtype != pg_query.ObjectType_OBJECT_TABLE {
		return
	}
	table := relKey(at.Relation)
	setNotNull, rewriteSet := 0, 0
	for _, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		if cmd == nil {
			continue
		}
		if cmd.Subtype == pg_query.AlterTableType_AT_ValidateConstraint {
			s.validated[table] = true
		}
		if s.created[table] {
			continue
		}
		switch cmd.Subtype {
		case pg_query.AlterTableType_AT_AddColumn:
			s.addColumn(table, cmd.Def.GetColumnDef())
		case pg_query.AlterTableType_AT_AlterColumnType:
			s.alterColumnType(table, cmd.Name, cmd.Def.GetColumnDef())
		case pg_query.AlterTableType_AT_SetNotNull:
			if !s.validated[table] {
				s.reportRE("PG003", reSetNotNull, setNotNull, fmt.Sprintf("SET NOT NULL on %s.%s scans the table under an ACCESS EXCLUSIVE lock; no validated CHECK (%s IS NOT NULL) precedes it in this script", table, cmd.Name, cmd.Name))
			}
			setNotNull++
		case pg_query.AlterTableType_AT_AddConstraint:
			s.addConstraint(table, cmd.Def.GetConstraint())
		case pg_query.AlterTableType_AT_SetTableSpace, pg_query.AlterTableType_AT_SetLogged, pg_query.AlterTableType_AT_SetUnLogged:
			s.reportRE("PG016", reRewriteSet, rewriteSet, fmt.Sprintf("this rewrites table %s under an ACCESS EXCLUSIVE lock", table))
			rewriteSet++
		case pg_query.AlterTableType_AT_DropColumn:
			s.dropColumnWithoutKeyword(table, cmd.Name)
		case pg_query.AlterTableType_AT_AttachPartition:
			s.reportRE("PG017", reAttach, 0, fmt.Sprintf("attaching a partition to %s scans it unless a CHECK constraint matching its bound exists", table))
		}
	}
}

// volatileFuncs are common volatile functions: as a default, they are
// evaluated for every existing row.
var volatileFuncs = []string{"random", "random_normal", "clock_timestamp", "timeofday", "gen_random_uuid",
	"uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "nextval", "txid_current", "pg_current_xact_id"}

// serialTypes get a nextval() default, evaluated per row.
var serialTypes = []string{"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"}

// addColumn flags ADD COLUMN whose default must be computed per row.
func (s *stmt) addColumn(table string, cd *pg_query.ColumnDef) {
	if cd == nil {
		return
	}
	col := table + "." + cd.Colname
	s.notNullWithoutDefault(col, cd)
	if slices.Contains(serialTypes, typeName(cd.TypeName)) {
		s.reportAt("PG002", cd.TypeName.Location, fmt.Sprintf("column %s of type %s gets a nextval() default, evaluated for every existing row", col, typeName(cd.TypeName)))
		return
	}
	for _, cn := range cd.Constraints {
		c := cn.GetConstraint()
		switch {
		case c == nil:
		case c.Contype == pg_query.ConstrType_CONSTR_IDENTITY:
			s.reportAt("PG002", c.Location, fmt.Sprintf("identity column %s is filled for every existing row", col))
			return
		case c.Contype == pg_query.ConstrType_CONSTR_GENERATED:
			s.reportAt("PG002", c.Location, fmt.Sprintf("stored generated column %s is computed for every existing row", col))
			return
		case c.Contype == pg_query.ConstrType_CONSTR_DEFAULT:
			for _, fc := range funcCalls(c.RawExpr) {
				if slices.Contains(volatileFuncs, funcName(fc)) {
					s.reportAt("PG002", fc.Location, fmt.Sprintf("column %s has the volatile default %s(), evaluated for every existing row", col, funcName(fc)))
					return
				}
			}
		}
	}
}

// coercibleTargets are the target types a binary-coercible (no rewrite)
// type change can have, given the right source type.
var coercibleTargets = []string{"text", "varchar", "numeric", "varbit", "citext", "inet"}

// alterColumnType flags a column type change.
func (s *stmt) alterColumnType(table, col string, cd *pg_query.ColumnDef) {
	if cd == nil || cd.TypeName == nil {
		return
	}
	target := typeName(cd.TypeName)
	msg := fmt.Sprintf("changing %s.%s to type %s rewrites the table and its indexes under an ACCESS EXCLUSIVE lock", table, col, target)
	if cd.RawDefault != nil {
		msg += " (the USING expression forces a rewrite)"
	} else if slices.Contains(coercibleTargets, target) {
		msg = fmt.Sprintf("changing %s.%s to type %s rewrites the table unless the change is binary-coercible (such as varchar(n) to a longer varchar or to text): verify the old type", table, col, target)
		s.reportAt("PG001", cd.TypeName.Location, msg)
		s.found[len(s.found)-1].v.Severity = SeverityWarning
		return
	}
	s.reportAt("PG001", cd.TypeName.Location, msg)
}

// addConstraint flags constraints whose validation scans or indexes the
// table while it is locked.
func (s *stmt) addConstraint(table string, c *pg_query.Constraint) {
	if c == nil {
		return
	}
	name := or(c.Conname, "(unnamed)")
	switch c.Contype {
	case pg_query.ConstrType_CONSTR_FOREIGN:
		if !c.SkipValidation {
			s.reportAt("PG004", c.Location, fmt.Sprintf("foreign key %s on %s is validated while both tables are locked: add it NOT VALID, then VALIDATE CONSTRAINT", name, table))
		}
	case pg_query.ConstrType_CONSTR_CHECK:
		if c.SkipValidation {
			return
		}
		s.validated[table] = true
		s.reportAt("PG005", c.Location, fmt.Sprintf("CHECK %s on %s scans the table under an ACCESS EXCLUSIVE lock: add it NOT VALID, then VALIDATE CONSTRAINT", name, table))
	case pg_query.ConstrType_CONSTR_PRIMARY, pg_query.ConstrType_CONSTR_UNIQUE:
		if c.Indexname == "" {
			s.reportAt("PG013", c.Location, fmt.Sprintf("constraint %s on %s builds its index while the table is locked: build a unique index CONCURRENTLY and add the constraint USING INDEX", name, table))
		}
	}
}

// notNullWithoutDefault flags ADD COLUMN ... NOT NULL that has no default
// (and is neither identity, generated nor serial): it fails on a table with
// rows.
func (s *stmt) notNullWithoutDefault(col string, cd *pg_query.ColumnDef) {
	notNull := cd.IsNotNull
	var at int32 = -1
	for _, cn := range cd.Constraints {
		switch c := cn.GetConstraint(); c.GetContype() {
		case pg_query.ConstrType_CONSTR_NOTNULL:
			notNull, at = true, c.Location
		case pg_query.ConstrType_CONSTR_DEFAULT, pg_query.ConstrType_CONSTR_IDENTITY, pg_query.ConstrType_CONSTR_GENERATED:
			return
		}
	}
	if !notNull || slices.Contains(serialTypes, typeName(cd.TypeName)) {
		return
	}
	if at < 0 {
		at = cd.Location
	}
	s.reportAt("PG015", at, fmt.Sprintf("column %s is NOT NULL without a DEFAULT: adding it fails if the table has rows", col))
}

// dropColumnWithoutKeyword reports RX004 for ALTER TABLE t DROP c, the
// PostgreSQL form without the COLUMN keyword that the regex rule cannot
// tell from DROP CONSTRAINT, when the statement has no DROP COLUMN the
// regex rule already reports and RX004 is active.
func (s *stmt) dropColumnWithoutKeyword(table, col string) {
	if _, active := s.regex["RX004"]; !active {
		return
	}
	end := s.st.Offset + len(s.st.Text)
	if _, _, ok := s.src.find(reDropColumn, s.st.Offset, end, 0); ok {
		return
	}
	s.reportRE("RX004", reDrop, 0, fmt.Sprintf("column %s.%s is dropped", table, col))
}
