package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is pgfleet's version, set at build time with
// -ldflags "-X github.com/pgfleet/pgfleet/internal/cli.Version=v1.2.3";
// when empty, the module version from the build information is used.
var Version = ""

func init() {
	register(&Command{
		Name:    "version",
		Summary: "Print pgfleet's version",
		Run:     runVersion,
	})
}

// versionInfo is the result of the version command.
type versionInfo struct {
	Version   string `json:"version"`
	Commit    string `json:"commit,omitempty"`
	GoVersion string `json:"goVersion"`
	Platform  string `json:"platform"`
}

func currentVersion() versionInfo {
	v := versionInfo{Version: Version, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				v.Commit = s.Value
			}
		}
	}
	if v.Version == "" {
		v.Version = "devel"
	}
	return v
}

func runVersion(_ context.Context, inv *Invocation) error {
	v := currentVersion()
	text := fmt.Sprintf("pgfleet %s (%s, %s)", v.Version, v.GoVersion, v.Platform)
	if v.Commit != "" {
		text = fmt.Sprintf("pgfleet %s (commit %.12s, %s, %s)", v.Version, v.Commit, v.GoVersion, v.Platform)
	}
	return inv.Result(v, text)
}
