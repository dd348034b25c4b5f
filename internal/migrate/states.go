package migrate

import (
	"fmt"
	"strings"
)

// appliedEntry describes one history row.
func (r *resolver) appliedEntry(row *HistoryRow, applied, repeatables map[string]*rowState) *entry {
	switch row.Type {
	case TypeSchema:
		return (&entry{info: MigrationInfo{Undoable: "No", State: StateSuccess}}).withRow(row)
	case TypeBaseline:
		return (&entry{info: MigrationInfo{Undoable: "No", State: StateBaseline}}).withRow(row)
	case TypeUndoSQL:
		e := (&entry{info: MigrationInfo{Undoable: "No", State: StateSuccess}}).withRow(row)
		if u := r.undos[keyOf(row.Version)]; u != nil {
			e.info.Filepath = u.Path
		}
		return e
	}
	if row.Version == "" {
		return r.appliedRepeatable(row, repeatables[row.Description])
	}
	return r.appliedVersioned(row, applied[keyOf(row.Version)])
}

func keyOf(version string) string {
	v, err := ParseVersion(version)
	if err != nil {
		return version
	}
	return versionKey(v)
}

func (r *resolver) appliedVersioned(row *HistoryRow, st *rowState) *entry {
	m := r.resolved(row)
	e := &entry{}
	if m != nil {
		e = r.newEntry(m)
	}
	e.withRow(row)
	hi := r.highestResolved()
	v, _ := ParseVersion(row.Version)
	future := hi == nil || v.Compare(*hi) > 0
	switch {
	case r.undone[row.InstalledRank]:
		e.info.State = StateUndone
	case st == nil || st.latest != row:
		e.info.State = StateSuperseded
	case st.deleted:
		e.info.State = StateDeleted
	case !row.Success && m != nil:
		e.info.State, e.status = StateFailed, "failed"
		e.problem = fmt.Sprintf("detected failed migration to version %s (%s): remove any half-completed changes, then run repair", row.Version, row.Description)
	case !row.Success && future:
		e.info.State, e.status = StateFailedFuture, "future"
	case !row.Success:
		e.info.State, e.status = StateFailedMissing, "missing"
		e.problem = fmt.Sprintf("detected failed migration to version %s (%s) that is no longer resolved locally: run repair", row.Version, row.Description)
	case m == nil && future:
		e.info.State, e.status = StateFuture, "future"
		e.problem = fmt.Sprintf("detected applied migration %s newer than every local migration; add it to the locations or set -ignoreMigrationPatterns='*:future'", row.Version)
	case m == nil:
		e.info.State, e.status = StateMissing, "missing"
		e.problem = fmt.Sprintf("detected applied migration not resolved locally: %s (%s); if you removed it intentionally, run repair to mark it as deleted", row.Version, row.Description)
	default:
		e.info.State = r.successOrOutOfOrder(row, v)
		e.problem = mismatch(e, m)
	}
	return e
}

// successOrOutOfOrder tells Out of Order (applied after a higher version)
// from Success.
func (r *resolver) successOrOutOfOrder(row *HistoryRow, v Version) string {
	for i := range r.rows {
		o := &r.rows[i]
		if o.InstalledRank >= row.InstalledRank || o.Version == "" || o.Type == TypeUndoSQL || o.Type == TypeDelete || o.Type == TypeSchema {
			continue
		}
		if ov, err := ParseVersion(o.Version); err == nil && ov.Compare(v) > 0 {
			return StateOutOfOrder
		}
	}
	return StateSuccess
}

// mismatch compares an applied versioned migration with its file: checksum,
// description and type. The .sql.conf file is not part of the checksum, so
// changing a Deploy Rule never raises a mismatch.
func mismatch(e *entry, m *Migration) string {
	row := e.row
	wantType := TypeSQL
	if m.Kind == KindBaseline {
		wantType = TypeSQLBaseline
	}
	switch {
	case !equalChecksum(row.Checksum, e.checksum):
		return fmt.Sprintf("migration checksum mismatch for migration version %s: applied to database %s, resolved locally %s (%s); revert the change to the script, or run repair to accept it",
			row.Version, fmtChecksum(row.Checksum), fmtChecksum(e.checksum), m.Path)
	case row.Description != m.Description:
		return fmt.Sprintf("migration description mismatch for migration version %s: applied to database %q, resolved locally %q (%s); run repair to accept it",
			row.Version, row.Description, m.Description, m.Path)
	case row.Type != wantType && !(row.Type == TypeSQL && wantType == TypeSQLBaseline):
		return fmt.Sprintf("migration type mismatch for migration version %s: applied to database %s, resolved locally %s (%s); run repair to accept it",
			row.Version, row.Type, wantType, m.Path)
	}
	return ""
}

func equalChecksum(a, b *int32) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func fmtChecksum(c *int32) string {
	if c == nil {
		return "null"
	}
	return fmt.Sprint(*c)
}

