package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// TestAgainstOpenSearch replays the recorded events into a real node and checks that a logs query gives
// the golden frame back and that the health check passes. It needs OPENSEARCH_URL (set by the test runner).
func TestAgainstOpenSearch(t *testing.T) {
	base := strings.TrimRight(os.Getenv("OPENSEARCH_URL"), "/")
	if base == "" {
		t.Skip("OPENSEARCH_URL is not set")
	}
	// A private prefix keeps the bridge's kansa-events-* template and data out of the test, and the test out of them.
	prefix := fmt.Sprintf("kansa-gotest-%d-", time.Now().UnixNano())
	index := prefix + "2026.11.02"
	t.Cleanup(func() { _ = call(base, http.MethodDelete, "/"+index, nil) })

	require.NoError(t, call(base, http.MethodPut, "/"+index, map[string]any{
		"settings": map[string]any{"number_of_shards": 1, "number_of_replicas": 0},
		"mappings": registryMapping(),
	}))
	var bulk bytes.Buffer
	for _, hit := range readRecordedSearch(t).Hits.Hits {
		meta, _ := json.Marshal(map[string]any{"index": map[string]any{"_index": index, "_id": hit.ID}})
		doc, _ := json.Marshal(hit.Source)
		bulk.Write(append(append(meta, '\n'), append(doc, '\n')...))
	}
	require.NoError(t, callRaw(base, http.MethodPost, "/_bulk?refresh=true", "application/x-ndjson", bulk.Bytes()))

	ds := newTestDatasource(t, base, fmt.Sprintf(`{"indexPattern":%q}`, prefix+"*"), nil)

	health, err := ds.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
	require.NoError(t, err)
	assert.Equal(t, backend.HealthStatusOk, health.Status, health.Message)

	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		dataQuery("A", "logs", `{}`),
		dataQuery("B", "logs", `{"query":"user.name:yamada AND event.code:4625"}`),
	}})
	require.NoError(t, err)
	a := res.Responses["A"]
	require.NoError(t, a.Error)
	experimental.CheckGoldenJSONFrame(t, "testdata", "logs_frame", a.Frames[0], false)

	b := res.Responses["B"]
	require.NoError(t, b.Error)
	require.Equal(t, 1, b.Frames[0].Rows())
	id, _ := b.Frames[0].FieldByName("id")
	assert.Equal(t, "w-4625-88121", id.At(0))
}

// registryMapping maps every registry field with its registry type, as the bridge's index template does.
func registryMapping() map[string]any {
	props := map[string]any{}
	for _, f := range schema.Fields {
		if f.Type == "object" {
			continue // its sub-fields are listed on their own and imply the object
		}
		props[f.Name] = map[string]any{"type": f.Type}
	}
	return map[string]any{
		"dynamic":    "strict",
		"_meta":      map[string]any{metaSchemaVersion: schema.Version},
		"properties": props,
	}
}

func call(base, method, path string, body any) error {
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			return err
		}
	}
	return callRaw(base, method, path, "application/json", raw)
}

func callRaw(base, method, path, contentType string, body []byte) error {
	req, err := http.NewRequest(method, base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", contentType)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var out struct {
		Errors bool `json:"errors"`
	}
	_ = json.NewDecoder(res.Body).Decode(&out)
	if res.StatusCode > 299 || out.Errors {
		return fmt.Errorf("%s %s: status %d, errors %v", method, path, res.StatusCode, out.Errors)
	}
	return nil
}
