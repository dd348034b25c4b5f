package config

import (
	"errors"
	"strings"
	"testing"
)

func TestExpand(t *testing.T) {
	vars := lookupIn(map[string]string{"USER": "alice", "EMPTY": "", "BRANCH": "feature/ABC-12_x"})
	tests := []struct {
		in, want, wantErr string
	}{
		{in: "plain", want: "plain"},
		{in: "${env.USER}", want: "alice"},
		{in: "pre-${env.USER}-post ${env.USER}", want: "pre-alice-post alice"},
		{in: "${env.EMPTY}", want: ""},
		{in: "$${env.USER}", want: "${env.USER}"},
		{in: "a $${not.resolved} b ${env.USER}", want: "a ${not.resolved} b alice"},
		{in: "${env.BRANCH:ad}", want: "featureABC12x"},
		{in: "${env.BRANCH:a}", want: "featureABCx"},
		{in: "${env.MISSING}", wantErr: "${env.MISSING} is not set"},
		{in: "${vault.secret/db}", wantErr: `unknown resolver "vault"`},
		{in: "${localSecret.x}", wantErr: `unknown resolver "localSecret"`},
		{in: "${env}", wantErr: "malformed resolver"},
		{in: "${env.}", wantErr: "malformed resolver"},
		{in: "${env.A", wantErr: "unterminated resolver"},
		{in: "${env.A_${env.B}}", wantErr: "cannot be nested"},
		{in: "${env.USER:x}", wantErr: "unknown filter character"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := expand(tt.in, vars)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("expand(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestUnsetVariableError(t *testing.T) {
	_, err := expand("${env.DB_PASSWORD}", lookupIn(nil))
	var ue *UnsetVariableError
	if !errors.As(err, &ue) || ue.Variable != "DB_PASSWORD" {
		t.Fatalf("err = %v", err)
	}
}
