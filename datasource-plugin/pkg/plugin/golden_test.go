package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"
	"github.com/stretchr/testify/require"
)

// Golden cases live in testdata/golden/<case>/:
//
//	query.json      the DataQuery Grafana sends: refId, queryType, intervalMs, maxDataPoints, timeRange, json
//	responses.json  what OpenSearch answers, one entry per request in order
//	requests.golden.json  the requests the backend must send (method, path, body)
//	frames.golden.jsonc   the frames it must return
//
// `go test ./pkg/plugin -run TestGolden -update` rewrites the golden files after an intended change;
// `-record http://127.0.0.1:9240` also re-records responses.json from a real OpenSearch (read-only searches).
var record = flag.String("record", "", "re-record golden OpenSearch responses from this URL")

// goldenNow is the fixed clock of the golden cases.
var goldenNow = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

type goldenQuery struct {
	RefID         string                       `json:"refId"`
	QueryType     string                       `json:"queryType"`
	IntervalMs    int64                        `json:"intervalMs"`
	MaxDataPoints int64                        `json:"maxDataPoints"`
	TimeRange     struct{ From, To time.Time } `json:"timeRange"`
	JSONData      json.RawMessage              `json:"jsonData"`
	JSON          json.RawMessage              `json:"json"`
	// HandWritten cases have no real counterpart to record from (e.g. risk summaries before the scorer runs).
	HandWritten bool `json:"handWritten"`
}

type goldenRequest struct {
	Method string          `json:"method"`
	Path   string          `json:"path"`
	Body   json.RawMessage `json:"body,omitempty"`
}

func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) { runGolden(t, dir) })
	}
}

func runGolden(t *testing.T, dir string) {
	var gq goldenQuery
	readJSONFile(t, filepath.Join(dir, "query.json"), &gq)

	recording := *record != "" && !gq.HandWritten
	var canned []json.RawMessage
	if !recording {
		readJSONFile(t, filepath.Join(dir, "responses.json"), &canned)
	}
	var (
		mu   sync.Mutex
		sent []goldenRequest
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		req := goldenRequest{Method: r.Method, Path: r.URL.Path}
		if r.URL.RawQuery != "" {
			req.Path += "?" + r.URL.RawQuery
		}
		if len(body) > 0 {
			req.Body = body
		}
		sent = append(sent, req)
		w.Header().Set("Content-Type", "application/json")
		if recording {
			answer := forward(t, *record, r.Method, req.Path, body)
			canned = append(canned, answer)
			_, _ = w.Write(answer)
			return
		}
		if len(sent) > len(canned) {
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = io.WriteString(w, `{"error":"the golden case has no answer for request `+req.Path+`"}`)
			return
		}
		_, _ = w.Write(canned[len(sent)-1])
	}))
	defer srv.Close()

	jsonData := string(gq.JSONData)
	if jsonData == "" {
		jsonData = `{}`
	}
	ds := newTestDatasource(t, srv.URL, jsonData, nil)
	ds.now = func() time.Time { return goldenNow }
	ds.os.SetPageSize(1000)
	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{{
		RefID: gq.RefID, QueryType: gq.QueryType, JSON: gq.JSON, MaxDataPoints: gq.MaxDataPoints,
		Interval:  time.Duration(gq.IntervalMs) * time.Millisecond,
		TimeRange: backend.TimeRange{From: gq.TimeRange.From, To: gq.TimeRange.To},
	}}})
	require.NoError(t, err)
	dr := res.Responses[gq.RefID]

	if recording {
		writeJSONFile(t, filepath.Join(dir, "responses.json"), canned)
	}
	for i := range sent {
		if len(sent[i].Body) > 0 {
			var v any
			require.NoError(t, json.Unmarshal(sent[i].Body, &v))
			sent[i].Body, _ = json.Marshal(v)
		}
	}
	got, err := json.MarshalIndent(sent, "", "  ")
	require.NoError(t, err)
	if *update || recording {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "requests.golden.json"), append(got, '\n'), 0o644))
	}
	want, err := os.ReadFile(filepath.Join(dir, "requests.golden.json"))
	require.NoError(t, err, "run with -update to create it")
	require.JSONEq(t, string(want), string(got))

	experimental.CheckGoldenJSONResponse(t, dir, "frames.golden", &dr, *update || recording)
}

// forward sends one recorded request to a real OpenSearch; only searches are allowed, since the demo cluster is read-only.
func forward(t testing.TB, base, method, path string, body []byte) json.RawMessage {
	if method != http.MethodPost || !strings.Contains(path, "_search") {
		t.Errorf("refusing to record %s %s: only searches are recorded", method, path)
		return json.RawMessage(`{}`)
	}
	req, err := http.NewRequest(method, strings.TrimRight(base, "/")+path, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	var v any
	require.NoError(t, json.Unmarshal(raw, &v))
	// took varies from run to run; zero it so re-recording only changes what matters.
	if m, ok := v.(map[string]any); ok {
		if _, ok := m["took"]; ok {
			m["took"] = 0
		}
	}
	out, _ := json.Marshal(v)
	return out
}

func readJSONFile(t testing.TB, path string, out any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(out), path)
}

func writeJSONFile(t testing.TB, path string, v any) {
	t.Helper()
	raw, err := json.MarshalIndent(v, "", " ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, append(raw, '\n'), 0o644))
}
