package codereview

// builtinRegex lists the built-in regex rules: Flyway's Redgate rules
// RX001-RX012 for PostgreSQL, written in Flyway's own (Java) pattern syntax
// and translated like any rule file. RX013 (CREATE TABLE without a primary
// key) needs the parse tree and is a parser rule.
var builtinRegex = []struct {
	code, desc, help string
	sev              Severity
	patterns         []string
	keywords         []string // lower-case words every match contains: a cheap prefilter
}{
	{"RX001", "DROP TABLE statement", "Dropping a table is likely to result in the loss of data so should be investigated before continuing.",
		SeverityError, []string{`(?i)(?<=^|\s)DROP\s+TABLE(?=$|\s|;)`}, []string{"drop", "table"}},
	{"RX002", "Attempt to change password", "Changing passwords through a DB migration is not considered best practice: set them outside version control, for example with a secrets manager.",
		SeverityError, []string{`(?is)(?<=^|\s)(?:CREATE|ALTER)\s+(?:USER|ROLE|GROUP)\s.*?(?<at>PASSWORD)(?=$|\s|;)`}, []string{"password"}},
	{"RX003", "TRUNCATE statement", "TRUNCATE is likely to result in a loss of data so should be investigated before continuing.",
		SeverityError, []string{`(?i)(?<=^|\s)TRUNCATE(?=$|\s|;)`}, []string{"truncate"}},
	{"RX004", "DROP COLUMN statement", "Dropping a column is likely to result in a loss of data so should be investigated before continuing.",
		SeverityError, []string{`(?i)(?<=^|\s)DROP\s+COLUMN(?=$|\s|;)`}, []string{"drop", "column"}},
	{"RX005", "GRANT TO PUBLIC statement", "It is not common to grant access to this degree: PUBLIC is every role, present and future. Grant to a specific role instead.",
		SeverityError, []string{`(?is)(?<=^|\s)GRANT\s.*?\sTO\s+(?:[^;]*?,\s*)?(?<at>PUBLIC)(?=$|\s|;|,)`}, []string{"grant", "public"}},
	{"RX006", "GRANT WITH GRANT OPTION statement", "WITH GRANT OPTION lets the grantee pass the privilege on, which makes it difficult to track the scope of permissions.",
		SeverityError, []string{`(?i)(?<=^|\s)WITH\s+GRANT\s+OPTION(?=$|\s|;)`}, []string{"grant", "option"}},
	{"RX007", "GRANT WITH ADMIN OPTION statement", "WITH ADMIN OPTION lets the grantee grant the role to others, which makes it difficult to control the scope of permissions.",
		SeverityError, []string{`(?i)(?<=^|\s)WITH\s+ADMIN\s+(?:OPTION|TRUE)(?=$|\s|;)`}, []string{"grant", "admin"}},
	{"RX008", "ALTER USER statement", "ALTER USER modifies the properties of an existing user: manage users outside schema migrations.",
		SeverityWarning, []string{`(?i)(?<=^|\s)ALTER\s+USER(?=$|\s|;)`}, []string{"alter", "user"}},
	{"RX009", "GRANT ALL statement", "It is not common to grant access to this degree: grant only the privileges needed.",
		SeverityError, []string{`(?i)(?<=^|\s)GRANT\s+ALL(?=$|\s|;)`}, []string{"grant", "all"}},
	{"RX010", "CREATE ROLE statement", "CREATE ROLE (or USER, GROUP) is used to create user accounts: manage them outside schema migrations.",
		SeverityWarning, []string{`(?i)(?<=^|\s)CREATE\s+(?:ROLE|USER|GROUP)(?=$|\s|;)`}, []string{"create"}},
	{"RX011", "ALTER ROLE statement", "ALTER ROLE is used to modify user accounts: manage them outside schema migrations.",
		SeverityWarning, []string{`(?i)(?<=^|\s)ALTER\s+ROLE(?=$|\s|;)`}, []string{"alter", "role"}},
	{"RX012", "DROP/DETACH PARTITION statement", "Dropping or detaching a partition is likely to result in a loss of data (or of its visibility) so should be investigated before continuing.",
		SeverityError, []string{`(?i)(?<=^|\s)(?:DROP|DETACH)\s+PARTITION(?=$|\s|;)`}, []string{"partition"}},
}

// BuiltinRegexRules returns the built-in regex rules, compiled.
func BuiltinRegexRules() []*RegexRule {
	out := make([]*RegexRule, 0, len(builtinRegex))
	for _, b := range builtinRegex {
		ps, err := compilePatterns("builtin "+b.code, b.patterns)
		if err != nil {
			panic(err) // the built-in patterns are tested
		}
		out = append(out, &RegexRule{RuleInfo: RuleInfo{Code: b.code, Description: b.desc, Help: b.help,
			Severity: b.sev, Engine: EngineRegex}, Dialects: []string{"TEXT"}, Patterns: ps, keywords: b.keywords})
	}
	return out
}
