//go:build mage

// Mage targets for developers who use the Grafana plugin SDK's standard build; npm run build:backend
// produces the same linux/amd64 binary without needing the mage command.
package main

import (
	// mage:import
	build "github.com/grafana/grafana-plugin-sdk-go/build"
)

// Default builds the backend for every platform Grafana ships on.
var Default = build.BuildAll
