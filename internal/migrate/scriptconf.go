package migrate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// ScriptConfig is a migration's script configuration file,
// <migration>.sql.conf, in Java properties syntax.
type ScriptConfig struct {
	// File is the path of the .sql.conf file; empty when there is none.
	File string
	// ExecuteInTransaction and PlaceholderReplacement are nil when unset.
	ExecuteInTransaction   *bool
	PlaceholderReplacement *bool
	Encoding               string
	// ShouldExecute is the Deploy Rule as written; empty when unset.
	ShouldExecute string
	// ShouldExecuteLine is the line of shouldExecute in File.
	ShouldExecuteLine int
}

// readScriptConfig reads path if it exists.
func readScriptConfig(path string) (ScriptConfig, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return ScriptConfig{}, nil
	}
	if err != nil {
		return ScriptConfig{}, fmt.Errorf("reading script config: %w", err)
	}
	return parseScriptConfig(path, string(raw))
}

// parseScriptConfig parses Java properties as Flyway reads them: lines
// trimmed, # and ! comments, key=value (or key:value), a trailing backslash
// continuing the value on the next line. Only the four keys Flyway accepts
// are allowed.
func parseScriptConfig(path, text string) (ScriptConfig, error) {
	c := ScriptConfig{File: path}
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		start := i + 1
		line := strings.TrimSpace(lines[i])
		if i == 0 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		for strings.HasSuffix(line, `\`) && i+1 < len(lines) {
			i++
			line = line[:len(line)-1] + strings.TrimSpace(lines[i])
		}
		line = strings.TrimSuffix(line, `\`)
		k := strings.IndexAny(line, "=:")
		if k < 0 {
			return c, fmt.Errorf("%s:%d: %q is not key=value", path, start, line)
		}
		if err := c.set(strings.TrimSpace(line[:k]), strings.TrimSpace(line[k+1:]), start); err != nil {
			return c, fmt.Errorf("%s:%d: %w", path, start, err)
		}
	}
	return c, nil
}

func (c *ScriptConfig) set(key, value string, line int) error {
	switch key {
	case "executeInTransaction":
		return setBool(&c.ExecuteInTransaction, key, value)
	case "placeholderReplacement":
		return setBool(&c.PlaceholderReplacement, key, value)
	case "encoding":
		c.Encoding = value
	case "shouldExecute":
		c.ShouldExecute, c.ShouldExecuteLine = value, line
	default:
		return fmt.Errorf("unknown script configuration key %q; the keys are executeInTransaction, encoding, placeholderReplacement and shouldExecute", key)
	}
	return nil
}

func setBool(dst **bool, key, value string) error {
	var b bool
	switch strings.ToLower(value) {
	case "true":
		b = true
	case "false":
	default:
		return fmt.Errorf("%s is %q; it must be true or false", key, value)
	}
	*dst = &b
	return nil
}
