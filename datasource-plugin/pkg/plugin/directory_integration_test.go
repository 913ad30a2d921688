package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// seedDirectory writes today's directory into a private index: tanaka has just been put on the watchlist
// (the seeded events carry no such stamp), suzuki is a privileged leaver in 総務.
func seedDirectory(t *testing.T, s seeded) string {
	t.Helper()
	index := s.prefix + "directory"
	t.Cleanup(func() { _ = call(s.base, http.MethodDelete, "/"+index, nil) })
	require.NoError(t, call(s.base, http.MethodPut, "/"+index, map[string]any{
		"settings": map[string]any{"number_of_shards": 1, "number_of_replicas": 0}, "mappings": registryMapping(),
	}))
	people := []map[string]any{
		{schema.UserName: "tanaka", schema.KansaUserDepartment: "開発", schema.KansaUserWatchlist: true, schema.KansaUserPrivileged: false},
		{schema.UserName: "suzuki", schema.KansaUserDepartment: "総務", schema.KansaUserWatchlist: false, schema.KansaUserPrivileged: true, schema.KansaUserDepartureDate: "2026-12-31"},
		{schema.UserName: "nobody.here", schema.KansaUserDepartment: "営業", schema.KansaUserWatchlist: false, schema.KansaUserPrivileged: false},
	}
	var bulk bytes.Buffer
	for i, p := range people {
		p[schema.KansaDirectoryKind] = "user"
		meta, _ := json.Marshal(map[string]any{"index": map[string]any{"_index": index, "_id": fmt.Sprint(i)}})
		doc, _ := json.Marshal(p)
		bulk.Write(append(append(meta, '\n'), append(doc, '\n')...))
	}
	// An asset owned by tanaka must not count as a person.
	bulk.WriteString(`{"index":{"_index":"` + index + `","_id":"a"}}` + "\n" + `{"kansa.directory.kind":"asset","host.name":"PC-x","kansa.host.owner":"tanaka"}` + "\n")
	require.NoError(t, callRaw(s.base, http.MethodPost, "/_bulk?refresh=true", "application/x-ndjson", bulk.Bytes()))
	return index
}

