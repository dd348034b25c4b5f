// Package fleetexample embeds the example fleet project (flyway.toml and
// its schema model) so that pgfleet demo works from any directory.
package fleetexample

import "embed"

// Project holds flyway.toml and schema-model/ of examples/fleet.
//
//go:embed flyway.toml schema-model
var Project embed.FS
