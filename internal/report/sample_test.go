package report

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/codereview"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// fixedNow is the time stamped on sample reports, so that renderings are
// stable.
var fixedNow = time.Date(2026, 11, 22, 6, 0, 0, 0, time.UTC)

// sampleSQL is a migration with violations of both engines and a
// suppressed one.
const sampleSQL = `-- V2__accounts.sql
CREATE TABLE audit_log (id bigint, msg text);
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();
-- pgfleet:allow RX003 staging data is rebuilt nightly
TRUNCATE staging_accounts;
CREATE INDEX accounts_email_idx ON accounts (email);
SELECT 'DROP TABLE not_a_violation';
DROP TABLE legacy_accounts;
`

// sampleCode reviews sampleSQL as migrations/V2__accounts.sql under dir.
func sampleCode(t *testing.T, dir string) *CodeReview {
	t.Helper()
	path := filepath.Join(dir, "migrations", "V2__accounts.sql")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(sampleSQL), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := codereview.New(codereview.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.CheckText(filepath.ToSlash(filepath.Join("migrations", "V2__accounts.sql")), sampleSQL)
	if err != nil {
		t.Fatal(err)
	}
	clean, err := r.CheckText("migrations/V1__init.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n")
	if err != nil {
		t.Fatal(err)
	}
	cr := NewCodeReview([]codereview.Result{clean, res}, r.Rules())
	cr.Timestamp, cr.Environment, cr.Database = fixedNow, "production", "postgres://deploy:s3cret@db.example.com:5432/shop"
	return cr
}

// sampleSections returns one section of each operation, filled the way the
// check commands fill them.
func sampleSections(t *testing.T, dir string) []Section {
	drift := &Comparison{Header: Header{Operation: OpDrift, Timestamp: fixedNow, Environment: "production",
		Database: "postgres://deploy@db.example.com:5432/shop", Warnings: []string{}},
		Differences: []Difference{{Name: "accounts", Schema: "public", ObjectType: "Table", DifferenceType: "Modify",
			DefinitionBefore: "CREATE TABLE public.accounts (\n    id bigint NOT NULL,\n    email text NOT NULL,\n    created_at timestamptz DEFAULT now()\n);",
			DefinitionAfter:  "CREATE TABLE public.accounts (\n    id bigint NOT NULL,\n    email varchar(320) NOT NULL,\n    created_at timestamptz DEFAULT now(),\n    hotfix boolean\n);"}},
		OnlyInTarget: []Difference{{Name: "accounts_hotfix_idx", Schema: "public", ObjectType: "Index",
			DefinitionAfter: "CREATE INDEX accounts_hotfix_idx ON public.accounts USING btree (hotfix);"}},
		OnlyInSource:              []Difference{},
		DriftResolutionFolderPath: "drift-resolution/"}
	changes := &Comparison{Header: Header{Operation: OpChanges, Timestamp: fixedNow, Environment: "production", Warnings: []string{"Dropping table public.legacy_accounts loses its data."}},
		OnlyInSource: []Difference{{Name: "audit_log", Schema: "public", ObjectType: "Table", SourceFile: "schema-model/Tables/public.audit_log.sql", SourceLine: 1,
			DefinitionAfter: "CREATE TABLE public.audit_log (\n    id bigint NOT NULL,\n    msg text\n);"}},
		OnlyInTarget: []Difference{{Name: "legacy_accounts", Schema: "public", ObjectType: "Table", DefinitionBefore: "CREATE TABLE public.legacy_accounts (\n    id bigint\n);",
			Hazards: []string{"data loss: the table holds rows"}}},
		Differences: []Difference{{Name: "accounts_email_key", Schema: "public", ObjectType: "Index", DifferenceType: "Modify",
			DefinitionBefore: "CREATE UNIQUE INDEX accounts_email_key ON public.accounts (email);",
			DefinitionAfter:  "CREATE UNIQUE INDEX accounts_email_key ON public.accounts (lower(email));",
			SourceFile:       "schema-model/Indexes/public.accounts_email_key.sql", SourceLine: 3}},
		Script: "deployments/D__production.sql"}
	dry := &DryRun{Header: Header{Operation: OpDryRun, Timestamp: fixedNow, Environment: "production", Warnings: []string{}},
		Script: "deployments/D__production.sql", RolledBack: true,
		SQL: "CREATE TABLE public.audit_log (id bigint NOT NULL, msg text);\nDROP TABLE public.legacy_accounts;\nCREATE INDEX CONCURRENTLY accounts_hotfix_idx ON public.accounts (hotfix);",
		Statements: []DryRunStatement{
			{Line: 1, SQL: "CREATE TABLE public.audit_log (id bigint NOT NULL, msg text)", Outcome: OutcomeOK, DurationMS: 2.4, Transactional: true},
			{Line: 2, SQL: "DROP TABLE public.legacy_accounts", Outcome: OutcomeError, DurationMS: 1000.2, Transactional: true,
				Error: "ERROR: canceling statement due to lock timeout (SQLSTATE 55P03)"},
			{Line: 3, SQL: "CREATE INDEX CONCURRENTLY accounts_hotfix_idx ON public.accounts (hotfix)", Outcome: OutcomeSkipped},
		}}
	return []Section{drift, changes, sampleCode(t, dir), dry}
}
