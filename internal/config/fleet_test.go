package config

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pgfleet/pgfleet/internal/exitcode"
)

func TestFleet(t *testing.T) {
	tests := []struct {
		name    string
		toml    string
		args    []string // command-line key, value pairs
		want    Fleet
		wantErr []string
	}{
		{name: "defaults", toml: "", want: Fleet{Waves: []Wave{{Percent: 100}}, Include: []string{"*"},
			Parallelism: 8, StopOnFailure: true, RecheckAfter: 10 * time.Minute, Timeout: 5 * time.Minute, ConnectRetries: 2, ScriptFolder: "DIR/generated"}},
		{name: "percentages", toml: `[fleet]
canary = "eu-west-1"
waves = ["10%", "50%", "100%"]
exclude = ["build", "dev-*"]
parallelism = 3
stopOnFailure = false
recheckAfter = "90s"
timeout = "1m"
connectRetries = 0
scriptFolder = "out"
`, want: Fleet{Canary: "eu-west-1", Waves: []Wave{{Percent: 10}, {Percent: 50}, {Percent: 100}}, Include: []string{"*"},
			Exclude: []string{"build", "dev-*"}, Parallelism: 3, RecheckAfter: 90 * time.Second, Timeout: time.Minute, ScriptFolder: "DIR/out"}},
		{name: "name lists", toml: "[fleet]\nwaves = [[\"us-*\"], [\"ap-southeast-2\", \"eu-west-1\"]]\n",
			want: Fleet{Waves: []Wave{{Names: []string{"us-*"}}, {Names: []string{"ap-southeast-2", "eu-west-1"}}}, Include: []string{"*"},
				Parallelism: 8, StopOnFailure: true, RecheckAfter: 10 * time.Minute, Timeout: 5 * time.Minute, ConnectRetries: 2, ScriptFolder: "DIR/generated"}},
		{name: "command line wins", toml: "[fleet]\nparallelism = 3\n", args: []string{"fleet.parallelism", "5", "fleet.waves", "50%,100%"},
			want: Fleet{Waves: []Wave{{Percent: 50}, {Percent: 100}}, Include: []string{"*"},
				Parallelism: 5, StopOnFailure: true, RecheckAfter: 10 * time.Minute, Timeout: 5 * time.Minute, ConnectRetries: 2, ScriptFolder: "DIR/generated"}},
		{name: "unknown key", toml: "[fleet]\ncanaries = \"x\"\n", wantErr: []string{"flyway.toml:2: unknown key fleet.canaries"}},
		{name: "bad percentage", toml: "[fleet]\nwaves = [\"10%\", \"120%\"]\n", wantErr: []string{"flyway.toml:2: fleet.waves", "wave 2 is \"120%\""}},
		{name: "decreasing", toml: "[fleet]\nwaves = [\"50%\", \"10%\"]\n", wantErr: []string{"percentages are cumulative"}},
		{name: "mixed", toml: "[fleet]\nwaves = [\"50%\", [\"a\"]]\n", wantErr: []string{"mixes percentages and lists"}},
		{name: "bad duration", toml: "[fleet]\nrecheckAfter = \"soon\"\n", wantErr: []string{"flyway.toml:2: fleet.recheckAfter", "not a duration"}},
		{name: "bad parallelism", toml: "[fleet]\nparallelism = 0\n", wantErr: []string{"parallelism must be at least 1"}},
		{name: "wrong type", toml: "[fleet]\nparallelism = \"many\"\n", wantErr: []string{"flyway.toml:2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"flyway.toml": tt.toml})
			var ovs []Override
			for i := 0; i+1 < len(tt.args); i += 2 {
				o, err := ParseOverride(tt.args[i], tt.args[i+1], nil)
				if err != nil {
					t.Fatal(err)
				}
				ovs = append(ovs, o)
			}
			cfg, err := Load(Options{WorkingDirectory: dir, Overrides: ovs})
			var f Fleet
			if err == nil {
				f, err = cfg.Fleet()
			}
			if len(tt.wantErr) > 0 {
				if err == nil || exitcode.Of(err) != exitcode.Usage {
					t.Fatalf("want a usage error, got %v", err)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.want.ScriptFolder = strings.Replace(tt.want.ScriptFolder, "DIR", dir, 1)
			if !reflect.DeepEqual(f, tt.want) {
				t.Errorf("got %+v\nwant %+v", f, tt.want)
			}
		})
	}
}
