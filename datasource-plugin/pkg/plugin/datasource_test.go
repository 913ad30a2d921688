package plugin

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// fakeOpenSearch answers like OpenSearch from canned bodies and keeps the requests it received.
type fakeOpenSearch struct {
	mu       sync.Mutex
	routes   map[string]fakeAnswer
	requests []*recordedRequest
}

type fakeAnswer struct {
	status int
	body   string
}

type recordedRequest struct {
	method, path, auth string
	body               []byte
}

func newFakeOpenSearch(t *testing.T, routes map[string]fakeAnswer) (*fakeOpenSearch, string) {
	t.Helper()
	f := &fakeOpenSearch{routes: routes}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.requests = append(f.requests, &recordedRequest{method: r.Method, path: r.URL.Path, auth: r.Header.Get("Authorization"), body: body})
		f.mu.Unlock()
		a, ok := f.routes[r.Method+" "+r.URL.Path]
		if !ok {
			a = fakeAnswer{http.StatusNotFound, `{"error":{"type":"no_route","reason":"no route"},"status":404}`}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.status)
		_, _ = io.WriteString(w, a.body)
	}))
	t.Cleanup(srv.Close)
	return f, srv.URL
}

func newTestDatasource(t testing.TB, url string, jsonData string, secure map[string]string) *Datasource {
	t.Helper()
	inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{
		UID: "kansa", Type: ID, Name: "Kansa", URL: url, JSONData: json.RawMessage(jsonData), DecryptedSecureJSONData: secure,
	})
	require.NoError(t, err)
	ds := inst.(*Datasource)
	t.Cleanup(ds.Dispose)
	return ds
}

func recordedSearchBody(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "logs_search_response.json"))
	require.NoError(t, err)
	return string(raw)
}

func dataQuery(refID, queryType, model string) backend.DataQuery {
	return backend.DataQuery{RefID: refID, QueryType: queryType, JSON: json.RawMessage(model), TimeRange: testRange}
}

func TestQueryDataAnswersEachRefIDOnItsOwn(t *testing.T) {
	fake, url := newFakeOpenSearch(t, map[string]fakeAnswer{
		"POST /kansa-events-*/_search": {http.StatusOK, recordedSearchBody(t)},
	})
	ds := newTestDatasource(t, url, `{}`, nil)

	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		dataQuery("A", "logs", `{"query":"user.name:yamada","limit":50}`),
		dataQuery("B", "bogus", `{}`),
		dataQuery("C", "metrics", `{"metrics":[{"id":"s","type":"sum","field":"user.name"}]}`),
		dataQuery("D", "logs", `{"limit":60000}`),
		dataQuery("E", "logs", `{"useCase":"payroll"}`),
		dataQuery("F", "logs", `{"queryModelVersion":2}`),
	}})
	require.NoError(t, err)

	a := res.Responses["A"]
	require.NoError(t, a.Error)
	require.Len(t, a.Frames, 1)
	assert.Equal(t, "A", a.Frames[0].RefID)
	assert.Equal(t, 4, a.Frames[0].Rows())

	b := res.Responses["B"]
	require.Error(t, b.Error)
	assert.Contains(t, b.Error.Error(), `unknown query type "bogus"`)
	assert.Equal(t, backend.StatusBadRequest, b.Status)
	assert.Empty(t, b.Frames)

	c := res.Responses["C"]
	require.Error(t, c.Error)
	assert.Contains(t, c.Error.Error(), `metrics[0] (sum): field "user.name" is of type keyword, not numeric`)
	assert.Equal(t, backend.StatusBadRequest, c.Status)

	assert.Contains(t, res.Responses["D"].Error.Error(), "limit 60000 is out of range")
	assert.Contains(t, res.Responses["E"].Error.Error(), `unknown use case "payroll"`)
	assert.Contains(t, res.Responses["F"].Error.Error(), "query model version 2, newer than version 1")

	// Only the valid logs query reached OpenSearch.
	require.Len(t, fake.requests, 1)
	var sent map[string]any
	require.NoError(t, json.Unmarshal(fake.requests[0].body, &sent))
	assert.EqualValues(t, 50, sent["size"])
	assert.Contains(t, string(fake.requests[0].body), `"query":"user.name:yamada"`)
}

func TestQueryDataWithoutTypeMeansLogs(t *testing.T) {
	_, url := newFakeOpenSearch(t, map[string]fakeAnswer{
		"POST /audit-*/_search": {http.StatusOK, recordedSearchBody(t)},
	})
	ds := newTestDatasource(t, url, `{"indexPattern":"audit-*","language":"en"}`, nil)
	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", "", `{}`)}})
	require.NoError(t, err)
	require.NoError(t, res.Responses["A"].Error)
	body, _ := res.Responses["A"].Frames[0].FieldByName("body")
	assert.True(t, strings.HasPrefix(body.At(0).(string), "yamada failed to log on"))
}

func TestQueryDataPutsOpenSearchErrorsOnTheRefID(t *testing.T) {
	_, url := newFakeOpenSearch(t, map[string]fakeAnswer{
		"POST /kansa-events-*/_search": {http.StatusBadRequest, `{"error":{"root_cause":[{"type":"query_shard_exception",` +
			`"reason":"Failed to parse query [user.name:(yamada]"}],"type":"search_phase_execution_exception","reason":"all shards failed"},"status":400}`},
	})
	ds := newTestDatasource(t, url, `{}`, nil)
	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("Q", "logs", `{"query":"user.name:(yamada"}`)}})
	require.NoError(t, err)
	q := res.Responses["Q"]
	require.Error(t, q.Error)
	assert.Contains(t, q.Error.Error(), "query_shard_exception: Failed to parse query [user.name:(yamada]")
	assert.Equal(t, backend.StatusBadRequest, q.Status)
	assert.Equal(t, backend.ErrorSourceDownstream, q.ErrorSource)
}

