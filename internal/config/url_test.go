package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		in           string
		hosts        []HostPort
		db           string
		params       map[string]string
		user, pass   string
		wantURI      string
		wantRedacted string
	}{
		{in: "jdbc:postgresql://db.example.com:5433/app?sslmode=verify-full",
			hosts: []HostPort{{"db.example.com", 5433}}, db: "app", params: map[string]string{"sslmode": "verify-full"},
			wantURI: "postgres://db.example.com:5433/app?sslmode=verify-full"},
		{in: "jdbc:postgresql://db.example.com/app", hosts: []HostPort{{"db.example.com", 5432}}, db: "app", params: map[string]string{},
			wantURI: "postgres://db.example.com:5432/app"},
		{in: "postgresql://bob:s%40cret@h1:5432,h2:5433/my%20db?application_name=pgfleet",
			hosts: []HostPort{{"h1", 5432}, {"h2", 5433}}, db: "my db", params: map[string]string{"application_name": "pgfleet"},
			user: "bob", pass: "s@cret", wantURI: "postgres://h1:5432,h2:5433/my%20db?application_name=pgfleet"},
		{in: "postgres://[::1]:6543/x", hosts: []HostPort{{"::1", 6543}}, db: "x", params: map[string]string{},
			wantURI: "postgres://[::1]:6543/x"},
		{in: "jdbc:postgresql://h/db?user=u&password=p&ssl=true&ApplicationName=ci&currentSchema=app",
			hosts: []HostPort{{"h", 5432}}, db: "db", user: "u", pass: "p",
			params:  map[string]string{"sslmode": "require", "application_name": "ci", "search_path": "app"},
			wantURI: "postgres://h:5432/db?application_name=ci&search_path=app&sslmode=require"},
		{in: "postgres:///db", hosts: []HostPort{{"localhost", 5432}}, db: "db", params: map[string]string{},
			wantURI: "postgres://localhost:5432/db"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			u, err := ParseURL(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(u.Hosts, tt.hosts) || u.Database != tt.db || !reflect.DeepEqual(u.Params, tt.params) ||
				u.user != tt.user || u.password != tt.pass {
				t.Errorf("got %+v", u)
			}
			if got := u.String(); got != tt.wantURI {
				t.Errorf("String() = %q, want %q", got, tt.wantURI)
			}
		})
	}
}

func TestParseURLErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"mysql://u:hunter2@h/db", "must start with"},
		{"jdbc:sqlserver://h;databaseName=x", "must start with"},
		{"postgres://u:hunter2@h:0/db", "bad port"},
		{"postgres://u:hunter2@h:abc/db", "bad port"},
		{"postgres://u:hunter2@h:1:2/db", "bad host:port"},
		{"postgres://u:hunter2@h/db?a=%zz", "malformed parameters"},
		{"postgres://u:hunter2@h/d%zzb", "bad escape in the database name"},
		{"postgres://u:hun%zzter2@h/db", "bad escape in the password"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseURL(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "hun%zzter2") {
				t.Errorf("error leaks the password: %v", err)
			}
		})
	}
}

func TestConnStringCredentials(t *testing.T) {
	u, err := ParseURL("postgres://h/db?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	e := Environment{URL: u, User: "app user", Password: "p@ss:/word"}
	if got, want := e.ConnString(), "postgres://app%20user:p%40ss%3A%2Fword@h:5432/db?sslmode=disable"; got != want {
		t.Errorf("ConnString() = %q, want %q", got, want)
	}
	if got, want := e.Redacted(), "postgres://app%20user:***@h:5432/db?sslmode=disable"; got != want {
		t.Errorf("Redacted() = %q, want %q", got, want)
	}
}
