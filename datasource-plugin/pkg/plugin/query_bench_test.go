package plugin

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/require"
)

// The query benchmarks replay OpenSearch answers recorded from a real node for the queries of the bench's
// query tier (bench/lib/query.mjs: 50,000 sshd events), one case per folder in testdata/bench/:
//
//	query.json      the DataQuery, as in the golden cases
//	responses.json  what OpenSearch answered, one entry per request in order
//
// `go test ./pkg/plugin -run TestBenchCases -record http://127.0.0.1:9307` re-records them from a node holding
// the bench's events (`npm run bench -- --tiers query` indexes them). Profile with
// `go test ./pkg/plugin -run '^$' -bench QueryOverhead -cpuprofile cpu.out`.

type benchCase struct {
	name    string
	query   backend.DataQuery
	answers []json.RawMessage
}

func loadBenchCases(t testing.TB) []benchCase {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", "bench", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	var cases []benchCase
	for _, dir := range dirs {
		var gq goldenQuery
		readJSONFile(t, filepath.Join(dir, "query.json"), &gq)
		c := benchCase{name: filepath.Base(dir), query: backend.DataQuery{
			RefID: gq.RefID, QueryType: gq.QueryType, JSON: gq.JSON, MaxDataPoints: gq.MaxDataPoints,
			Interval:  time.Duration(gq.IntervalMs) * time.Millisecond,
			TimeRange: backend.TimeRange{From: gq.TimeRange.From, To: gq.TimeRange.To},
		}}
		if *record == "" {
			readJSONFile(t, filepath.Join(dir, "responses.json"), &c.answers)
		}
		cases = append(cases, c)
	}
	return cases
}

// replayServer answers the i-th request of each query with the case's i-th recorded answer; requests are
// counted per query by the order they arrive in, which is exact for one query at a time.
func replayServer(t testing.TB, answers []json.RawMessage) *httptest.Server {
	next := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(answers[next%len(answers)])
		next++
	}))
	t.Cleanup(srv.Close)
	return srv
}

// recordServer forwards each request to a real node and keeps its answer.
func recordServer(t testing.TB, answers *[]json.RawMessage) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		path := r.URL.Path
		if r.URL.RawQuery != "" {
			path += "?" + r.URL.RawQuery
		}
		answer := forward(t, *record, r.Method, path, body)
		*answers = append(*answers, answer)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(answer)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestBenchCases checks that the benchmarks measure full answers: every case returns frames with rows, and
// the logs case the 100 lines it asks for.
func TestBenchCases(t *testing.T) {
	for _, c := range loadBenchCases(t) {
		t.Run(c.name, func(t *testing.T) {
			var srv *httptest.Server
			if *record != "" {
				srv = recordServer(t, &c.answers)
			} else {
				srv = replayServer(t, c.answers)
			}
			ds := newTestDatasource(t, srv.URL, benchSettings, nil)
			res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{c.query}})
			require.NoError(t, err)
			dr := res.Responses[c.query.RefID]
			require.NoError(t, dr.Error)
			require.NotEmpty(t, dr.Frames)
			for _, f := range dr.Frames {
				rows, err := f.RowLen()
				require.NoError(t, err)
				require.Positive(t, rows, f.Name)
			}
			if c.query.QueryType == string(QueryTypeLogs) {
				require.Len(t, dr.Frames, 1)
				require.Equal(t, 100, dr.Frames[0].Rows())
			}
			if *record != "" {
				writeJSONFile(t, filepath.Join("testdata", "bench", c.name, "responses.json"), c.answers)
			}
		})
	}
}

// BenchmarkQueryOverhead is what the plugin process spends on one query, OpenSearch taken out: QueryData
// against the recorded answers over loopback HTTP, then the Arrow/protobuf conversion the SDK's gRPC server
// does before the answer goes back to Grafana. Beside ns/op it reports cpu-ns/op (the process's user+system
// CPU per query), which load elsewhere on a shared machine leaves alone.
func BenchmarkQueryOverhead(b *testing.B) {
	for _, c := range loadBenchCases(b) {
		srv := replayServer(b, c.answers)
		ds := newTestDatasource(b, srv.URL, benchSettings, nil)
		req := &backend.QueryDataRequest{Queries: []backend.DataQuery{c.query}}
		b.Run(strings.SplitN(c.name, "_", 2)[0], func(b *testing.B) {
			b.ReportAllocs()
			before := cpuTime()
			for b.Loop() {
				res, err := ds.QueryData(context.Background(), req)
				if err != nil || res.Responses[c.query.RefID].Error != nil {
					b.Fatal(err, res.Responses[c.query.RefID].Error)
				}
				if _, err := backend.ToProto().QueryDataResponse(backend.DataFrameFormat_ARROW, res); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-before)/float64(b.N), "cpu-ns/op")
		})
	}
}

// benchSettings are the bench tier's data source settings (bench/lib/query.mjs).
const benchSettings = `{"language":"en","timeoutSeconds":60}`

// cpuTime is the user+system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The frames as the SDK encodes them must decode to the same frames: the benchmark's grpc variant measures
// a real encoding, not an error path.
func TestBenchCasesArrowRoundTrip(t *testing.T) {
	for _, c := range loadBenchCases(t) {
		if *record != "" {
			t.Skip("recording")
		}
		srv := replayServer(t, c.answers)
		ds := newTestDatasource(t, srv.URL, benchSettings, nil)
		res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{c.query}})
		require.NoError(t, err)
		p, err := backend.ToProto().QueryDataResponse(backend.DataFrameFormat_ARROW, res)
		require.NoError(t, err)
		frames, err := data.UnmarshalArrowFrames(p.Responses[c.query.RefID].Frames)
		require.NoError(t, err)
		require.Len(t, frames, len(res.Responses[c.query.RefID].Frames))
	}
}
