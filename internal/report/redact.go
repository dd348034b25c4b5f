package report

import (
	"net/url"
	"regexp"
)

var dsnPassword = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)`)

// RedactDatabase removes any password from a database URL (the password
// of its user info is dropped, a password parameter masked) or key=value
// connection string, so that a report never carries one.
func RedactDatabase(db string) string {
	if u, err := url.Parse(db); err == nil && u.Scheme != "" && u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.User(u.User.Username())
		}
		q := u.Query()
		if q.Has("password") {
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
		}
		return u.String()
	}
	if u, err := url.Parse(db); err == nil && u.Scheme != "" && u.Query().Has("password") {
		q := u.Query()
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsnPassword.ReplaceAllString(db, "${1}xxxxx")
}
