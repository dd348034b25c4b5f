package plan

import (
	"fmt"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
)

// alterColumn renders an in-place column modification. pre holds what
// must happen before objects the old column used are dropped (its old
// default); main the rest.
func alterColumn(k catalog.Key, a, b *catalog.Column, f diff.Flag, online, viaText bool) (pre, main []stmt) {
	ac := alterTable(k) + " ALTER COLUMN " + ident(k.Name)
	lock := []Hazard{AccessExclusiveLock}
	if f.Has(diff.ColumnDefault) && a.Default != "" && a.Identity == "" && a.Generated == "" {
		pre = append(pre, stmt{sql: ac + " DROP DEFAULT", desc: "drop default of " + k.String(), hazards: lock})
	}
	if f.Has(diff.ColumnIdentity) && a.Identity != "" {
		pre = append(pre, stmt{sql: ac + " DROP IDENTITY", desc: "drop identity of " + k.String(), hazards: lock})
	}
	if f.Has(diff.ColumnGenerated) && a.Generated != "" && b.Generated == "" {
		main = append(main, stmt{sql: ac + " DROP EXPRESSION", desc: "stop generating " + k.String(), hazards: lock})
	}
	if f.Any(diff.ColumnType | diff.ColumnCollation) {
		main = append(main, typeChange(k, a, b, viaText))
	}
	if f.Has(diff.ColumnNotNull) && !b.NotNull {
		main = append(main, stmt{sql: ac + " DROP NOT NULL", desc: "drop not null on " + k.String(), hazards: lock})
	}
	if f.Has(diff.ColumnNotNull) && b.NotNull {
		main = append(main, setNotNull(k, online)...)
	}
	if f.Has(diff.ColumnDefault) && b.Default != "" && b.Identity == "" && b.Generated == "" {
		main = append(main, stmt{sql: ac + " SET DEFAULT " + b.Default, desc: "set default of " + k.String(), hazards: lock})
	}
	main = append(main, identityChange(k, a, b, f)...)
	if f.Has(diff.ColumnStorage) {
		s := b.Storage
		if s == "" {
			s = "default"
		}
		if b.Storage == "" {
			main = append(main, stmt{sql: ac + " SET STORAGE " + defaultStorage(b.Type), desc: "reset storage of " + k.String()})
		} else {
			main = append(main, stmt{sql: ac + " SET STORAGE " + strings.ToUpper(s), desc: "set storage of " + k.String()})
		}
	}
	if f.Has(diff.ColumnStatistics) {
		st := -1
		if b.Statistics != nil {
			st = *b.Statistics
		}
		main = append(main, stmt{sql: fmt.Sprintf("%s SET STATISTICS %d", ac, st),
			desc: "set statistics of " + k.String()})
	}
	return pre, main
}

// defaultStorage is the usual storage of common types; PostgreSQL has no
// "reset storage", so the type's default is set back by name.
func defaultStorage(typ string) string {
	switch {
	case strings.HasSuffix(typ, "[]"), strings.HasPrefix(typ, "text"), strings.HasPrefix(typ, "character"),
		strings.HasPrefix(typ, "bytea"), strings.HasPrefix(typ, "jsonb"), strings.HasPrefix(typ, "numeric"):
		if strings.HasPrefix(typ, "numeric") {
			return "MAIN"
		}
		return "EXTENDED"
	}
	return "PLAIN"
}

// typeChange renders ALTER COLUMN TYPE; viaText casts through text, the
// only cast between two enums (or an enum and a renamed copy of itself).
func typeChange(k catalog.Key, a, b *catalog.Column, viaText bool) stmt {
	s := alterTable(k) + " ALTER COLUMN " + ident(k.Name) + " TYPE " + b.Type
	if b.Collation != "" {
		s += " COLLATE " + b.Collation
	}
	switch {
	case viaText:
		s += " USING " + ident(k.Name) + "::text::" + b.Type
	case a.Type != b.Type:
		s += " USING " + ident(k.Name) + "::" + b.Type
	}
	return stmt{sql: s, desc: fmt.Sprintf("change type of %s from %s to %s", k, a.Type, b.Type),
		hazards: []Hazard{RewritesTable, AccessExclusiveLock}}
}