func TestDirectoryFlagsResolveAtQueryTime(t *testing.T) {
	s := seed(t)
	index := seedDirectory(t, s)
	jd := fmt.Sprintf(`{"indexPattern":%q,"riskIndexPattern":%q,"directoryIndex":%q}`, s.prefix+"2*", s.riskPrefix+"*", index)
	ds := newTestDatasource(t, s.base, jd, nil)

	users := func(model string) []string {
		t.Helper()
		q := backend.DataQuery{RefID: "A", QueryType: "table", TimeRange: seedRange,
			JSON: json.RawMessage(`{"tableMode":"raw","columns":["user.name"],"limit":1000,` + model + `}`)}
		res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
		require.NoError(t, err)
		r := res.Responses["A"]
		require.NoError(t, r.Error, model)
		f, _ := r.Frames[0].FieldByName(schema.UserName)
		var out []string
		for i := 0; i < f.Len(); i++ {
			if v, ok := f.ConcreteAt(i); ok && !slices.Contains(out, fmt.Sprint(v)) {
				out = append(out, fmt.Sprint(v))
			}
		}
		slices.Sort(out)
		return out
	}

	all := users(`"query":""`)
	require.Contains(t, all, "tanaka")
	require.Contains(t, all, "admin")
	assert.Equal(t, []string{"tanaka"}, users(`"query":"kansa.directory.watchlist:true"`), "the watchlist of today, over events stamped before it")
	assert.Equal(t, []string{"suzuki"}, users(`"query":"kansa.directory.leaver:true AND kansa.directory.privileged:true"`))
	assert.Equal(t, []string{"suzuki"}, users(`"query":"kansa.directory.department:\"総務\""`))
	assert.Equal(t, []string{"tanaka"}, users(`"filters":[{"key":"kansa.directory.watchlist","operator":"=","value":"true"}]`))
	excluded := users(`"filters":[{"key":"kansa.directory.watchlist","operator":"!=","value":"true"}]`)
	assert.NotContains(t, excluded, "tanaka")
	assert.Contains(t, excluded, "admin", "people not in the directory are not on its watchlist")

	// The values resource (template variables, autocomplete) resolves the flags too.
	status, body := ds.valuesResource(context.Background(), url.Values{"field": {schema.UserName}, "query": {"kansa.directory.privileged:true"},
		"from": {fmt.Sprint(seedRange.From.UnixMilli())}, "to": {fmt.Sprint(seedRange.To.UnixMilli())}})
	require.Equal(t, http.StatusOK, status, body)
	values := body.([]fieldValue)
	require.Len(t, values, 1)
	assert.Equal(t, "suzuki", values[0].Value)

	// A department nobody is in matches no event (not every event).
	q := backend.DataQuery{RefID: "N", QueryType: "logs", TimeRange: seedRange, JSON: json.RawMessage(`{"query":"kansa.directory.department:法務"}`)}
	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
	require.NoError(t, err)
	require.NoError(t, res.Responses["N"].Error)
	assert.Equal(t, 0, res.Responses["N"].Frames[0].Rows())

	bad := func(model string) string {
		q := backend.DataQuery{RefID: "B", QueryType: "logs", TimeRange: seedRange, JSON: json.RawMessage(model)}
		res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
		require.NoError(t, err)
		require.Error(t, res.Responses["B"].Error, model)
		return res.Responses["B"].Error.Error()
	}
	assert.Contains(t, bad(`{"query":"kansa.directory.watchlist:maybe"}`), "expected true or false")
	assert.Contains(t, bad(`{"filters":[{"key":"kansa.directory.department","operator":"=~","value":"総.*"}]}`), "use = or !=")

	missing := newTestDatasource(t, s.base, fmt.Sprintf(`{"indexPattern":%q,"directoryIndex":"kansa-gotest-no-directory"}`, s.prefix+"2*"), nil)
	q = backend.DataQuery{RefID: "M", QueryType: "logs", TimeRange: seedRange, JSON: json.RawMessage(`{"query":"kansa.directory.watchlist:true"}`)}
	res, err = missing.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
	require.NoError(t, err)
	require.Error(t, res.Responses["M"].Error)
	assert.Contains(t, res.Responses["M"].Error.Error(), "kansa directory load")
}

// TestDirectoryFlagsThroughThePluginBinary asks the built plugin, over go-plugin as Grafana does.
func TestDirectoryFlagsThroughThePluginBinary(t *testing.T) {
	s := seed(t)
	index := seedDirectory(t, s)
	build := exec.Command("node", filepath.Join("scripts", "build-backend.mjs"))
	build.Dir = filepath.Join("..", "..")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	req, _ := json.Marshal(map[string]any{
		"settings": map[string]any{"url": s.base, "jsonData": map[string]any{"indexPattern": s.prefix + "2*", "directoryIndex": index}},
		"range":    map[string]any{"from": seedRange.From.Format("2006-01-02T15:04:05Z"), "to": seedRange.To.Format("2006-01-02T15:04:05Z")},
		"queries": []map[string]any{{"refId": "W", "queryType": "logs", "query": "kansa.directory.watchlist:true", "limit": 100},
			{"refId": "F", "queryType": "logs", "limit": 100, "filters": []any{map[string]any{"key": "kansa.directory.privileged", "operator": "=", "value": "true"}}}},
	})
	c := exec.Command(filepath.Join("..", "..", "bin", "kansa-dsquery"), "query")
	c.Stdin = bytes.NewReader(req)
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	require.NoError(t, c.Run(), stderr.String())
	var typed struct {
		Results map[string]struct {
			Status int          `json:"status"`
			Error  string       `json:"error"`
			Frames []data.Frame `json:"frames"`
		} `json:"results"`
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &typed))
	for refID, want := range map[string]string{"W": "tanaka", "F": "suzuki"} {
		r := typed.Results[refID]
		require.Equal(t, 200, r.Status, r.Error)
		require.NotEmpty(t, r.Frames)
		frame := r.Frames[0]
		require.Positive(t, frame.Rows(), refID)
		labels, _ := frame.FieldByName("labels")
		require.NotNil(t, labels, refID)
		for i := 0; i < frame.Rows(); i++ {
			assert.Contains(t, fmt.Sprintf("%s", labels.At(i)), `"user.name":"`+want+`"`, refID)
		}
	}
}
