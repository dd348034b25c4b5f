package diff

import "github.com/pgfleet/pgfleet/internal/catalog"

// NormalizeExpr returns a canonical spelling of an expression or
// definition text for comparison; see catalog.NormalizeExpr.
func NormalizeExpr(s string) string { return catalog.NormalizeExpr(s) }