// setNotNull sets NOT NULL; online, through a CHECK constraint added NOT
// VALID and validated outside the transaction, so the scan holds no
// exclusive lock.
func setNotNull(k catalog.Key, online bool) []stmt {
	ac := alterTable(k) + " ALTER COLUMN " + ident(k.Name)
	if !online {
		return []stmt{{sql: ac + " SET NOT NULL", desc: "set not null on " + k.String(),
			hazards: []Hazard{AccessExclusiveLock, ValidatesConstraint}}}
	}
	chk := ident(truncateName(k.Table + "_" + k.Name + "_pgfleet_nn"))
	return []stmt{
		{sql: alterTable(k) + " ADD CONSTRAINT " + chk + " CHECK (" + ident(k.Name) + " IS NOT NULL) NOT VALID",
			desc: "add not-null check on " + k.String()},
		// Guarded so the step can be re-run once the check is gone.
		{sql: "DO $pgfleet$BEGIN IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = " + literal(relName(k)) +
			"::regclass AND conname = " + literal(truncateName(k.Table+"_"+k.Name+"_pgfleet_nn")) + ") THEN " +
			alterTable(k) + " VALIDATE CONSTRAINT " + chk + "; END IF; END$pgfleet$",
			desc: "validate not-null check on " + k.String(), nonTx: true, hazards: []Hazard{ValidatesConstraint}},
		{sql: ac + " SET NOT NULL", desc: "set not null on " + k.String(), nonTx: true},
		{sql: alterTable(k) + " DROP CONSTRAINT IF EXISTS " + chk, desc: "drop not-null check on " + k.String(), nonTx: true},
	}
}

// truncateName keeps a generated name within NAMEDATALEN.
func truncateName(s string) string {
	if len(s) > 63 {
		return s[len(s)-63:]
	}
	return s
}

// identityChange adds an identity, changes its generation or its
// sequence options.
func identityChange(k catalog.Key, a, b *catalog.Column, f diff.Flag) []stmt {
	ac := alterTable(k) + " ALTER COLUMN " + ident(k.Name)
	var out []stmt
	switch {
	case f.Has(diff.ColumnIdentity) && b.Identity != "" && a.Identity == "":
		s := ac + " ADD GENERATED " + strings.ToUpper(b.Identity) + " AS IDENTITY"
		if b.IdentitySequence != nil {
			s += " (" + identityOptions(k.Schema, b.IdentitySequence) + ")"
		}
		return append(out, stmt{sql: s, desc: "add identity to " + k.String(), hazards: []Hazard{AccessExclusiveLock}})
	case f.Has(diff.ColumnIdentity) && b.Identity != "" && a.Identity != "":
		// Dropped above; add it back with the new generation.
		return identityChange(k, &catalog.Column{}, b, diff.ColumnIdentity)
	}
	if f.Has(diff.ColumnIdentityOptions) && a.Identity != "" && b.Identity != "" && b.IdentitySequence != nil {
		var old catalog.SequenceOptions
		if a.IdentitySequence != nil {
			old = a.IdentitySequence.SequenceOptions
		}
		if opts := identitySetOptions(sequenceClauses(b.IdentitySequence.SequenceOptions, &old)); opts != "" {
			out = append(out, stmt{sql: ac + " " + opts, desc: "change identity of " + k.String()})
		}
	}
	return out
}

// identitySetOptions turns sequence clauses into ALTER COLUMN SET ones.
func identitySetOptions(clauses []string) string {
	var parts []string
	for _, c := range clauses {
		switch {
		case strings.HasPrefix(c, "RESTART"):
			parts = append(parts, c)
		case !strings.HasPrefix(c, "AS "):
			parts = append(parts, "SET "+c)
		}
	}
	return strings.Join(parts, " ")
}

// dropColumnOnly drops a parent's column but not its children's: theirs
// stay, defined in their own tables.
func dropColumnOnly(k catalog.Key) []stmt {
	return []stmt{{sql: "ALTER TABLE ONLY " + relName(k) + " DROP COLUMN " + ident(k.Name),
		desc:    "drop " + k.String() + ", keeping its children's",
		hazards: []Hazard{DeletesData, Irreversible, AccessExclusiveLock}}}
}
