// The manifest build-backend.mjs writes must be the one the SDK's own build writes (mage build:backend calls
// build/utils.GenerateManifest): Grafana's plugin validator compares it with the sources.
package scripts_test

import (
	"os/exec"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/build/utils"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildManifestIsTheSDKs(t *testing.T) {
	t.Chdir("..") // the SDK hashes the Go files below the plugin folder, the current directory of its build
	want, err := utils.GenerateManifest()
	require.NoError(t, err)
	require.Contains(t, want, ":pkg/main.go\n")

	script := "import('./scripts/build-backend.mjs').then((m) => process.stdout.write(m.buildManifest()))"
	got, err := exec.Command("node", "-e", script).Output()
	require.NoError(t, err)
	assert.Equal(t, want, string(got))
}
