package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func callResource(t *testing.T, ds *Datasource, method, url string) (int, []byte) {
	t.Helper()
	var got *backend.CallResourceResponse
	path := url
	for i, c := range url {
		if c == '?' {
			path = url[:i]
			break
		}
	}
	err := ds.CallResource(context.Background(), &backend.CallResourceRequest{Method: method, Path: path, URL: url},
		backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error { got = r; return nil }))
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Equal(t, []string{"application/json"}, got.Headers["Content-Type"])
	return got.Status, got.Body
}

func TestFieldsResource(t *testing.T) {
	ds := newTestDatasource(t, "http://127.0.0.1:1", `{}`, nil)
	status, body := callResource(t, ds, http.MethodGet, "fields?useCase=insider")
	require.Equal(t, http.StatusOK, status)
	var fields []fieldInfo
	require.NoError(t, json.Unmarshal(body, &fields))
	byName := map[string]fieldInfo{}
	for _, f := range fields {
		assert.Contains(t, f.Use, "insider", f.Name)
		byName[f.Name] = f
	}
	assert.Equal(t, fieldInfo{Name: "email.subject", Type: "text", Aggregatable: true, AggregationName: "email.subject.keyword",
		Ja: "件名", En: "The mail subject", Use: []string{"insider"}}, byName["email.subject"])
	assert.False(t, byName["kansa.risk.reasons"].Aggregatable)
	assert.Empty(t, byName["kansa.risk.reasons"].AggregationName)
	assert.NotContains(t, byName, "winlog.logon.type", "not an insider field")

	status, body = callResource(t, ds, http.MethodGet, "fields?useCase=payroll")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, string(body), `unknown use case \"payroll\"`)
}

func TestValuesResource(t *testing.T) {
	fake, url := newFakeOpenSearch(t, map[string]fakeAnswer{
		"POST /kansa-events-*/_search": {http.StatusOK, `{"aggregations":{"values":{"buckets":[{"key":"yamada","doc_count":12},{"key":"sato","doc_count":3}]}}}`},
	})
	ds := newTestDatasource(t, url, `{}`, nil)
	status, body := callResource(t, ds, http.MethodGet, "values?field=user.name&query=event.code:4625&from=1790812800000&to=1790899200000&size=5")
	require.Equal(t, http.StatusOK, status, string(body))
	assert.JSONEq(t, `[{"value":"yamada","count":12},{"value":"sato","count":3}]`, string(body))
	require.Len(t, fake.requests, 1)
	assert.JSONEq(t, `{"track_total_hits":false,"size":0,
	  "query":{"bool":{"filter":[
	    {"range":{"@timestamp":{"gte":1790812800000,"lte":1790899200000,"format":"epoch_millis"}}},
	    {"query_string":{"query":"event.code:4625","analyze_wildcard":true,"default_operator":"AND"}}]}},
	  "aggs":{"values":{"terms":{"field":"user.name","size":5}}}}`, string(fake.requests[0].body))

	for url, msg := range map[string]string{
		"values":                             "values needs a field parameter",
		"values?field=no.such":               `field \"no.such\" is not in the Kansa field registry`,
		"values?field=winlog.event_data":     "cannot be aggregated",
		"values?field=user.name&size=0":      `size \"0\" is not a number from 1 to 500`,
		"values?field=user.name&from=x":      `from \"x\" is not epoch milliseconds`,
		"values?field=user.name&from=2&to=1": "from must be before to",
	} {
		status, body := callResource(t, ds, http.MethodGet, url)
		assert.Equal(t, http.StatusBadRequest, status, url)
		assert.Contains(t, string(body), msg, url)
	}
	status, _ = callResource(t, ds, http.MethodGet, "nope")
	assert.Equal(t, http.StatusNotFound, status)
	status, _ = callResource(t, ds, http.MethodPost, "fields")
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	assert.Len(t, fake.requests, 1, "bad requests never reach OpenSearch")
}
