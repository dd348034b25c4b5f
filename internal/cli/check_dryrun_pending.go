package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/pgfleet/pgfleet/internal/check"
	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/migrate"
	"github.com/pgfleet/pgfleet/internal/report"
	"github.com/pgfleet/pgfleet/internal/script"
)

// checkDryRunPending is check -dryrun -scope=pending: the pending
// migrations migrate would run on the target (Deploy Rules and cherryPick
// applied, placeholders replaced) run in one transaction that is rolled
// back. Migrations migrate runs outside a transaction are checked without
// running.
func checkDryRunPending(ctx context.Context, inv *Invocation, env config.Environment) (report.Section, error) {
	t, err := openMigrate(ctx, inv)
	if err != nil {
		return nil, err
	}
	defer t.close(ctx)
	reh, err := migrate.Rehearse(ctx, t.conn, t.opts)
	if err != nil {
		return nil, err
	}
	s, files := rehearsalScript(env.Name, reh)
	res, err := check.DryRun(ctx, t.conn, s, check.DryRunOptions{LockTimeout: seconds(env.Flyway.Deploy.LockTimeout),
		StatementTimeout: seconds(env.Flyway.Deploy.StatementTimeout)})
	if err != nil {
		return nil, err
	}
	sec := dryRunSection(env, s, res)
	for i := range sec.Statements {
		sec.Statements[i].File = files[i]
	}
	if !res.Succeeded {
		return sec, fmt.Errorf("dry run of the pending migrations on %s failed: see the report", env.Name)
	}
	return sec, nil
}

// rehearsalScript lays the rehearsal out as a deployment script: setup and
// transactional migrations in the transaction, the others after it. files
// names the migration of each statement in the order the dry run reports
// them ("" for the setup).
func rehearsalScript(target string, reh *migrate.Rehearsal) (*script.Script, []string) {
	s := &script.Script{Name: "pending migrations of " + target}
	var text strings.Builder
	var txFiles, nonTxFiles []string
	for _, sql := range reh.Setup {
		s.Transactional = append(s.Transactional, script.Statement{SQL: sql})
		txFiles = append(txFiles, "")
	}
	for _, m := range reh.Scripts {
		fmt.Fprintf(&text, "-- %s\n", m.Path)
		for _, st := range m.Statements {
			text.WriteString(strings.TrimRight(st.SQL, "; \n") + ";\n")
			if m.InTransaction {
				s.Transactional = append(s.Transactional, script.Statement{SQL: st.SQL, Line: st.Line})
				txFiles = append(txFiles, m.Path)
			} else {
				s.NonTransactional = append(s.NonTransactional, script.Statement{SQL: st.SQL, Line: st.Line})
				nonTxFiles = append(nonTxFiles, m.Path)
			}
		}
		text.WriteString("\n")
	}
	s.Text = text.String()
	return s, append(txFiles, nonTxFiles...)
}
