package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

func TestSettingsDefaults(t *testing.T) {
	s, err := loadSettings(backend.DataSourceInstanceSettings{URL: "http://opensearch:9200"})
	require.NoError(t, err)
	assert.Equal(t, schema.IndexPattern, s.IndexPattern)
	assert.Equal(t, schema.RiskIndexPattern, s.RiskIndexPattern)
	assert.Equal(t, AuthNone, s.Auth)
	assert.Equal(t, 30*time.Second, s.Timeout)
}

func TestSettingsRejectNamesTheSetting(t *testing.T) {
	for raw, msg := range map[string]string{
		`{"timeoutSeconds":0}`:                   "timeoutSeconds 0 is out of range",
		`{"timeoutSeconds":3600}`:                "timeoutSeconds 3600 is out of range",
		`{"authType":"kerberos"}`:                `authType "kerberos" is not supported`,
		`{"authType":"apiKey"}`:                  "no API key is stored",
		`{"authType":"basic"}`:                   "basic auth is off",
		`{"workday":{"timezone":"Tokio"}}`:       `timezone "Tokio"`,
		`{"workday":{"lateNightStart":"10pm"}}`:  `lateNightStart "10pm"`,
		`{"workday":{"standardDayMinutes":-1}}`:  "standardDayMinutes -1 is out of range",
		`{"workday":{"weeklyHolidays":[0,6,9]}}`: "weeklyHolidays: 9",
	} {
		_, err := loadSettings(backend.DataSourceInstanceSettings{URL: "http://os:9200", JSONData: json.RawMessage(raw)})
		require.Error(t, err, raw)
		assert.Contains(t, err.Error(), msg, raw)
	}
}

// authRecorder is an OpenSearch stand-in that keeps the Authorization header of the last request.
func authRecorder(t *testing.T) (*string, string) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("Authorization")
		_, _ = w.Write([]byte(`{"hits":{"hits":[]}}`))
	}))
	t.Cleanup(srv.Close)
	return &got, srv.URL
}

func TestAuthHeaders(t *testing.T) {
	for name, c := range map[string]struct {
		settings backend.DataSourceInstanceSettings
		want     string
	}{
		"none": {backend.DataSourceInstanceSettings{JSONData: json.RawMessage(`{"authType":"none"}`),
			DecryptedSecureJSONData: map[string]string{"apiKey": "unused"}}, ""},
		"basic": {backend.DataSourceInstanceSettings{JSONData: json.RawMessage(`{"authType":"basic"}`), BasicAuthEnabled: true,
			BasicAuthUser: "kansa", DecryptedSecureJSONData: map[string]string{"basicAuthPassword": "pw"}}, "Basic a2Fuc2E6cHc="},
		"api key": {backend.DataSourceInstanceSettings{JSONData: json.RawMessage(`{"authType":"apiKey"}`),
			DecryptedSecureJSONData: map[string]string{"apiKey": "os_secret"}}, "ApiKey os_secret"},
		"api key without authType": {backend.DataSourceInstanceSettings{
			DecryptedSecureJSONData: map[string]string{"apiKey": "os_secret"}}, "ApiKey os_secret"},
		"api key chosen over basic": {backend.DataSourceInstanceSettings{JSONData: json.RawMessage(`{"authType":"apiKey"}`),
			BasicAuthEnabled: true, BasicAuthUser: "kansa",
			DecryptedSecureJSONData: map[string]string{"apiKey": "k", "basicAuthPassword": "pw"}}, "ApiKey k"},
	} {
		got, url := authRecorder(t)
		c.settings.URL = url
		inst, err := NewDatasource(context.Background(), c.settings)
		require.NoError(t, err, name)
		ds := inst.(*Datasource)
		_, err = ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", "logs", `{}`)}})
		require.NoError(t, err)
		assert.Equal(t, c.want, *got, name)
		ds.Dispose()
	}
}

func TestTLSSettingsReachTheClient(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"hits":{"hits":[]}}`))
	}))
	defer srv.Close()
	query := func(jsonData string) error {
		inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{URL: srv.URL, JSONData: json.RawMessage(jsonData)})
		require.NoError(t, err)
		res, err := inst.(*Datasource).QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", "logs", `{}`)}})
		require.NoError(t, err)
		return res.Responses["A"].Error
	}
	assert.ErrorContains(t, query(`{}`), "certificate", "a self-signed certificate is refused by default")
	assert.NoError(t, query(`{"tlsSkipVerify":true}`))
	_, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{URL: srv.URL,
		JSONData: json.RawMessage(`{"tlsAuthWithCACert":true}`), DecryptedSecureJSONData: map[string]string{"tlsCACert": "not a PEM"}})
	assert.Error(t, err, "an unreadable CA certificate fails the settings")
}

func TestTimeoutCancelsTheQuery(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	ds := newTestDatasource(t, srv.URL, `{"timeoutSeconds":0.2}`, nil)
	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", "logs", `{}`)}})
	require.NoError(t, err)
	a := res.Responses["A"]
	require.Error(t, a.Error)
	assert.Contains(t, a.Error.Error(), "timeout of 200ms")
	assert.Equal(t, backend.StatusTimeout, a.Status)
}
