package catalog

import (
	"encoding/json"
	"slices"
)

// Kinds lists every kind this version of pgfleet reads. Snapshots record
// it, so that a snapshot taken by an older version, which did not read
// some kinds, is compared only on the kinds it holds.
var Kinds = []Kind{
	KindSchema, KindExtension, KindCollation, KindTextSearchDict, KindTextSearchConfig, KindEnum,
	KindDomain, KindCompositeType, KindRangeType, KindSequence, KindTable, KindColumn,
	KindConstraint, KindIndex, KindStatistics, KindView, KindMaterializedView, KindFunction,
	KindProcedure, KindAggregate, KindTrigger, KindPolicy, KindRule, KindEventTrigger,
	KindPublication, KindDefaultPrivileges,
}

// laterKinds are the kinds added after the first snapshot format, with the
// function removing them from a catalog; a snapshot without a kinds list
// predates them all.
var laterKinds = map[Kind]func(*Catalog){
	KindTextSearchDict:   func(c *Catalog) { c.TextSearchDicts = nil },
	KindTextSearchConfig: func(c *Catalog) { c.TextSearchConfigs = nil },
	KindStatistics:       func(c *Catalog) { c.Statistics = nil },
	KindPublication:      func(c *Catalog) { c.Publications = nil },
	KindRule: func(c *Catalog) {
		for _, t := range c.Tables {
			t.Rules = nil
		}
		for _, v := range append(slices.Clone(c.Views), c.MaterializedViews...) {
			v.Rules = nil
		}
	},
}

// Unread returns the kinds this version reads that the snapshot's writer
// did not (none for a snapshot of this version), in the order of Kinds.
func (s *Snapshot) Unread() []Kind {
	var out []Kind
	for _, k := range Kinds {
		_, later := laterKinds[k]
		if len(s.Kinds) == 0 && later || len(s.Kinds) > 0 && !slices.Contains(s.Kinds, k) {
			out = append(out, k)
		}
	}
	return out
}

// Without returns a copy of the catalog without the objects of kinds and
// without dependencies on them: the catalog as a version of pgfleet that
// did not read those kinds would have read it. Only kinds added after the
// first snapshot format can be left out; others are kept.
func (c *Catalog) Without(kinds []Kind) *Catalog {
	cp := c.clone()
	for _, k := range kinds {
		if remove := laterKinds[k]; remove != nil {
			remove(cp)
		}
	}
	for _, o := range cp.objects() {
		o.Meta.DependsOn = slices.DeleteFunc(o.Meta.DependsOn, func(d Key) bool { return slices.Contains(kinds, d.Kind) })
		if len(o.Meta.DependsOn) == 0 {
			o.Meta.DependsOn = nil
		}
	}
	return cp
}

// clone deep-copies the catalog through its JSON encoding, which holds
// every field but ServerVersion.
func (c *Catalog) clone() *Catalog {
	b, err := json.Marshal(c)
	if err != nil {
		panic(err) // as Fingerprint: only a NaN or infinite float fails
	}
	cp := &Catalog{}
	if err := json.Unmarshal(b, cp); err != nil {
		panic(err)
	}
	cp.ServerVersion = c.ServerVersion
	return cp
}
