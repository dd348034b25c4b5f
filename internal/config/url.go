package config

import (
	"fmt"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// URL is a parsed database URL. It accepts JDBC URLs
// (jdbc:postgresql://host:port/db?params) as well as postgresql:// and
// postgres:// URIs; several hosts may be given comma-separated.
type URL struct {
	// Hosts are the servers, in order; a missing port is 5432.
	Hosts []HostPort
	// Database is the database name ("" lets the server pick the user's).
	Database string
	// Params are connection parameters passed through to pgx (sslmode,
	// application_name, ...), with the JDBC names Flyway users write
	// translated to their libpq equivalents.
	Params map[string]string

	user, password string // from userinfo or the user/password parameters
}

// HostPort is one server of a URL.
type HostPort struct {
	Host string
	Port int
}

// jdbcParams maps PostgreSQL JDBC driver parameter names to libpq ones.
var jdbcParams = map[string]string{
	"ApplicationName": "application_name",
	"connectTimeout":  "connect_timeout",
	"currentSchema":   "search_path",
	"sslrootcert":     "sslrootcert",
	"sslcert":         "sslcert",
	"sslkey":          "sslkey",
}

// ParseURL parses a database URL. Errors never repeat the URL, which may
// hold a password.
func ParseURL(s string) (URL, error) {
	rest, ok := cutScheme(s)
	if !ok {
		return URL{}, fmt.Errorf("invalid URL: it must start with jdbc:postgresql://, postgresql:// or postgres://")
	}
	rest, query, _ := strings.Cut(rest, "?")
	authority, path, _ := strings.Cut(rest, "/")
	var u URL
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		if err := u.setUserinfo(authority[:at]); err != nil {
			return URL{}, err
		}
		authority = authority[at+1:]
	}
	hosts, err := parseHosts(authority)
	if err != nil {
		return URL{}, err
	}
	u.Hosts = hosts
	if u.Database, err = url.PathUnescape(path); err != nil {
		return URL{}, fmt.Errorf("invalid URL: bad escape in the database name")
	}
	if err := u.setParams(query); err != nil {
		return URL{}, err
	}
	return u, nil
}

func cutScheme(s string) (string, bool) {
	for _, p := range []string{"jdbc:postgresql://", "postgresql://", "postgres://"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return s[len(p):], true
		}
	}
	return "", false
}

func (u *URL) setUserinfo(info string) error {
	user, pass, hasPass := strings.Cut(info, ":")
	var err error
	if u.user, err = url.PathUnescape(user); err != nil {
		return fmt.Errorf("invalid URL: bad escape in the user name")
	}
	if hasPass {
		if u.password, err = url.PathUnescape(pass); err != nil {
			return fmt.Errorf("invalid URL: bad escape in the password")
		}
	}
	return nil
}

func parseHosts(authority string) ([]HostPort, error) {
	if authority == "" {
		return []HostPort{{Host: "localhost", Port: 5432}}, nil
	}
	var hosts []HostPort
	for _, hp := range strings.Split(authority, ",") {
		host, port := hp, "5432"
		if h, p, err := net.SplitHostPort(hp); err == nil {
			host, port = h, p
		} else if strings.HasPrefix(hp, "[") && strings.HasSuffix(hp, "]") {
			host = hp[1 : len(hp)-1]
		} else if strings.Contains(hp, ":") {
			return nil, fmt.Errorf("invalid URL: bad host:port %q", hp)
		}
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("invalid URL: bad port %q (want 1-65535)", port)
		}
		if host == "" || strings.ContainsAny(host, " /\\") {
			return nil, fmt.Errorf("invalid URL: bad host %q", host)
		}
		hosts = append(hosts, HostPort{Host: host, Port: n})
	}
	return hosts, nil
}

func (u *URL) setParams(query string) error {
	values, err := url.ParseQuery(query)
	if err != nil {
		return fmt.Errorf("invalid URL: malformed parameters after ?")
	}
	u.Params = map[string]string{}
	for name, vs := range values {
		v := vs[len(vs)-1]
		switch name {
		case "user":
			u.user = v
		case "password":
			u.password = v
		case "ssl":
			if strings.EqualFold(v, "true") && values.Get("sslmode") == "" {
				u.Params["sslmode"] = "require"
			}
		default:
			if libpq, ok := jdbcParams[name]; ok {
				name = libpq
			}
			u.Params[name] = v
		}
	}
	return nil
}

// String returns the URL as a postgres:// URI without credentials: safe to
// print.
func (u URL) String() string {
	return u.uri("", "", false)
}

// uri renders the URL as a postgres:// URI with the given credentials, the
// password shown as *** when mask is set.
func (u URL) uri(user, password string, mask bool) string {
	var b strings.Builder
	b.WriteString("postgres://")
	switch {
	case password != "" && mask:
		b.WriteString(url.User(user).String() + ":***@")
	case password != "":
		b.WriteString(url.UserPassword(user, password).String() + "@")
	case user != "":
		b.WriteString(url.User(user).String() + "@")
	}
	for i, h := range u.Hosts {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(net.JoinHostPort(h.Host, strconv.Itoa(h.Port)))
	}
	b.WriteString("/" + url.PathEscape(u.Database))
	if len(u.Params) > 0 {
		names := sortedKeys(u.Params)
		sort.Strings(names)
		q := make([]string, len(names))
		for i, n := range names {
			q[i] = url.QueryEscape(n) + "=" + url.QueryEscape(u.Params[n])
		}
		b.WriteString("?" + strings.Join(q, "&"))
	}
	return b.String()
}
