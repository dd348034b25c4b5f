package catalog

import "testing"

func TestKeyString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		key  Key
		want string
	}{
		{Key{Kind: KindSchema, Name: "app"}, "schema app"},
		{Key{Kind: KindTable, Schema: "app", Name: "users"}, "table app.users"},
		{Key{Kind: KindColumn, Schema: "app", Table: "users", Name: "email"}, "column app.users.email"},
		{Key{Kind: KindFunction, Schema: "app", Name: "add_item(integer, text)"}, "function app.add_item(integer, text)"},
		{Key{Kind: KindTable, Schema: "App", Name: `we"ird name`}, `table "App"."we""ird name"`},
		{Key{Kind: KindExtension, Name: "pgcrypto"}, "extension pgcrypto"},
		{Key{Kind: KindDefaultPrivileges, Schema: "app", Name: "owner tables"},
			"default privileges for role owner in schema app on tables"},
		{Key{Kind: KindDefaultPrivileges, Name: "owner functions"},
			"default privileges for role owner on functions"},
	}
	for _, tc := range tests {
		if got := tc.key.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

func TestKeyCompareAndParent(t *testing.T) {
	t.Parallel()
	a := Key{Kind: KindColumn, Schema: "app", Table: "t", Name: "a"}
	b := Key{Kind: KindColumn, Schema: "app", Table: "t", Name: "b"}
	if !a.Less(b) || b.Less(a) || a.Compare(a) != 0 {
		t.Error("keys do not order by name")
	}
	p, ok := a.Parent()
	if !ok || p != (Key{Kind: KindTable, Schema: "app", Name: "t"}) {
		t.Errorf("Parent() = %v, %v", p, ok)
	}
	if _, ok := p.Parent(); ok {
		t.Error("a table has no parent")
	}
}
