package report

import (
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"time"
)

// schemaValidator is a small JSON Schema validator for the keywords the
// SARIF 2.1.0 schema uses: type, properties, additionalProperties,
// required, items, minItems, uniqueItems, enum, minimum, maximum, pattern,
// anyOf, oneOf, format (uri, uri-reference, date-time, uuid) and local
// $ref. Annotations (description, default, title, $schema) are ignored;
// any other keyword is an error, so that a schema using more is noticed.
type schemaValidator struct {
	root map[string]any
}

var schemaAnnotations = map[string]bool{"description": true, "default": true, "title": true, "$schema": true, "definitions": true, "$id": true}

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// validate returns every violation of schema by v, each with its JSON path.
func (sv *schemaValidator) validate(schema map[string]any, v any, path string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		target, err := sv.resolve(ref)
		if err != nil {
			return []string{path + ": " + err.Error()}
		}
		return sv.validate(target, v, path)
	}
	var errs []string
	for k := range schema {
		if !schemaAnnotations[k] && !sv.known(k) {
			errs = append(errs, fmt.Sprintf("%s: schema keyword %q not implemented by the test validator", path, k))
		}
	}
	if t, ok := schema["type"]; ok && !typeMatches(t, v) {
		return append(errs, fmt.Sprintf("%s: %s is not of type %v", path, short(v), t))
	}
	errs = append(errs, sv.checkValue(schema, v, path)...)
	switch x := v.(type) {
	case map[string]any:
		errs = append(errs, sv.checkObject(schema, x, path)...)
	case []any:
		errs = append(errs, sv.checkArray(schema, x, path)...)
	}
	return errs
}

func (sv *schemaValidator) known(k string) bool {
	switch k {
	case "$ref", "type", "properties", "additionalProperties", "required", "items", "minItems", "uniqueItems",
		"enum", "minimum", "maximum", "pattern", "anyOf", "oneOf", "format":
		return true
	}
	return false
}

func (sv *schemaValidator) resolve(ref string) (map[string]any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("non-local $ref %q", ref)
	}
	var cur any = sv.root
	for _, part := range strings.Split(ref[2:], "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("unresolvable $ref %q", ref)
		}
		cur = m[part]
	}
	m, ok := cur.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("unresolvable $ref %q", ref)
	}
	return m, nil
}

// checkValue applies enum, bounds, pattern, format, anyOf and oneOf.
func (sv *schemaValidator) checkValue(schema map[string]any, v any, path string) []string {
	var errs []string
	if enum, ok := schema["enum"].([]any); ok && !containsJSON(enum, v) {
		errs = append(errs, fmt.Sprintf("%s: %s not in enum %v", path, short(v), enum))
	}
	if n, ok := v.(float64); ok {
		if m, ok := schema["minimum"].(float64); ok && n < m {
			errs = append(errs, fmt.Sprintf("%s: %v < minimum %v", path, n, m))
		}
		if m, ok := schema["maximum"].(float64); ok && n > m {
			errs = append(errs, fmt.Sprintf("%s: %v > maximum %v", path, n, m))
		}
	}
	if s, ok := v.(string); ok {
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(s) {
			errs = append(errs, fmt.Sprintf("%s: %q does not match %s", path, s, p))
		}
		if f, ok := schema["format"].(string); ok && !formatOK(f, s) {
			errs = append(errs, fmt.Sprintf("%s: %q is not a valid %s", path, s, f))
		}
	}
	for _, kw := range []string{"anyOf", "oneOf"} {
		subs, ok := schema[kw].([]any)
		if !ok {
			continue
		}
		matches := 0
		for _, sub := range subs {
			if len(sv.validate(sub.(map[string]any), v, path)) == 0 {
				matches++
			}
		}
		if matches == 0 || kw == "oneOf" && matches > 1 {
			errs = append(errs, fmt.Sprintf("%s: %d schemas of %s match", path, matches, kw))
		}
	}
	return errs
}

func (sv *schemaValidator) checkObject(schema map[string]any, obj map[string]any, path string) []string {
	var errs []string
	props, _ := schema["properties"].(map[string]any)
	for _, r := range asList(schema["required"]) {
		if _, ok := obj[r.(string)]; !ok {
			errs = append(errs, fmt.Sprintf("%s: required property %q missing", path, r))
		}
	}
	for k, val := range obj {
		if p, ok := props[k]; ok {
			errs = append(errs, sv.validate(p.(map[string]any), val, path+"."+k)...)
			continue
		}
		switch ap := schema["additionalProperties"].(type) {
		case bool:
			if !ap {
				errs = append(errs, fmt.Sprintf("%s: property %q not allowed", path, k))
			}
		case map[string]any:
			errs = append(errs, sv.validate(ap, val, path+"."+k)...)
		}
	}
	return errs
}

func (sv *schemaValidator) checkArray(schema map[string]any, arr []any, path string) []string {
	var errs []string
	if m, ok := schema["minItems"].(float64); ok && float64(len(arr)) < m {
		errs = append(errs, fmt.Sprintf("%s: %d items < minItems %v", path, len(arr), m))
	}
	if u, ok := schema["uniqueItems"].(bool); ok && u {
		for i := range arr {
			for j := i + 1; j < len(arr); j++ {
				if reflect.DeepEqual(arr[i], arr[j]) {
					errs = append(errs, fmt.Sprintf("%s: items %d and %d are equal", path, i, j))
				}
			}
		}
	}
	if items, ok := schema["items"].(map[string]any); ok {
		for i, it := range arr {
			errs = append(errs, sv.validate(items, it, fmt.Sprintf("%s[%d]", path, i))...)
		}
	}
	return errs
}

func typeMatches(t any, v any) bool {
	for _, name := range asList(t) {
		switch x := v.(type) {
		case map[string]any:
			if name == "object" {
				return true
			}
		case []any:
			if name == "array" {
				return true
			}
		case string:
			if name == "string" {
				return true
			}
		case bool:
			if name == "boolean" {
				return true
			}
		case nil:
			if name == "null" {
				return true
			}
		case float64:
			if name == "number" || name == "integer" && x == float64(int64(x)) {
				return true
			}
		}
	}
	return false
}

func asList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case nil:
		return nil
	}
	return []any{v}
}

func containsJSON(list []any, v any) bool {
	for _, x := range list {
		if reflect.DeepEqual(x, v) {
			return true
		}
	}
	return false
}

func formatOK(format, s string) bool {
	switch format {
	case "uri":
		u, err := url.Parse(s)
		return err == nil && u.Scheme != ""
	case "uri-reference":
		_, err := url.Parse(s)
		return err == nil
	case "date-time":
		_, err := time.Parse(time.RFC3339, s)
		return err == nil
	case "uuid":
		return uuidRE.MatchString(s)
	}
	return true
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 60 {
		return string(b[:60]) + "..."
	}
	return string(b)
}
