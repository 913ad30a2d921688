package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// metaSchemaVersion is the key under the index mapping's _meta where the bridge's index template
// records the field registry version it was generated from.
const metaSchemaVersion = "kansa_schema_version"

// maxListedIndices keeps a health message readable when many daily indices disagree.
const maxListedIndices = 5

// CheckHealth proves the three things a Kansa panel needs: OpenSearch answers, the index pattern matches
// indices, and those indices were created from the same field registry this plugin was built with.
func (d *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	ctx, cancel := context.WithTimeout(ctx, d.settings.Timeout)
	defer cancel()
	var root struct {
		Version struct {
			Number       string `json:"number"`
			Distribution string `json:"distribution"`
		} `json:"version"`
	}
	var oe *client.Error
	if err := d.os.Do(ctx, http.MethodGet, nil, nil, nil, &root); err != nil {
		if errors.As(err, &oe) {
			return unhealthy("OpenSearch at %s refused the request (check the authentication settings): %v",
				d.settings.URL.Redacted(), err), nil
		}
		return unhealthy("Cannot reach OpenSearch at %s: %v", d.settings.URL.Redacted(), err), nil
	}
	if root.Version.Distribution != "opensearch" {
		return unhealthy("%s does not answer as OpenSearch (distribution %q, version %s)",
			d.settings.URL.Redacted(), root.Version.Distribution, root.Version.Number), nil
	}

	pattern := d.settings.IndexPattern
	var mappings map[string]struct {
		Mappings struct {
			Meta map[string]any `json:"_meta"`
		} `json:"mappings"`
	}
	err := d.os.Do(ctx, http.MethodGet, []string{pattern, "_mapping"}, nil, nil, &mappings)
	switch {
	case errors.As(err, &oe) && oe.Status == http.StatusNotFound, err == nil && len(mappings) == 0:
		return unhealthy("OpenSearch %s is up, but no index matches %q yet. Start the Kansa bridge: it installs "+
			"the index template and writes the first events.", root.Version.Number, pattern), nil
	case err != nil:
		return unhealthy("Cannot read the mapping of %q: %v", pattern, err), nil
	}

	var mismatched []string
	for index, m := range mappings {
		v, ok := m.Mappings.Meta[metaSchemaVersion].(json.Number)
		if n, err := v.Int64(); !ok || err != nil || n != schema.Version {
			mismatched = append(mismatched, fmt.Sprintf("%s (%v)", index, m.Mappings.Meta[metaSchemaVersion]))
		}
	}
	if len(mismatched) > 0 {
		sort.Strings(mismatched)
		listed := mismatched
		if len(listed) > maxListedIndices {
			listed = append(listed[:maxListedIndices:maxListedIndices], fmt.Sprintf("and %d more", len(mismatched)-maxListedIndices))
		}
		return unhealthy("%d of %d indices matching %q do not carry _meta.%s = %d, the field registry version this "+
			"plugin reads: %s. Upgrade the bridge and the plugin together.",
			len(mismatched), len(mappings), pattern, metaSchemaVersion, schema.Version, strings.Join(listed, ", ")), nil
	}

	details, _ := json.Marshal(map[string]any{
		"opensearchVersion": root.Version.Number, "indexPattern": pattern, "indices": len(mappings),
		"schemaVersion": schema.Version,
	})
	return &backend.CheckHealthResult{
		Status: backend.HealthStatusOk,
		Message: fmt.Sprintf("OpenSearch %s: %d indices match %q, field registry version %d",
			root.Version.Number, len(mappings), pattern, schema.Version),
		JSONDetails: details,
	}, nil
}

func unhealthy(format string, args ...any) *backend.CheckHealthResult {
	return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: fmt.Sprintf(format, args...)}
}
