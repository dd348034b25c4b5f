package codereview

import (
	"fmt"
	"regexp"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgfleet/pgfleet/internal/sqlsplit"
)

// reviewParsed runs the parser rules on every statement of f.
func reviewParsed(src *source, f *sqlsplit.File, regex map[string]RuleInfo) []found {
	sc := &script{src: src, created: map[string]bool{}, indexes: map[string]bool{},
		validated: map[string]bool{}, pkLater: map[string]bool{}, regex: regex}
	for i := range f.Statements {
		sc.notePrimaryKeys(f.Statements[i].Node)
	}
	for i := range f.Statements {
		if f.Statements[i].Node == nil {
			continue
		}
		s := &stmt{script: sc, st: &f.Statements[i], node: parseAlone(&f.Statements[i])}
		if s.node == nil {
			continue
		}
		s.transaction()
		s.review()
	}
	return sc.found
}

// notePrimaryKeys records the tables an ALTER TABLE gives a primary key.
func (sc *script) notePrimaryKeys(n *pg_query.Node) {
	at := n.GetAlterTableStmt()
	if at == nil {
		return
	}
	for _, c := range at.Cmds {
		if con := c.GetAlterTableCmd().GetDef().GetConstraint(); con != nil && con.Contype == pg_query.ConstrType_CONSTR_PRIMARY {
			sc.pkLater[relKey(at.Relation)] = true
		}
	}
}

// review dispatches a statement to the rules for its kind.
func (s *stmt) review() {
	n := s.node
	switch {
	case n.GetCreateStmt() != nil:
		s.createTable(n.GetCreateStmt())
	case n.GetCreateTableAsStmt() != nil:
		s.created[relKey(n.GetCreateTableAsStmt().GetInto().GetRel())] = true
	case n.GetAlterTableStmt() != nil:
		s.alterTable(n.GetAlterTableStmt())
	case n.GetIndexStmt() != nil:
		s.createIndex(n.GetIndexStmt())
	case n.GetDropStmt() != nil:
		s.dropIndex(n.GetDropStmt())
		s.dropPublication(n.GetDropStmt())
	case n.GetRenameStmt() != nil:
		s.rename(n.GetRenameStmt())
	case n.GetDeleteStmt() != nil:
		s.unbounded(n.GetDeleteStmt().Relation, n.GetDeleteStmt().WhereClause, "DELETE")
	case n.GetUpdateStmt() != nil:
		s.unbounded(n.GetUpdateStmt().Relation, n.GetUpdateStmt().WhereClause, "UPDATE")
	default:
		s.maintenance(n)
	}
}

var (
	reCreateIndex     = regexp.MustCompile(`(?i)CREATE\s+(?:UNIQUE\s+)?INDEX`)
	reDropIndex       = regexp.MustCompile(`(?i)DROP\s+INDEX`)
	reDropPublication = regexp.MustCompile(`(?i)DROP\s+PUBLICATION`)
	reRename          = regexp.MustCompile(`(?i)\bRENAME\b`)
	reFirstWord       = regexp.MustCompile(`(?i)^\w+`)
	reRefresh         = regexp.MustCompile(`(?i)REFRESH\s+MATERIALIZED\s+VIEW`)
	reConcurrent      = regexp.MustCompile(`(?i)\bCONCURRENTLY\b`)
	reDML             = regexp.MustCompile(`(?i)\b(?:DELETE|UPDATE)\b`)
)

// unbounded flags DELETE and UPDATE without WHERE on an existing table.
func (s *stmt) unbounded(rel *pg_query.RangeVar, where *pg_query.Node, verb string) {
	if where != nil || s.created[relKey(rel)] {
		return
	}
	s.reportRE("PG019", reDML, 0, fmt.Sprintf("%s without WHERE changes every row of %s", verb, rel.GetRelname()))
}

// transaction tracks explicit transaction blocks and flags statements that
// cannot run inside one (PG018).
func (s *stmt) transaction() {
	n := s.node
	if ts := n.GetTransactionStmt(); ts != nil {
		switch ts.Kind {
		case pg_query.TransactionStmtKind_TRANS_STMT_BEGIN, pg_query.TransactionStmtKind_TRANS_STMT_START:
			s.inTxn = true
		case pg_query.TransactionStmtKind_TRANS_STMT_COMMIT, pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK:
			s.inTxn = false
		}
		return
	}
	if !s.inTxn {
		return
	}
	_, reindexConc := defElemSet(n.GetReindexStmt().GetParams(), "concurrently")
	switch {
	case n.GetIndexStmt().GetConcurrent(), n.GetDropStmt().GetConcurrent(), reindexConc:
		s.reportRE("PG018", reConcurrent, 0, "this CONCURRENTLY statement is inside a BEGIN ... COMMIT block and will fail")
	case n.GetVacuumStmt().GetIsVacuumcmd():
		s.reportRE("PG018", reFirstWord, 0, "VACUUM is inside a BEGIN ... COMMIT block and will fail")
	}
}

