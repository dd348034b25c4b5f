package artifact

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// backendIDs identify the workflow run and job to the results service.
type backendIDs struct {
	run, job string
}

// backendIDsFromToken reads the ids from the runtime token's scp claim,
// "Actions.Results:<run>:<job>", without verifying the token (the toolkit
// does the same: the service verifies it).
func backendIDsFromToken(token string) (backendIDs, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return backendIDs{}, errors.New("ACTIONS_RUNTIME_TOKEN is not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return backendIDs{}, fmt.Errorf("decoding ACTIONS_RUNTIME_TOKEN: %w", err)
	}
	var claims struct {
		Scp string `json:"scp"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil {
		return backendIDs{}, fmt.Errorf("decoding ACTIONS_RUNTIME_TOKEN claims: %w", err)
	}
	for _, scope := range strings.Fields(claims.Scp) {
		p := strings.Split(scope, ":")
		if len(p) == 3 && p[0] == "Actions.Results" && p[1] != "" && p[2] != "" {
			return backendIDs{run: p[1], job: p[2]}, nil
		}
	}
	return backendIDs{}, errors.New("ACTIONS_RUNTIME_TOKEN has no Actions.Results scope: is this a GitHub-hosted or current self-hosted runner?")
}
