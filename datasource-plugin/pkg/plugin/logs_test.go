package plugin

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// Run `go test ./pkg/plugin -update` after an intended change to rewrite the golden files in testdata/.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var testRange = backend.TimeRange{
	From: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC),
	To:   time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC),
}

func TestLogsSearchBody(t *testing.T) {
	m := queryModel{QueryType: QueryTypeLogs, Query: "  event.code:4625 AND source.ip:10.0.0.0/8 ", Limit: 100}
	body, err := logsSearch(m, testRange, m.Limit).Build()
	require.NoError(t, err)
	got, err := json.MarshalIndent(body, "", "  ")
	require.NoError(t, err)
	checkGoldenBytes(t, "logs_request.json", append(got, '\n'))
}

func TestLogsSearchBodyWithoutQueryOnlyFiltersTime(t *testing.T) {
	body, err := logsSearch(queryModel{Limit: defaultLimit}, testRange, defaultLimit).Build()
	require.NoError(t, err)
	filters := body["query"].(map[string]any)["bool"].(map[string]any)["filter"].([]any)
	require.Len(t, filters, 1)
	assert.Contains(t, filters[0], "range")
	assert.Equal(t, defaultLimit, body["size"])
}

func TestLogsFrameFromRecordedResponse(t *testing.T) {
	res := readRecordedSearch(t)
	frame, err := logsFrame(res.Hits.Hits, res.Warnings(), LanguageJa, labelFieldsFor(""))
	require.NoError(t, err)
	frame.RefID = "A"
	experimental.CheckGoldenJSONFrame(t, "testdata", "logs_frame", frame, *update)
}

func TestLogsFrameFollowsLanguageAndUseCase(t *testing.T) {
	res := readRecordedSearch(t)
	frame, err := logsFrame(res.Hits.Hits, res.Warnings(), LanguageEn, labelFieldsFor("attendance"))
	require.NoError(t, err)

	body, _ := frame.FieldByName("body")
	require.NotNil(t, body)
	first, ok := lookup(res.Hits.Hits[0].Source, schema.KansaMessageEn)
	require.True(t, ok)
	assert.Equal(t, first, body.At(0))

	labels, _ := frame.FieldByName("labels")
	for i := 0; i < labels.Len(); i++ {
		var l map[string]any
		require.NoError(t, json.Unmarshal(labels.At(i).(json.RawMessage), &l))
		for name := range l {
			f, ok := schema.Lookup(name)
			require.True(t, ok, name)
			assert.Contains(t, f.UseCases, "attendance", "label %s is not an attendance field", name)
		}
	}
}

func TestBodyFallsBackWhenTheLanguageIsMissing(t *testing.T) {
	src := map[string]any{"kansa": map[string]any{"message": map[string]any{"en": "yamada logged on"}}}
	assert.Equal(t, "yamada logged on", body(src, LanguageJa))
	assert.Equal(t, "raw line", body(map[string]any{schema.EventOriginal: "raw line"}, LanguageJa))
	assert.Equal(t, "", body(map[string]any{}, LanguageEn))
}

func TestLookupReadsNestedDottedAndMixedSources(t *testing.T) {
	for _, src := range []map[string]any{
		{"user": map[string]any{"target": map[string]any{"name": "admin"}}},
		{"user.target.name": "admin"},
		{"user": map[string]any{"target.name": "admin"}},
		{"user.target": map[string]any{"name": "admin"}},
	} {
		v, ok := lookup(src, schema.UserTargetName)
		assert.True(t, ok, src)
		assert.Equal(t, "admin", v, src)
	}
	_, ok := lookup(map[string]any{"user": map[string]any{"name": nil}}, schema.UserName)
	assert.False(t, ok)
}

func TestLogsFrameRejectsHitsWithoutSortKey(t *testing.T) {
	var res client.SearchResponse
	res.Hits.Hits = []client.Hit{{ID: "x", Source: map[string]any{}}}
	_, err := logsFrame(res.Hits.Hits, res.Warnings(), LanguageJa, labelFieldsFor(""))
	require.Error(t, err)
	assert.True(t, backend.IsDownstreamError(err))
}

func readRecordedSearch(t *testing.T) client.SearchResponse {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "logs_search_response.json"))
	require.NoError(t, err)
	var res client.SearchResponse
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&res))
	require.NotEmpty(t, res.Hits.Hits)
	return res
}

func checkGoldenBytes(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./pkg/plugin -update to create %s", path)
	assert.JSONEq(t, string(want), string(got))
}