// createTable records the table and checks it has a primary key (RX013).
func (s *stmt) createTable(cs *pg_query.CreateStmt) {
	key := relKey(cs.Relation)
	s.created[key] = true
	if cs.Partbound != nil || cs.Relation.GetRelpersistence() == "t" || s.pkLater[key] {
		return
	}
	for _, e := range cs.TableElts {
		if e.GetTableLikeClause() != nil || isPrimary(e.GetConstraint()) {
			return
		}
		for _, c := range e.GetColumnDef().GetConstraints() {
			if isPrimary(c.GetConstraint()) {
				return
			}
		}
	}
	s.reportName("RX013", cs.Relation.GetLocation(), fmt.Sprintf("table %s is created without a PRIMARY KEY", cs.Relation.GetRelname()))
}

func isPrimary(c *pg_query.Constraint) bool {
	return c != nil && c.Contype == pg_query.ConstrType_CONSTR_PRIMARY
}

// createIndex flags CREATE INDEX without CONCURRENTLY on an existing table.
func (s *stmt) createIndex(ix *pg_query.IndexStmt) {
	if ix.Idxname != "" {
		s.indexes[ix.Idxname] = true
	}
	if ix.Concurrent || s.created[relKey(ix.Relation)] {
		return
	}
	s.reportRE("PG006", reCreateIndex, 0, fmt.Sprintf("index %s on existing table %s is built without CONCURRENTLY, blocking writes",
		or(ix.Idxname, "(unnamed)"), ix.Relation.GetRelname()))
}

// dropIndex flags DROP INDEX without CONCURRENTLY.
func (s *stmt) dropIndex(ds *pg_query.DropStmt) {
	if ds.RemoveType != pg_query.ObjectType_OBJECT_INDEX || ds.Concurrent {
		return
	}
	for _, o := range ds.Objects {
		items := o.GetList().GetItems()
		if len(items) == 0 {
			continue
		}
		name := items[len(items)-1].GetString_().GetSval()
		if !s.indexes[name] {
			s.reportRE("PG007", reDropIndex, 0, fmt.Sprintf("index %s is dropped without CONCURRENTLY", name))
			return
		}
	}
}

// dropPublication flags DROP PUBLICATION: its subscribers (replicas, change
// data capture) stop receiving changes.
func (s *stmt) dropPublication(ds *pg_query.DropStmt) {
	if ds.RemoveType != pg_query.ObjectType_OBJECT_PUBLICATION {
		return
	}
	for _, o := range ds.Objects {
		s.reportRE("PG020", reDropPublication, 0, fmt.Sprintf("publication %s is dropped: its subscribers stop receiving changes",
			o.GetString_().GetSval()))
	}
}

// rename flags renames of tables and columns of existing tables.
func (s *stmt) rename(rs *pg_query.RenameStmt) {
	switch rs.RenameType {
	case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_COLUMN:
	default:
		return
	}
	table := relKey(rs.Relation)
	if s.created[table] {
		return
	}
	what := "table " + table
	if rs.RenameType == pg_query.ObjectType_OBJECT_COLUMN {
		what = "column " + table + "." + rs.Subname
	}
	s.reportRE("PG011", reRename, 0, fmt.Sprintf("%s is renamed to %s: clients using the old name break", what, rs.Newname))
}

// maintenance flags VACUUM FULL, CLUSTER, LOCK, REINDEX and REFRESH
// MATERIALIZED VIEW without CONCURRENTLY.
func (s *stmt) maintenance(n *pg_query.Node) {
	switch {
	case n.GetVacuumStmt() != nil:
		if d, ok := defElemSet(n.GetVacuumStmt().Options, "full"); ok && n.GetVacuumStmt().IsVacuumcmd {
			s.reportAt("PG008", d.Location, "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock")
		}
	case n.GetClusterStmt() != nil:
		s.reportRE("PG009", reFirstWord, 0, "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock")
	case n.GetLockStmt() != nil:
		s.reportRE("PG010", reFirstWord, 0, "explicit LOCK TABLE holds its lock until the transaction ends")
	case n.GetReindexStmt() != nil:
		if _, ok := defElemSet(n.GetReindexStmt().Params, "concurrently"); !ok {
			s.reportRE("PG012", reFirstWord, 0, "REINDEX without CONCURRENTLY blocks writes to the table")
		}
	case n.GetRefreshMatViewStmt() != nil:
		rm := n.GetRefreshMatViewStmt()
		if !rm.Concurrent && !s.created[relKey(rm.Relation)] {
			s.reportRE("PG014", reRefresh, 0, fmt.Sprintf("materialized view %s is refreshed without CONCURRENTLY, blocking reads", rm.Relation.GetRelname()))
		}
	}
}
