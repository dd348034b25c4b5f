package plan

import (
	"slices"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
	"github.com/pgfleet/pgfleet/internal/diff"
)

// createPublication creates a publication with its tables, schemas and
// options.
func createPublication(k catalog.Key, p *catalog.Publication) []stmt {
	s := "CREATE PUBLICATION " + ident(k.Name)
	if p.AllTables {
		s += " FOR ALL TABLES"
	} else if objs := publicationObjects(p); objs != "" {
		s += " FOR " + objs
	}
	return []stmt{{sql: s + " WITH (" + publicationOptions(p) + ")", desc: "create " + k.String()}}
}

// alterPublication changes a publication's tables and schemas (SET
// replaces the lists) and options in place.
func alterPublication(k catalog.Key, a, b *catalog.Publication, f diff.Flag) []stmt {
	alter := "ALTER PUBLICATION " + ident(k.Name)
	var out []stmt
	if f.Has(diff.PublicationObjects) {
		st := stmt{sql: alter + " SET " + publicationObjects(b), desc: "set the tables of " + k.String()}
		if removesTables(a, b) {
			st.hazards = []Hazard{StopsReplication}
		}
		out = append(out, st)
	}
	if f.Has(diff.PublicationOptions) {
		out = append(out, stmt{sql: alter + " SET (" + publicationOptions(b) + ")", desc: "set the options of " + k.String()})
	}
	return out
}

// removesTables reports whether b publishes fewer tables, columns or rows
// than a: a table or schema is gone, or gained a column list or filter.
func removesTables(a, b *catalog.Publication) bool {
	after := map[string]*catalog.PublicationTable{}
	for _, t := range b.Tables {
		after[t.Table] = t
	}
	for _, t := range a.Tables {
		n := after[t.Table]
		if n == nil || len(n.Columns) > 0 && !slices.Equal(n.Columns, t.Columns) || n.Where != "" && n.Where != t.Where {
			return true
		}
	}
	for _, s := range a.Schemas {
		if !slices.Contains(b.Schemas, s) {
			return true
		}
	}
	return false
}

// publicationRecreated reports whether a change of a publication cannot be
// made in place: FOR ALL TABLES comes or goes, or its last table or schema
// goes (ALTER PUBLICATION ... SET needs at least one).
func publicationRecreated(b *catalog.Publication, f diff.Flag) bool {
	return f.Has(diff.Definition) || f.Has(diff.PublicationObjects) && publicationObjects(b) == ""
}

// publicationObjects lists a publication's tables (with column lists and
// row filters) and schemas as FOR and SET take them.
func publicationObjects(p *catalog.Publication) string {
	var parts []string
	for _, t := range p.Tables {
		s := "TABLE ONLY " + t.Table
		if len(t.Columns) > 0 {
			s += " (" + joinIdents(t.Columns) + ")"
		}
		if t.Where != "" {
			s += " WHERE (" + t.Where + ")"
		}
		parts = append(parts, s)
	}
	for _, sch := range p.Schemas {
		parts = append(parts, "TABLES IN SCHEMA "+ident(sch))
	}
	return strings.Join(parts, ", ")
}

func publicationOptions(p *catalog.Publication) string {
	s := "publish = " + literal(strings.Join(p.Publish, ", "))
	if p.ViaRoot {
		s += ", publish_via_partition_root = true"
	} else {
		s += ", publish_via_partition_root = false"
	}
	return s
}
