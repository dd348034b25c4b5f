package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pgfleet/pgfleet/internal/config"
	"github.com/pgfleet/pgfleet/internal/fleet"
)

// loadFleet reads the fleet the invocation addresses: [fleet] targets,
// narrowed by -environment when it names targets.
func loadFleet(inv *Invocation) (*fleet.Fleet, error) {
	cfg, err := inv.Config()
	if err != nil {
		return nil, err
	}
	sel := ""
	if cfg.IsSet("", "flyway.environment") {
		if sel, err = cfg.EnvironmentName(); err != nil {
			return nil, err
		}
	}
	return fleet.FromConfig(cfg, sel)
}

// selectsMany reports whether -environment selects several targets.
func selectsMany(inv *Invocation) (bool, error) {
	cfg, err := inv.Config()
	if err != nil {
		return false, err
	}
	name, err := cfg.EnvironmentName()
	return fleet.IsSelector(name), err
}

// forTarget returns an invocation of the same command for one target, with
// extra keys (name, value pairs) and the given operation flags; its output
// goes to the returned buffer. It loads its own configuration, so it only
// ever resolves its own target's credentials.
func (inv *Invocation) forTarget(fl *fleet.Fleet, name string, flags map[string]string, keys ...string) (*Invocation, *bytes.Buffer, error) {
	child := &Invocation{Command: inv.Command, Flags: flags, Options: inv.Options, JSON: false}
	child.Options.Overrides = append([]config.Override{}, inv.Options.Overrides...)
	keys = append([]string{"environment", name}, keys...)
	if cfg, err := inv.Config(); err == nil {
		// [fleet] connectRetries is a floor for every target.
		if env, err := cfg.Resolve(name); err == nil && env.ConnectRetries < fl.Settings.ConnectRetries {
			keys = append(keys, "environments."+name+".connectRetries", strconv.Itoa(fl.Settings.ConnectRetries))
		}
	}
	for i := 0; i+1 < len(keys); i += 2 {
		o, err := config.ParseOverride(keys[i], keys[i+1], nil)
		if err != nil {
			return nil, nil, err
		}
		child.Options.Overrides = append(child.Options.Overrides, o)
	}
	var out bytes.Buffer
	child.stdout, child.stderr = &out, &out
	if _, err := child.Config(); err != nil {
		return nil, nil, err
	}
	return child, &out, nil
}

// targetFolder is FOLDER/TARGET, where a target's scripts and reports go.
func targetFolder(fl *fleet.Fleet, name string) string {
	return filepath.Join(fl.Settings.ScriptFolder, name)
}

// targetScript is the target's deployment script, as in the seed:
// generated/TARGET/D__deployment.sql.
func targetScript(fl *fleet.Fleet, name string) string {
	return filepath.Join(targetFolder(fl, name), "D__deployment.sql")
}

// targetKeys are the keys that point a target's reports and scripts into
// its own folder.
func targetKeys(fl *fleet.Fleet, name string) []string {
	dir := targetFolder(fl, name)
	return []string{"reportFilename", filepath.Join(dir, "report.html"),
		"check.driftResolutionFolder", filepath.Join(dir, "drift-resolution")}
}

// prepareTarget runs the seed's per-target sequence: check -drift
// -changes, prepare into the target's folder, then check -code (scope
// script) and -dryrun of the generated script. It returns the commands'
// output.
func prepareTarget(ctx context.Context, inv *Invocation, fl *fleet.Fleet, name string) (string, error) {
	var log strings.Builder
	step := func(flags map[string]string, run func(context.Context, *Invocation) error, keys ...string) error {
		child, out, err := inv.forTarget(fl, name, flags, append(targetKeys(fl, name), keys...)...)
		if err != nil {
			return err
		}
		err = run(ctx, child)
		log.WriteString(out.String())
		return err
	}
	script := targetScript(fl, name)
	if err := os.Remove(script); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("removing the previous script of %s: %w", name, err)
	}
	if err := step(map[string]string{"drift": "true", "changes": "true"}, runCheck, "check.changesSource", "schemaModel"); err != nil {
		return log.String(), err
	}
	if err := step(nil, runPrepare, "prepare.scriptFilename", script, "prepare.force", "true"); err != nil {
		return log.String(), err
	}
	if _, err := os.Stat(script); err != nil {
		return log.String(), nil // nothing to deploy
	}
	err := step(map[string]string{"code": "true", "dryrun": "true"}, runCheck, "check.scope", "script", "check.scriptFilename", script)
	return log.String(), err
}

// deployTarget deploys the target's generated script.
func deployTarget(ctx context.Context, inv *Invocation, fl *fleet.Fleet, name string) (string, error) {
	child, out, err := inv.forTarget(fl, name, nil, append(targetKeys(fl, name), "deploy.scriptFilename", targetScript(fl, name))...)
	if err != nil {
		return "", err
	}
	err = runDeploy(ctx, child)
	return out.String(), err
}

// isTerminal reports whether w is an interactive terminal outside CI, where
// a redrawn progress bar is welcome.
func (inv *Invocation) isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	if inv.Options.LookupEnv != nil {
		if v, ok := inv.Options.LookupEnv("CI"); ok && v != "" && v != "false" {
			return false
		}
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// indent prefixes every line of a command's output with the target name.
func indent(name, text string) string {
	text = strings.TrimRight(text, "\n")
	if text == "" {
		return ""
	}
	return "[" + name + "] " + strings.ReplaceAll(text, "\n", "\n["+name+"] ")
}
