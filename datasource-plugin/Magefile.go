//go:build mage

// Mage targets for developers who use the Grafana plugin SDK's standard build. npm run build:backend
// (scripts/build-backend.mjs) builds the same binaries and go_plugin_build_manifest without the mage command:
// the host platform by default, and with --all the four platforms the plugin archive ships.
package main

import (
	// mage:import
	build "github.com/grafana/grafana-plugin-sdk-go/build"
)

// Default builds the backend for every platform Grafana ships on.
var Default = build.BuildAll
