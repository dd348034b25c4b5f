package plan

import (
	"slices"
	"strings"

	"github.com/pgfleet/pgfleet/internal/catalog"
)

// metaStmts renders owner, comment and privilege changes from old to new
// (old nil: a new object, owned by the deploying role with PostgreSQL's
// default privileges). role is the deploying role, "" when unknown.
func metaStmts(k catalog.Key, old, nw *catalog.Meta, role string) []stmt {
	var out []stmt
	prevOwner := role
	if old != nil {
		prevOwner = old.Owner
	}
	if nw.Owner != "" && (old == nil && (role == "" || role != nw.Owner) || old != nil && old.Owner != nw.Owner) {
		out = append(out, ownerStmt(k, nw.Owner))
	}
	if old == nil && nw.Comment != "" || old != nil && old.Comment != nw.Comment {
		out = append(out, commentStmt(k, nw.Comment))
	}
	var before []string
	if old != nil {
		before = renameGrantee(old.ACL, old.Owner, nw.Owner)
	} else {
		before = defaultACL(k.Kind, nw.Owner)
	}
	_ = prevOwner
	return append(out, aclStmts(k, before, nw.ACL)...)
}

func ownerStmt(k catalog.Key, owner string) stmt {
	word, ref := objectRef(k)
	switch k.Kind {
	case catalog.KindTable, catalog.KindView, catalog.KindMaterializedView, catalog.KindSequence:
		// ALTER TABLE also works for views and sequences but the kind's
		// own word reads better.
	}
	return stmt{sql: "ALTER " + word + " " + ref + " OWNER TO " + ident(owner), desc: "change owner of " + k.String(),
		hazards: []Hazard{ChangesPrivileges}}
}

func commentStmt(k catalog.Key, c string) stmt {
	word, ref := objectRef(k)
	v := "NULL"
	if c != "" {
		v = literal(c)
	}
	return stmt{sql: "COMMENT ON " + word + " " + ref + " IS " + v, desc: "comment on " + k.String()}
}

// defaultACL is acldefault for a new object of kind k owned by owner, in
// the aclitem text form the catalog uses.
func defaultACL(k catalog.Kind, owner string) []string {
	if owner == "" {
		return nil
	}
	o := aclRole(owner)
	switch k {
	case catalog.KindTable, catalog.KindView, catalog.KindMaterializedView:
		return []string{o + "=arwdDxt/" + o}
	case catalog.KindSequence:
		return []string{o + "=rwU/" + o}
	case catalog.KindFunction, catalog.KindProcedure, catalog.KindAggregate:
		return []string{"=X/" + o, o + "=X/" + o}
	case catalog.KindEnum, catalog.KindDomain, catalog.KindCompositeType, catalog.KindRangeType:
		return []string{"=U/" + o, o + "=U/" + o}
	case catalog.KindSchema:
		return []string{o + "=UC/" + o}
	}
	return nil
}

// aclRole quotes a role name the way aclitem output does.
func aclRole(r string) string {
	if strings.ContainsAny(r, "\"=/, ") || strings.ToLower(r) != r {
		return `"` + strings.ReplaceAll(r, `"`, `""`) + `"`
	}
	return r
}

// aclItem is one parsed aclitem.
type aclItem struct {
	grantee string // "" for PUBLIC
	privs   map[byte]bool
}

// parseACL maps grantees to their privileges (value true: with grant
// option); grantors are ignored.
func parseACL(acl []string) map[string]map[byte]bool {
	out := map[string]map[byte]bool{}
	for _, item := range acl {
		grantee, rest := splitACLRole(item)
		rest = strings.TrimPrefix(rest, "=")
		privs, _, _ := strings.Cut(rest, "/")
		m := out[grantee]
		if m == nil {
			m = map[byte]bool{}
			out[grantee] = m
		}
		for i := 0; i < len(privs); i++ {
			opt := i+1 < len(privs) && privs[i+1] == '*'
			m[privs[i]] = m[privs[i]] || opt
			if opt {
				i++
			}
		}
	}
	return out
}

// splitACLRole reads a possibly quoted role name at the start of s.
func splitACLRole(s string) (role, rest string) {
	if !strings.HasPrefix(s, `"`) {
		i := strings.IndexByte(s, '=')
		if i < 0 {
			return s, ""
		}
		return s[:i], s[i:]
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] == '"' {
			if i+1 < len(s) && s[i+1] == '"' {
				b.WriteByte('"')
				i++
				continue
			}
			return b.String(), s[i+1:]
		}
		b.WriteByte(s[i])
	}
	return b.String(), ""
}

// renameGrantee rewrites an ACL for an owner change, as ALTER OWNER does.
func renameGrantee(acl []string, from, to string) []string {
	if from == to || from == "" || to == "" {
		return acl
	}
	out := make([]string, len(acl))
	f, t := aclRole(from), aclRole(to)
	for i, item := range acl {
		g, rest := splitACLRole(item)
		if g == from {
			g = to
		}
		privs, grantor, _ := strings.Cut(rest, "/")
		if grantor == f {
			grantor = t
		}
		out[i] = aclRole(g) + privs + "/" + grantor
		if g == "" {
			out[i] = privs + "/" + grantor
		}
	}
	return out
}

