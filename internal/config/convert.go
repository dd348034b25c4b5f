package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// convert turns a raw value (decoded TOML, or a command-line string, after
// resolvers) into the Go value of key k: string, bool, int or []string.
// For a map key it converts one entry's value.
func convert(k *Key, raw any) (any, error) {
	switch k.Type {
	case "bool":
		return toBool(raw)
	case "int":
		return toInt(raw)
	case "list":
		return toList(raw)
	default:
		s, ok := raw.(string)
		if !ok {
			return nil, fmt.Errorf("expected a string, got %s", tomlType(raw))
		}
		return s, nil
	}
}

func toBool(raw any) (bool, error) {
	switch v := raw.(type) {
	case bool:
		return v, nil
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return false, fmt.Errorf("expected true or false, got %q", v)
	}
	return false, fmt.Errorf("expected true or false, got %s", tomlType(raw))
}

func toInt(raw any) (int, error) {
	switch v := raw.(type) {
	case int64:
		return int(v), nil
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return 0, fmt.Errorf("expected an integer, got %q", v)
		}
		return n, nil
	}
	return 0, fmt.Errorf("expected an integer, got %s", tomlType(raw))
}

// toList accepts a TOML array of strings or a comma-separated string.
func toList(raw any) ([]string, error) {
	switch v := raw.(type) {
	case []any:
		out := make([]string, 0, len(v))
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return nil, fmt.Errorf("expected a list of strings, found %s", tomlType(item))
			}
			out = append(out, s)
		}
		return out, nil
	case string:
		out := []string{}
		for _, part := range strings.Split(v, ",") {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("expected a list of strings, got %s", tomlType(raw))
}

func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	default:
		return fmt.Sprintf("a %T", v)
	}
}

// setField stores a converted value into the field of k inside dst (a
// pointer to Settings or EnvironmentSettings). For map keys, entry names
// the map entry.
func setField(dst any, k *Key, entry string, v any) {
	f := reflect.ValueOf(dst).Elem().FieldByIndex(k.field)
	if k.Type == "map" {
		if f.IsNil() {
			f.Set(reflect.MakeMap(f.Type()))
		}
		if k.internal == "flyway.placeholders" { // names are case-insensitive
			for _, old := range f.MapKeys() {
				if strings.EqualFold(old.String(), entry) {
					f.SetMapIndex(old, reflect.Value{})
				}
			}
		}
		f.SetMapIndex(reflect.ValueOf(entry), reflect.ValueOf(v))
		return
	}
	f.Set(reflect.ValueOf(v))
}

// applyDefaults sets every key of dst (a pointer to Settings or
// EnvironmentSettings) to its declared default.
func applyDefaults(dst any, env bool) {
	for i := range keyTable {
		k := &keyTable[i]
		if k.env != env || k.fleet || k.Namespace == "" || k.Default == "" || k.Type == "map" {
			continue
		}
		v, err := convert(k, k.Default)
		if err != nil {
			panic(fmt.Sprintf("config: bad default for %s: %v", k.Name, err))
		}
		setField(dst, k, "", v)
	}
}

// fieldOf returns the current value of k's field in dst (a pointer to
// Settings or EnvironmentSettings).
func fieldOf(dst any, k *Key) any {
	return reflect.ValueOf(dst).Elem().FieldByIndex(k.field).Interface()
}