func TestAPIKeyIsSentAsApiKeyAuthorization(t *testing.T) {
	fake, url := newFakeOpenSearch(t, map[string]fakeAnswer{
		"POST /kansa-events-*/_search": {http.StatusOK, recordedSearchBody(t)},
	})
	ds := newTestDatasource(t, url, `{}`, map[string]string{"apiKey": "os_secret"})
	_, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", "logs", `{}`)}})
	require.NoError(t, err)
	require.Len(t, fake.requests, 1)
	assert.Equal(t, "ApiKey os_secret", fake.requests[0].auth)
}

func TestLoadSettings(t *testing.T) {
	s, err := loadSettings(backend.DataSourceInstanceSettings{URL: "http://opensearch:9200"})
	require.NoError(t, err)
	assert.Equal(t, schema.IndexPattern, s.IndexPattern)
	assert.Equal(t, LanguageJa, s.Language)

	for _, bad := range []backend.DataSourceInstanceSettings{
		{URL: ""},
		{URL: "opensearch:9200"},
		{URL: "http://opensearch:9200", JSONData: json.RawMessage(`{"language":"fr"}`)},
		{URL: "http://opensearch:9200", JSONData: json.RawMessage(`{`)},
	} {
		_, err := loadSettings(bad)
		assert.Error(t, err, "%+v", bad)
	}
}

const rootAnswer = `{"name":"node-1","cluster_name":"kansa","version":{"distribution":"opensearch","number":"2.19.6"}}`

func TestCheckHealth(t *testing.T) {
	mapping := func(version string) string {
		return `{"kansa-events-2026.11.01":{"mappings":{"_meta":{"kansa_schema_version":1}}},` +
			`"kansa-events-2026.11.02":{"mappings":{"_meta":{"kansa_schema_version":` + version + `}}}}`
	}
	cases := []struct {
		name   string
		routes map[string]fakeAnswer
		status backend.HealthStatus
		msg    string
	}{
		{"ok", map[string]fakeAnswer{
			"GET /":                        {http.StatusOK, rootAnswer},
			"GET /kansa-events-*/_mapping": {http.StatusOK, mapping("1")},
		}, backend.HealthStatusOk, `OpenSearch 2.19.6: 2 indices match "kansa-events-*", field registry version 1`},
		{"no indices yet", map[string]fakeAnswer{
			"GET /":                        {http.StatusOK, rootAnswer},
			"GET /kansa-events-*/_mapping": {http.StatusOK, `{}`},
		}, backend.HealthStatusError, `no index matches "kansa-events-*" yet`},
		{"other schema version", map[string]fakeAnswer{
			"GET /":                        {http.StatusOK, rootAnswer},
			"GET /kansa-events-*/_mapping": {http.StatusOK, mapping("2")},
		}, backend.HealthStatusError, "1 of 2 indices matching \"kansa-events-*\" do not carry _meta.kansa_schema_version = 1"},
		{"not opensearch", map[string]fakeAnswer{
			"GET /": {http.StatusOK, `{"version":{"number":"8.15.0"}}`},
		}, backend.HealthStatusError, "does not answer as OpenSearch"},
		{"unauthorized", map[string]fakeAnswer{
			"GET /": {http.StatusUnauthorized, `Unauthorized`},
		}, backend.HealthStatusError, "refused the request (check the authentication settings): OpenSearch answered 401: Unauthorized"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, url := newFakeOpenSearch(t, tc.routes)
			res, err := newTestDatasource(t, url, `{}`, nil).CheckHealth(context.Background(), &backend.CheckHealthRequest{})
			require.NoError(t, err)
			assert.Equal(t, tc.status, res.Status, res.Message)
			assert.Contains(t, res.Message, tc.msg)
		})
	}
}

func TestCheckHealthWhenOpenSearchIsDown(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	res, err := newTestDatasource(t, url, `{}`, nil).CheckHealth(context.Background(), &backend.CheckHealthRequest{})
	require.NoError(t, err)
	assert.Equal(t, backend.HealthStatusError, res.Status)
	assert.Contains(t, res.Message, "Cannot reach OpenSearch at "+url)
}

type panickyHandler struct{}

func (panickyHandler) handle(context.Context, backend.DataQuery, queryModel) backend.DataResponse {
	panic("index out of range")
}

func TestAPanickingHandlerFailsOnlyItsQuery(t *testing.T) {
	_, url := newFakeOpenSearch(t, map[string]fakeAnswer{
		"POST /kansa-events-*/_search": {http.StatusOK, recordedSearchBody(t)},
	})
	ds := newTestDatasource(t, url, `{}`, nil)
	ds.handlers[QueryTypeRisk] = panickyHandler{}
	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		dataQuery("A", "logs", `{}`), dataQuery("K", "risk", `{}`),
	}})
	require.NoError(t, err)
	require.NoError(t, res.Responses["A"].Error)
	assert.ErrorContains(t, res.Responses["K"].Error, "internal error answering query K: index out of range")
	assert.Equal(t, backend.StatusInternal, res.Responses["K"].Status)
}
