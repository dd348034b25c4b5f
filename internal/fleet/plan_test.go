package fleet

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/config"
)

var seed = []string{"ap-southeast-2", "eu-west-1", "us-east-1"}

func names(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("db-%04d", i)
	}
	return out
}

func waveTargets(r *Rollout) [][]string {
	var out [][]string
	for _, w := range r.Waves {
		out = append(out, w.Targets)
	}
	return out
}

func TestPlanWaves(t *testing.T) {
	pct := func(p ...int) []config.Wave {
		var w []config.Wave
		for _, x := range p {
			w = append(w, config.Wave{Percent: x})
		}
		return w
	}
	tests := []struct {
		name    string
		targets []string
		fleet   config.Fleet
		want    [][]string
		wantErr string
	}{
		{"seed canary then rest", seed, config.Fleet{Canary: "eu-west-1", Waves: pct(100)},
			[][]string{{"eu-west-1"}, {"ap-southeast-2", "us-east-1"}}, ""},
		{"seed 10/50/100", seed, config.Fleet{Canary: "eu-west-1", Waves: pct(10, 50, 100)},
			[][]string{{"eu-west-1"}, {"ap-southeast-2"}, {"us-east-1"}}, ""},
		{"no canary", seed, config.Fleet{Waves: pct(50, 100)},
			[][]string{{"ap-southeast-2", "eu-west-1"}, {"us-east-1"}}, ""},
		{"percent short of 100 leaves a last wave", names(10), config.Fleet{Waves: pct(20, 50)},
			[][]string{names(10)[:2], names(10)[2:5], names(10)[5:]}, ""},
		{"name waves with globs, rest last", seed, config.Fleet{Canary: "eu-west-1", Waves: []config.Wave{{Names: []string{"us-*"}}}},
			[][]string{{"eu-west-1"}, {"us-east-1"}, {"ap-southeast-2"}}, ""},
		{"name wave skips taken targets", seed, config.Fleet{Waves: []config.Wave{{Names: []string{"us-*"}}, {Names: []string{"*"}}}},
			[][]string{{"us-east-1"}, {"ap-southeast-2", "eu-west-1"}}, ""},
		{"unknown canary", seed, config.Fleet{Canary: "eu-west-9", Waves: pct(100)}, nil, `canary "eu-west-9" is not a fleet target`},
		{"wave matches nothing", seed, config.Fleet{Waves: []config.Wave{{Names: []string{"sa-*"}}}}, nil, `matches no target`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Plan(tt.targets, tt.fleet, PlanOptions{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := waveTargets(r); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("waves %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPlanShards(t *testing.T) {
	tests := []struct {
		targets, max int
		jobs, per    int // jobs in the "all" matrix, most targets in a job
	}{
		{3, 256, 3, 1},
		{256, 256, 256, 1},
		{257, 256, 256, 2},
		{1000, 256, 256, 4},
		{10000, 256, 256, 40},
		{10, 4, 4, 3},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.targets, "/", tt.max), func(t *testing.T) {
			all := names(tt.targets)
			r, err := Plan(all, config.Fleet{Canary: all[0], Waves: []config.Wave{{Percent: 10}, {Percent: 100}}}, PlanOptions{MaxJobs: tt.max})
			if err != nil {
				t.Fatal(err)
			}
			check := func(m Matrix, want []string) {
				var seen []string
				per := 0
				for _, j := range m.Include {
					part := strings.Split(j.Targets, ",")
					per = max(per, len(part))
					seen = append(seen, part...)
					if (len(part) == 1) != (j.Environment != "") {
						t.Errorf("job %s: environment %q with %d targets", j.Shard, j.Environment, len(part))
					}
				}
				if len(m.Include) > tt.max || !reflect.DeepEqual(seen, want) {
					t.Errorf("matrix of %d jobs covers %d targets, want at most %d jobs covering %d", len(m.Include), len(seen), tt.max, len(want))
				}
			}
			check(r.Matrix, all)
			if len(r.Matrix.Include) != tt.jobs || len(strings.Split(r.Matrix.Include[0].Targets, ",")) != tt.per {
				t.Errorf("all matrix: %d jobs of up to %d, want %d of %d", len(r.Matrix.Include), len(strings.Split(r.Matrix.Include[0].Targets, ",")), tt.jobs, tt.per)
			}
			var covered []string
			for _, w := range r.Waves {
				check(w.Matrix, w.Targets)
				covered = append(covered, w.Targets...)
			}
			if len(covered) != tt.targets {
				t.Errorf("waves cover %d targets, want %d", len(covered), tt.targets)
			}
		})
	}
}

func TestPlanDeterministicJSON(t *testing.T) {
	f := config.Fleet{Canary: "eu-west-1", Waves: []config.Wave{{Percent: 50}, {Percent: 100}}, Parallelism: 4}
	a, _ := Plan(seed, f, PlanOptions{})
	b, _ := Plan(append([]string{}, seed...), f, PlanOptions{})
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatal("two plans of the same fleet differ")
	}
	want := `{"targets":3,"canary":"eu-west-1","parallelism":4,"waves":[{"name":"canary","targets":["eu-west-1"],"matrix":{"include":[{"shard":"canary","targets":"eu-west-1","environment":"eu-west-1"}]}}`
	if !strings.HasPrefix(string(ja), want) {
		t.Errorf("JSON starts\n%s\nwant\n%s", ja, want)
	}
}

func TestSelect(t *testing.T) {
	tests := []struct {
		selector string
		want     []string
		wantErr  string
	}{
		{"*", seed, ""},
		{"eu-*,us-east-1", []string{"eu-west-1", "us-east-1"}, ""},
		{"us-east-1, ap-southeast-2", []string{"ap-southeast-2", "us-east-1"}, ""},
		{"sa-*", nil, `"sa-*" matches no fleet target`},
		{"eu-west-1,nope", nil, `"nope" matches no fleet target`},
		{"[", nil, "malformed environment glob"},
	}
	for _, tt := range tests {
		t.Run(tt.selector, func(t *testing.T) {
			got, err := Select(seed, tt.selector)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Select = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestTargets(t *testing.T) {
	all := append([]string{"build", "dev-1"}, seed...)
	got, err := Targets(all, config.Fleet{Exclude: []string{"dev-*"}}, "build")
	if err != nil || !reflect.DeepEqual(got, seed) {
		t.Errorf("Targets = %q, %v", got, err)
	}
	if _, err := Targets(all, config.Fleet{Include: []string{"dev-*"}, Exclude: []string{"*"}}); err == nil {
		t.Error("an empty fleet should be an error")
	}
}

func TestPlanConfig(t *testing.T) {
	dir := t.TempDir()
	toml := `[flyway.check]
buildEnvironment = "build"
[fleet]
canary = "eu-west-1"
exclude = ["dev"]
[environments.build]
url = "postgresql://localhost/build"
[environments.dev]
url = "postgresql://localhost/dev"
[environments.eu-west-1]
url = "postgresql://localhost/eu"
password = "${env.EU_PASSWORD}"
[environments.us-east-1]
url = "postgresql://localhost/us"
`
	if err := os.WriteFile(filepath.Join(dir, "flyway.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(config.Options{WorkingDirectory: dir})
	if err != nil {
		t.Fatal(err)
	}
	r, err := PlanConfig(cfg, "", PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := waveTargets(r); !reflect.DeepEqual(got, [][]string{{"eu-west-1"}, {"us-east-1"}}) {
		t.Errorf("waves %q: the build and excluded environments are not targets", got)
	}
	if _, err := PlanConfig(cfg, "us-*", PlanOptions{}); err == nil || !strings.Contains(err.Error(), "canary") {
		t.Errorf("a selector without the canary: %v", err)
	}
}