func (r *resolver) appliedRepeatable(row *HistoryRow, st *rowState) *entry {
	m := r.resolvedRepeatable(row.Description)
	e := &entry{}
	if m != nil {
		e = r.newEntry(m)
	}
	e.withRow(row)
	switch {
	case st == nil || st.latest != row:
		e.info.State = StateSuperseded
	case st.deleted:
		e.info.State = StateDeleted
	case m == nil:
		e.info.State, e.status = StateMissing, "missing"
		e.problem = fmt.Sprintf("detected applied repeatable migration not resolved locally: %q; if you removed it intentionally, run repair to mark it as deleted", row.Description)
	case !row.Success:
		e.info.State, e.status = StateFailed, "failed"
		e.problem = fmt.Sprintf("detected failed repeatable migration %q: remove any half-completed changes, then run repair", row.Description)
	case !equalChecksum(row.Checksum, e.checksum) && r.skippedByRule(m):
		e.info.State, e.info.Reason = StateIgnored, "changed since applied, but its Deploy Rule is false here"
	case !equalChecksum(row.Checksum, e.checksum):
		e.info.State, e.status, e.pending = StateOutdated, "outdated", true
		e.problem = fmt.Sprintf("detected outdated repeatable migration %q that migrate will re-apply (%s)", row.Description, m.Path)
	default:
		e.info.State = StateSuccess
	}
	return e
}

// unappliedVersioned lists the local versioned and baseline migrations
// without an effective history row.
func (r *resolver) unappliedVersioned(applied map[string]*rowState) []*entry {
	base := r.baselineMigration(applied)
	var out []*entry
	for _, m := range r.disc.Migrations {
		if m.Kind == KindRepeatable {
			continue
		}
		if st := applied[versionKey(m.Version)]; st != nil && !st.undone && !st.deleted {
			continue
		}
		e := r.newEntry(m)
		r.pendingState(e, base)
		out = append(out, e)
	}
	return out
}

// baselineMigration picks the B migration that starts an empty history:
// the highest one within the target.
func (r *resolver) baselineMigration(applied map[string]*rowState) *Migration {
	if len(applied) > 0 || r.baseline != nil {
		return nil
	}
	var pick *Migration
	for _, m := range r.disc.Migrations {
		if m.Kind == KindBaseline && !r.aboveTarget(m.Version) {
			pick = m
		}
	}
	return pick
}

func (r *resolver) aboveTarget(v Version) bool {
	switch t := strings.ToLower(r.opts.Target); t {
	case "latest", "":
		return false
	case "current":
		return r.maxV == nil || v.Compare(*r.maxV) > 0
	}
	target, err := ParseVersion(r.opts.Target)
	return err == nil && v.Compare(target) > 0
}

func (r *resolver) pendingState(e *entry, base *Migration) {
	m := e.m
	switch {
	case m.Kind == KindBaseline && m != base:
		e.info.State = StateAvailable
	case base != nil && m != base && m.Version.Compare(base.Version) <= 0:
		e.info.State, e.info.Reason = StateBelowBaseline, "covered by baseline migration "+base.Script
	case r.baseline != nil && m.Version.Compare(*r.baseline) <= 0:
		e.info.State, e.info.Reason = StateBelowBaseline, "at or below baseline version "+r.baseline.String()
	case r.aboveTarget(m.Version):
		e.info.State, e.info.Reason = StateAboveTarget, "above target "+r.opts.Target
	case r.skippedByRule(m):
		e.info.State, e.info.Reason = StateIgnored, "Deploy Rule is false in environment "+r.opts.Environment
	case r.maxV != nil && m.Version.Compare(*r.maxV) < 0:
		r.outOfOrderState(e)
	default:
		e.info.State, e.status, e.pending = StatePending, "pending", true
	}
}

// outOfOrderState handles a version below the highest applied one. With
// OutOfOrder it is pending; a migration whose Deploy Rule has become true is
// pending too unless StrictRuleOrder, since skipping it earlier was the
// rule's intent; otherwise it is Ignored and Validate fails on it, as in
// Flyway.
func (r *resolver) outOfOrderState(e *entry) {
	switch {
	case r.opts.OutOfOrder:
		e.info.State, e.status, e.pending = StatePending, "pending", true
		e.info.Reason = "out of order (outOfOrder=true)"
	case e.m.Rule != nil && !r.opts.StrictRuleOrder:
		e.info.State, e.status, e.pending = StatePending, "pending", true
		e.info.Reason = "out of order: its Deploy Rule is now true"
	default:
		e.info.State, e.status = StateIgnored, "ignored"
		e.info.Reason = "below the highest applied version " + r.maxV.String()
		e.problem = fmt.Sprintf("detected resolved migration not applied to database: %s (%s); to apply it, set -outOfOrder=true; to ignore it, set -ignoreMigrationPatterns='*:ignored'",
			e.m.Version, e.m.Path)
	}
}

// unappliedRepeatables lists the local repeatables never applied.
func (r *resolver) unappliedRepeatables(repeatables map[string]*rowState) []*entry {
	var out []*entry
	for _, m := range r.disc.Migrations {
		if st := repeatables[m.Description]; m.Kind != KindRepeatable || st != nil && !st.deleted {
			continue
		}
		e := r.newEntry(m)
		if r.skippedByRule(m) {
			e.info.State, e.info.Reason = StateIgnored, "Deploy Rule is false in environment "+r.opts.Environment
		} else {
			e.info.State, e.status, e.pending = StatePending, "pending", true
		}
		out = append(out, e)
	}
	return out
}