var privNames = map[byte]string{
	'r': "SELECT", 'w': "UPDATE", 'a': "INSERT", 'd': "DELETE", 'D': "TRUNCATE", 'x': "REFERENCES",
	't': "TRIGGER", 'X': "EXECUTE", 'U': "USAGE", 'C': "CREATE", 'c': "CONNECT", 'T': "TEMPORARY",
	'm': "MAINTAIN", 's': "SET", 'A': "ALTER SYSTEM",
}

const privOrder = "arwdDxtmXUCcTsA"

// aclStmts renders GRANT and REVOKE statements turning acl a into b.
func aclStmts(k catalog.Key, a, b []string) []stmt {
	if slices.Equal(a, b) {
		return nil
	}
	pa, pb := parseACL(a), parseACL(b)
	grantees := map[string]bool{}
	for g := range pa {
		grantees[g] = true
	}
	for g := range pb {
		grantees[g] = true
	}
	names := make([]string, 0, len(grantees))
	for g := range grantees {
		names = append(names, g)
	}
	slices.Sort(names)
	var out []stmt
	for _, g := range names {
		out = append(out, granteeStmts(k, g, pa[g], pb[g])...)
	}
	return out
}

func granteeStmts(k catalog.Key, g string, a, b map[byte]bool) []stmt {
	var revoke, revokeOpt, grant, grantOpt []string
	for i := 0; i < len(privOrder); i++ {
		p := privOrder[i]
		optA, inA := a[p]
		optB, inB := b[p]
		switch {
		case inA && !inB:
			revoke = append(revoke, privNames[p])
		case !inA && inB && optB, inA && inB && optB && !optA:
			grantOpt = append(grantOpt, privNames[p])
		case !inA && inB:
			grant = append(grant, privNames[p])
		case inA && inB && optA && !optB:
			revokeOpt = append(revokeOpt, privNames[p])
		}
	}
	target, who := grantTarget(k), "PUBLIC"
	if g != "" {
		who = ident(g)
	}
	var out []stmt
	add := func(sql string) {
		out = append(out, stmt{sql: sql, desc: "privileges of " + who + " on " + k.String(), hazards: []Hazard{ChangesPrivileges}})
	}
	if len(revoke) > 0 {
		add("REVOKE " + privList(k, revoke) + " ON " + target + " FROM " + who)
	}
	if len(revokeOpt) > 0 {
		add("REVOKE GRANT OPTION FOR " + privList(k, revokeOpt) + " ON " + target + " FROM " + who)
	}
	if len(grant) > 0 {
		add("GRANT " + privList(k, grant) + " ON " + target + " TO " + who)
	}
	if len(grantOpt) > 0 {
		add("GRANT " + privList(k, grantOpt) + " ON " + target + " TO " + who + " WITH GRANT OPTION")
	}
	return out
}

// privList joins privilege names, with the column list for column grants.
func privList(k catalog.Key, privs []string) string {
	if k.Kind != catalog.KindColumn {
		return strings.Join(privs, ", ")
	}
	col := " (" + ident(k.Name) + ")"
	return strings.Join(privs, col+", ") + col
}

// grantTarget names an object in GRANT and REVOKE.
func grantTarget(k catalog.Key) string {
	switch k.Kind {
	case catalog.KindTable, catalog.KindView, catalog.KindMaterializedView, catalog.KindColumn:
		return "TABLE " + relName(k)
	case catalog.KindAggregate:
		return "FUNCTION " + routineName(k)
	case catalog.KindEnum, catalog.KindCompositeType, catalog.KindRangeType:
		return "TYPE " + qname(k.Schema, k.Name)
	}
	word, ref := objectRef(k)
	return word + " " + ref
}

// defaultPrivStmts renders ALTER DEFAULT PRIVILEGES turning acl a into b.
func defaultPrivStmts(k catalog.Key, d *catalog.DefaultPrivileges, a, b []string) []stmt {
	prefix := "ALTER DEFAULT PRIVILEGES FOR ROLE " + ident(d.Role)
	if d.Schema != "" {
		prefix += " IN SCHEMA " + ident(d.Schema)
	}
	var out []stmt
	for _, s := range aclStmts(catalog.Key{Kind: catalog.KindSchema, Name: "x"}, a, b) {
		s.sql = strings.Replace(s.sql, " ON SCHEMA x ", " ON "+strings.ToUpper(d.ObjectType)+" ", 1)
		s.sql = prefix + " " + s.sql
		s.desc = "change " + k.String()
		out = append(out, s)
	}
	return out
}

// defaultPrivBase is what an entry's ACL means when the entry is absent.
func defaultPrivBase(d *catalog.DefaultPrivileges) []string {
	if d.Schema != "" {
		return nil
	}
	kind := map[string]catalog.Kind{"tables": catalog.KindTable, "sequences": catalog.KindSequence,
		"functions": catalog.KindFunction, "types": catalog.KindEnum, "schemas": catalog.KindSchema}[d.ObjectType]
	return defaultACL(kind, d.Role)
}
