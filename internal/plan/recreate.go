package plan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
)

// needsRecreate reports whether a modification must drop and recreate
// the object, and returns an error for changes pgfleet will not make.
func (b *builder) needsRecreate(c diff.Change) (bool, error) {
	from, to := c.Objects()
	f := diff.Flags(c)
	switch a := from.Value.(type) {
	case *catalog.Column:
		nb := to.Value.(*catalog.Column)
		if f.Has(diff.ColumnInherited) && !nb.Inherited && !b.parentsDrop(c.Key()) {
			return false, fmt.Errorf("planning %s: the model defines it in the table itself while its parent keeps it; "+
				"PostgreSQL can only do that when the parent drops the column: make this change with a versioned migration", c.Key())
		}
		if f.Has(diff.ColumnInherited) && nb.Inherited {
			return false, fmt.Errorf("planning %s: the model only inherits it, but the target also defines it in the table itself; "+
				"PostgreSQL cannot remove a column's own definition while a parent has the column: make this change with a versioned migration",
				c.Key())
		}
		if f.Has(diff.ColumnGenerated) && (a.Generated == "") != (nb.Generated == "") && a.Generated != "" && nb.Generated == "" {
			return false, nil
		}
		if f.Has(diff.ColumnGenerated) && b.lastColumn(c.Key()) {
			// Last in the table both before and after: dropping and adding
			// it back keeps the column order.
			return true, nil
		}
		if f.Has(diff.ColumnGenerated) {
			return false, fmt.Errorf("planning %s: its generation expression changes from %q to %q; PostgreSQL cannot change it in place "+
				"and pgfleet never drops a column to recreate it: drop the column in one deployment and add it back in the next",
				c.Key(), a.Generated, nb.Generated)
		}
		return false, nil
	case *catalog.Table:
		nb := to.Value.(*catalog.Table)
		if a.PartitionKey != nb.PartitionKey || a.PartitionOf != nb.PartitionOf || a.PartitionBound != nb.PartitionBound || a.AccessMethod != nb.AccessMethod {
			return false, fmt.Errorf("planning %s: its partitioning or access method changes (%s → %s); "+
				"pgfleet never rebuilds a table: make this change with a versioned migration", c.Key(),
				describePartition(a), describePartition(nb))
		}
		if !slices.Equal(a.Inherits, nb.Inherits) {
			return false, fmt.Errorf("planning %s: its parents change (INHERITS %s → %s); which columns it inherits would change "+
				"in ways PostgreSQL cannot express in place: make this change with a versioned migration", c.Key(),
				strings.Join(a.Inherits, ", "), strings.Join(nb.Inherits, ", "))
		}
		return false, nil
	case *catalog.Extension:
		nb := to.Value.(*catalog.Extension)
		if f.Has(diff.ExtensionVersion) && versionLess(nb.Version, a.Version) {
			return false, fmt.Errorf("planning %s: the model has version %s but the target has %s; extensions are rarely "+
				"downgradable and recreating one drops everything using it: update the model to %s or downgrade by hand",
				c.Key(), nb.Version, a.Version, a.Version)
		}
		return false, nil
	case *catalog.Enum:
		return !enumAppendable(a.Labels, to.Value.(*catalog.Enum).Labels), nil
	case *catalog.CompositeType:
		_, ok := alterComposite(c.Key(), a, to.Value.(*catalog.CompositeType))
		return !ok, nil
	case *catalog.Constraint:
		return f.Has(diff.Definition) || f.Has(diff.ConstraintValidated) && to.Value.(*catalog.Constraint).NotValid, nil
	case *catalog.Index:
		return f.Has(diff.Definition) && a.Constraint == "", nil
	case *catalog.Rule:
		return false, nil // CREATE OR REPLACE RULE
	case *catalog.Publication:
		return publicationRecreated(to.Value.(*catalog.Publication), f), nil
	case *catalog.Policy:
		nb := to.Value.(*catalog.Policy)
		// ALTER POLICY cannot remove a USING or WITH CHECK clause.
		return f.Has(diff.Definition) || nb.Using == "" && a.Using != "" || nb.WithCheck == "" && a.WithCheck != "", nil
	case *catalog.View:
		if !f.Has(diff.ViewQuery) {
			return false, nil
		}
		return c.Key().Kind == catalog.KindMaterializedView || !viewReplaceable(a, to.Value.(*catalog.View)) ||
			!slices.Equal(a.Options, to.Value.(*catalog.View).Options), nil
	}
	return f.Has(diff.Definition), nil
}

func describePartition(t *catalog.Table) string {
	parts := []string{}
	for _, s := range []string{t.PartitionKey, t.PartitionOf, t.PartitionBound, t.AccessMethod} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return "plain table"
	}
	return strings.Join(parts, " ")
}

// parentsDrop reports whether every parent of column k's table that has
// the column loses it in the target.
func (b *builder) parentsDrop(k catalog.Key) bool {
	for _, p := range b.parentColumns(k) {
		_, had := b.fromIdx[p]
		_, keeps := b.toIdx[p]
		if had && keeps {
			return false
		}
	}
	return true
}

// checkColumnOrder rejects a table whose columns would end up in another
// order than the target's: new columns can only be appended.
func (b *builder) checkColumnOrder() error {
	for _, t := range b.to.Tables {
		o, ok := b.fromIdx[t.Key()]
		if !ok {
			continue
		}
		old := o.Value.(*catalog.Table)
		want := make([]string, 0, len(t.Columns))
		in := map[string]bool{}
		for _, c := range t.Columns {
			want = append(want, c.Name)
			in[c.Name] = true
		}
		got := make([]string, 0, len(want))
		had := map[string]bool{}
		for _, c := range old.Columns {
			had[c.Name] = true
			if in[c.Name] {
				got = append(got, c.Name)
			}
		}
		for _, c := range t.Columns {
			if !had[c.Name] {
				got = append(got, c.Name)
			}
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("planning %s: the model orders its columns (%s) but adding columns at the end gives (%s); "+
				"pgfleet never rebuilds a table to reorder columns: put new columns last in the model, "+
				"or set prepare.ignoreColumnOrder=true to keep the target's order and append them",
				t.Key(), strings.Join(want, ", "), strings.Join(got, ", "))
		}
	}
	return nil
}

// versionLess compares dotted version strings numerically part by part.
func versionLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x < y
		}
	}
	return false
}

// lastColumn reports whether column k is the last column of its table in
// both catalogs.
func (b *builder) lastColumn(k catalog.Key) bool {
	tk := catalog.Key{Kind: catalog.KindTable, Schema: k.Schema, Name: k.Table}
	for _, idx := range []map[catalog.Key]catalog.Object{b.fromIdx, b.toIdx} {
		t, ok := idx[tk].Value.(*catalog.Table)
		if !ok || len(t.Columns) == 0 || t.Columns[len(t.Columns)-1].Name != k.Name {
			return false
		}
	}
	return true
}
