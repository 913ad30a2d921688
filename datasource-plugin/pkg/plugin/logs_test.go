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
	assert.Equal(t, "yamada logged on", body(newSourceReader(src), LanguageJa))
	assert.Equal(t, "raw line", body(newSourceReader(map[string]any{schema.EventOriginal: "raw line"}), LanguageJa))
	assert.Equal(t, "", body(newSourceReader(map[string]any{}), LanguageEn))
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
		v, ok = newSourceReader(src).lookup(schema.UserTargetName)
		assert.True(t, ok, src)
		assert.Equal(t, "admin", v, src)
	}
	_, ok := lookup(map[string]any{"user": map[string]any{"name": nil}}, schema.UserName)
	assert.False(t, ok)
	_, ok = newSourceReader(map[string]any{"user": map[string]any{"name": nil}}).lookup(schema.UserName)
	assert.False(t, ok)
}

// The reader of a logs line must find what lookup finds, in the same order of precedence, whatever mix of
// flat, nested, null and shadowing keys the document has.
func TestSourceReaderAgreesWithLookup(t *testing.T) {
	src := map[string]any{
		"user.target.name": nil,
		"user":             map[string]any{"target": map[string]any{"name": "nested"}, "name": "u"},
		"user.target":      map[string]any{"name": "dotted-object"},
		"host.name":        "flat",
		"host":             map[string]any{"name": "shadowed"},
		"source":           "not an object",
		"kansa.raw":        map[string]any{"method": "password"},
		"":                 map[string]any{"weird": 1},
	}
	r := newSourceReader(src)
	for _, name := range []string{"user.target.name", "user.name", "host.name", "source.ip", "kansa.raw.method", ".weird",
		"user", "user.target", "missing.field", "kansa.raw", "kansa.rawx.method"} {
		want, wantOK := lookup(src, name)
		got, gotOK := r.lookup(name)
		assert.Equal(t, wantOK, gotOK, name)
		assert.Equal(t, want, got, name)
	}
}

// Labels are written straight into a buffer; they must be the bytes json.Marshal of a map of them wrote.
func TestAppendLabelsMatchesMapMarshal(t *testing.T) {
	src := map[string]any{
		"user.name":       "yamada",
		"host.name":       "<web&01>",
		"source.ip":       "10.0.0.1",
		"process.pid":     json.Number("4242"),
		"source.port":     json.Number(""),
		"kansa.raw":       map[string]any{"ok": true, "list": []any{"a", json.Number("1.5e3")}},
		"event.type":      []any{"start", "end"},
		"tls.established": false,
		"user.full_name":  "山田 太郎\t\"q\"\u2028",
		"user.domain":     "山田 \x7f",
		"user.email":      "bad \xff utf-8",
		"user.id":         "\u2029",
		"related.user":    []any{"山田", "<b>", json.Number("7"), true, nil, []any{}},
		"url.original":    "http://x/?a=1&b=<2>",
		"null.field":      nil,
	}
	names := []string{"user.name", "host.name", "source.ip", "process.pid", "source.port", "kansa.raw", "event.type",
		"tls.established", "user.full_name", "url.original", "null.field", "user.name", "missing", "user.domain",
		"user.email", "user.id", "related.user"}
	want := map[string]any{}
	for _, n := range names {
		if v, ok := lookup(src, n); ok {
			want[n] = v
		}
	}
	wantRaw, err := json.Marshal(want)
	require.NoError(t, err)
	got, err := appendLabels(nil, newSourceReader(src), sortedLabelKeys(names))
	require.NoError(t, err)
	assert.Equal(t, string(wantRaw), string(got))
	empty, err := appendLabels(nil, newSourceReader(map[string]any{}), sortedLabelKeys(names))
	require.NoError(t, err)
	assert.Equal(t, "{}", string(empty))
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
