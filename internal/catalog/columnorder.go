package catalog

// WithColumnOrderOf returns a copy of the catalog in which every table that
// also exists in target keeps target's column order: its columns that
// target has, in target's order, then its new columns in its own order,
// renumbered. That is the order PostgreSQL gives when new columns are
// appended, so a plan to the result never needs to reorder a table.
// Other tables, and the catalog itself, are left as they are.
func (c *Catalog) WithColumnOrderOf(target *Catalog) *Catalog {
	cp := c.clone()
	idx := target.Index()
	for _, t := range cp.Tables {
		o, ok := idx[t.Key()]
		if !ok {
			continue
		}
		t.Columns = reordered(t.Columns, o.Value.(*Table).Columns)
	}
	return cp
}

// reordered puts cols in the order of the same-named columns of existing,
// new columns last, and renumbers their positions.
func reordered(cols, existing []*Column) []*Column {
	byName := make(map[string]*Column, len(cols))
	for _, col := range cols {
		byName[col.Name] = col
	}
	out := make([]*Column, 0, len(cols))
	kept := map[string]bool{}
	for _, e := range existing {
		if col, ok := byName[e.Name]; ok {
			out, kept[e.Name] = append(out, col), true
		}
	}
	for _, col := range cols {
		if !kept[col.Name] {
			out = append(out, col)
		}
	}
	for i, col := range out {
		col.Position = i + 1
	}
	return out
}
