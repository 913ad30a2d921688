package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// BenchmarkQueryOverhead measures what the plugin itself spends on one query, OpenSearch taken out: the
// answers of the bench's queries (bench/lib/query.mjs, over the sshd events `npm run bench` indexes) are
// recorded once from OPENSEARCH_URL, then served back from memory, and each query runs through QueryData and
// the same Arrow/protobuf conversion the SDK's gRPC server does. Beside ns/op it reports cpu-ns/op (the
// process's user+system CPU per query), which load elsewhere on a shared machine leaves alone.
//
//	OPENSEARCH_URL=http://127.0.0.1:9321 go test ./pkg/plugin -run '^$' -bench QueryOverhead -cpuprofile cpu.out
func BenchmarkQueryOverhead(b *testing.B) {
	base := strings.TrimRight(os.Getenv("OPENSEARCH_URL"), "/")
	if base == "" {
		b.Skip("OPENSEARCH_URL is not set")
	}
	tr := backend.TimeRange{From: time.Date(2026, 9, 21, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 9, 23, 0, 0, 0, 0, time.UTC)}
	queries := map[string]backend.DataQuery{
		"logs": {QueryType: "logs", JSON: json.RawMessage(`{"query":"event.action:logon-failed","limit":100}`)},
		"metrics": {QueryType: "metrics", Interval: time.Minute, MaxDataPoints: 1000,
			JSON: json.RawMessage(`{"query":"*","metrics":[{"id":"events","type":"count"}],"groupBy":[{"field":"event.action","size":10}]}`)},
		"table": {QueryType: "table",
			JSON: json.RawMessage(`{"query":"event.outcome:failure","tableMode":"top","metrics":[{"id":"failures","type":"count"}],"groupBy":[{"field":"user.name","size":20}]}`)},
	}
	for _, name := range []string{"logs", "metrics", "table"} {
		q := queries[name]
		q.RefID, q.TimeRange = "A", tr
		b.Run(name, func(b *testing.B) {
			answer := recordAnswer(b, base, q)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(answer)
			}))
			defer srv.Close()
			ds := newTestDatasource(b, srv.URL, `{"language":"en"}`, nil)
			req := &backend.QueryDataRequest{Queries: []backend.DataQuery{q}}
			b.ReportAllocs()
			b.ResetTimer()
			before := cpuTime()
			for range b.N {
				res, err := ds.QueryData(context.Background(), req)
				if err != nil || res.Responses["A"].Error != nil {
					b.Fatal(err, res.Responses["A"].Error)
				}
				if _, err := backend.ToProto().QueryDataResponse(backend.DataFrameFormat_ARROW, res); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-before)/float64(b.N), "cpu-ns/op")
		})
	}
}

// recordAnswer runs q once against the real OpenSearch at base and keeps the one answer it got.
func recordAnswer(b *testing.B, base string, q backend.DataQuery) []byte {
	var (
		mu      sync.Mutex
		answers [][]byte
	)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		up, err := http.NewRequest(r.Method, base+r.URL.RequestURI(), r.Body)
		if err != nil {
			b.Error(err)
			return
		}
		up.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(up)
		if err != nil {
			b.Error(err)
			return
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		mu.Lock()
		answers = append(answers, body)
		mu.Unlock()
		w.WriteHeader(res.StatusCode)
		_, _ = w.Write(body)
	}))
	defer proxy.Close()
	ds := newTestDatasource(b, proxy.URL, `{"language":"en"}`, nil)
	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
	if err != nil || res.Responses["A"].Error != nil {
		b.Fatal(err, res.Responses["A"].Error)
	}
	if len(answers) != 1 || !bytes.Contains(answers[0], []byte(`"hits"`)) {
		b.Fatalf("expected one search answer, got %d", len(answers))
	}
	return answers[0]
}

// cpuTime is the user+system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
