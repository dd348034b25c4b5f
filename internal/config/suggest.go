package config

import (
	"strings"
)

// distance is the optimal-string-alignment edit distance between a and b,
// ignoring case: insertions, deletions, substitutions and transpositions
// of adjacent characters each cost one.
func distance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// nearest returns the candidate closest to name, or "" when none is close
// enough to be a plausible typo.
func nearest(name string, candidates []string) string {
	best, bestD := "", max(1, len(name)/3)+1
	for _, c := range candidates {
		if d := distance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// suggestFileKey proposes the key a misspelt TOML key path probably meant,
// as a TOML path, or "".
func suggestFileKey(parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	last := parts[len(parts)-1]
	ns := strings.Join(parts[:len(parts)-1], ".")
	envName := ""
	if len(parts) >= 3 && parts[0] == "environments" {
		envName = parts[1]
	}
	var same, all []string
	for _, k := range keyTable {
		name := k.Name
		if envName != "" {
			name = strings.Replace(name, "environments.NAME", "environments."+envName, 1)
		}
		name = strings.TrimSuffix(name, ".NAME")
		if envName != "" && !k.env && strings.HasPrefix(name, "flyway") {
			name = "environments." + envName + "." + name
		}
		all = append(all, name)
		if name[:max(0, strings.LastIndex(name, "."))] == ns {
			same = append(same, name)
		}
	}
	if ns == "flyway" && (last == "url" || last == "user" || last == "password") {
		return "environments.NAME." + last
	}
	if s := nearestLast(last, same); s != "" {
		return s
	}
	for _, name := range all {
		if strings.EqualFold(name[strings.LastIndex(name, ".")+1:], last) {
			return name
		}
	}
	return ""
}

// nearestLast compares name with the last segment of each dotted candidate.
func nearestLast(name string, candidates []string) string {
	lasts := make([]string, len(candidates))
	for i, c := range candidates {
		lasts[i] = c[strings.LastIndex(c, ".")+1:]
	}
	best := nearest(name, lasts)
	for i, l := range lasts {
		if best != "" && l == best {
			return candidates[i]
		}
	}
	return ""
}
