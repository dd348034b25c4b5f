package cli

import (
	"context"

	"github.com/pgfleet/pgfleet/internal/config"
)

func init() {
	register(&Command{
		Name:    "config",
		Summary: "Print the resolved configuration of an environment as JSON",
		Description: `
Loads the config files and command-line keys, resolves the selected
environment (-environment, default "default") with its ${env.VAR} resolvers,
and prints the result as JSON: connection, schemas and every effective
[flyway] setting. Passwords and every other secret are shown as ***.
Use it to check what a pipeline step will do before it does it.`,
		Run: runConfig,
	})
}

// configResult is the output of the config command.
type configResult struct {
	ConfigFiles      []string           `json:"configFiles"`
	WorkingDirectory string             `json:"workingDirectory,omitempty"`
	Project          map[string]string  `json:"project,omitempty"`
	Environments     []string           `json:"environments"`
	Environment      config.Environment `json:"environment"`
}

func runConfig(_ context.Context, inv *Invocation) error {
	cfg, err := inv.Config()
	if err != nil {
		return err
	}
	env, err := cfg.Resolve("")
	if err != nil {
		return err
	}
	res := configResult{
		ConfigFiles: cfg.Files, WorkingDirectory: cfg.WorkingDirectory,
		Environments: cfg.Environments(), Environment: env,
	}
	if res.ConfigFiles == nil {
		res.ConfigFiles = []string{}
	}
	if cfg.ID != "" || cfg.Name != "" || cfg.DatabaseType != "" {
		res.Project = map[string]string{"id": cfg.ID, "name": cfg.Name, "databaseType": cfg.DatabaseType}
	}
	// The configuration is the result in both output modes.
	if err := inv.writeJSON(inv.stdout, res); err != nil {
		return err
	}
	if inv.JSON {
		inv.Logf("Resolved environment %s (%s)", env.Name, env.Redacted())
	}
	return nil
}
