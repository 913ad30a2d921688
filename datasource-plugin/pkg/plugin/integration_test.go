package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// The integration tests need a real OpenSearch at OPENSEARCH_URL. They seed data under private index names
// (never kansa-events-* or kansa-risk-*) and point the data source at them through its settings.

// seeded is the private data of one test run.
type seeded struct {
	base, prefix, riskPrefix string
}

func (s seeded) jsonData() string {
	return fmt.Sprintf(`{"indexPattern":%q,"riskIndexPattern":%q,"workday":{"holidays":["2026-11-03"]}}`, s.prefix+"*", s.riskPrefix+"*")
}

// seedRange covers 2 and 3 November 2026 in Tokyo.
var seedRange = backend.TimeRange{
	From: time.Date(2026, 11, 1, 15, 0, 0, 0, time.UTC),
	To:   time.Date(2026, 11, 3, 15, 0, 0, 0, time.UTC),
}

func tokyoTime(s string) string {
	loc, _ := time.LoadLocation("Asia/Tokyo")
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		panic(err)
	}
	return t.UTC().Format(time.RFC3339)
}

func seed(t *testing.T) seeded {
	t.Helper()
	base := strings.TrimRight(os.Getenv("OPENSEARCH_URL"), "/")
	if base == "" {
		t.Skip("OPENSEARCH_URL is not set")
	}
	run := time.Now().UnixNano()
	s := seeded{base: base, prefix: fmt.Sprintf("kansa-gotest-%d-", run), riskPrefix: fmt.Sprintf("kansa-gotest-risk-%d-", run)}
	index, risk := s.prefix+"2026.11.02", s.riskPrefix+"2026.11"
	t.Cleanup(func() {
		_ = call(base, http.MethodDelete, "/"+index, nil)
		_ = call(base, http.MethodDelete, "/"+risk, nil)
	})
	for _, name := range []string{index, risk} {
		require.NoError(t, call(base, http.MethodPut, "/"+name, map[string]any{
			"settings": map[string]any{"number_of_shards": 1, "number_of_replicas": 0},
			"mappings": registryMapping(),
		}))
	}

	docs := map[string]map[string]any{}
	for _, hit := range readRecordedSearch(t).Hits.Hits {
		docs[hit.ID] = hit.Source
	}
	session := func(id, user, display, at, transition string) {
		docs[id] = map[string]any{
			schema.Timestamp: tokyoTime(at), schema.UserName: user, schema.KansaUserDisplayName: display,
			schema.KansaUserDepartment: "開発", schema.KansaSessionTransition: transition, schema.HostName: "PC-" + user,
			schema.EventCategory: []string{"session"}, schema.KansaMessageEn: user + " " + transition,
		}
	}
	session("t1", "tanaka", "田中 一郎", "2026-11-02 08:55", "start")
	session("t2", "tanaka", "田中 一郎", "2026-11-02 12:00", "lock")
	session("t3", "tanaka", "田中 一郎", "2026-11-02 12:40", "unlock")
	session("t4", "tanaka", "田中 一郎", "2026-11-02 19:30", "end")
	session("t5", "tanaka", "田中 一郎", "2026-11-03 10:00", "start")
	session("t6", "tanaka", "田中 一郎", "2026-11-03 12:00", "end")
	session("s1", "suzuki", "鈴木 花子", "2026-11-02 21:00", "start")
	session("s2", "suzuki", "鈴木 花子", "2026-11-03 01:00", "activity")
	failed := func(id, ip, at string) {
		docs[id] = map[string]any{
			schema.Timestamp: tokyoTime(at), schema.UserName: "admin", schema.SourceIp: ip, schema.HostName: "web01",
			schema.EventAction: "logon-failed", schema.EventOutcome: "failure", schema.EventCategory: []string{"authentication"},
			schema.LogLevel: "warning", schema.KansaMessageEn: "admin failed to log on from " + ip,
		}
	}
	for i := range 5 {
		failed(fmt.Sprintf("f%d", i), "203.0.113.5", fmt.Sprintf("2026-11-02 10:0%d", i))
	}
	failed("g0", "10.0.0.9", "2026-11-02 11:00")
	failed("g1", "10.0.0.9", "2026-11-02 11:30")

	riskDoc := func(user, display string, day int, score float64, reasons ...map[string]any) map[string]any {
		return map[string]any{
			schema.Timestamp: time.Date(2026, 11, day-1, 15, 0, 0, 0, time.UTC).Format(time.RFC3339), schema.UserName: user,
			schema.KansaUserDisplayName: display, schema.KansaUserDepartment: "開発", schema.KansaRiskScore: score,
			schema.KansaRiskConfidence: 0.9, schema.KansaRiskReasons: reasons, schema.KansaCount: 100,
		}
	}
	reason := func(code, ja string, c float64) map[string]any {
		return map[string]any{"code": code, "ja": ja, "en": code, "contribution": c}
	}
	riskDocs := map[string]map[string]any{
		"r1": riskDoc("tanaka", "田中 一郎", 2, 70, reason("new-folder", "初めてのフォルダ", 35), reason("late", "深夜のアクセス", 20)),
		"r2": riskDoc("tanaka", "田中 一郎", 3, 40, reason("volume", "多い読み取り", 25)),
		"r3": riskDoc("suzuki", "鈴木 花子", 2, 20),
	}
	// The review queue opened a files case for tanaka on 2 November and shows 3 November as its new evidence.
	opened := riskDocs["r1"][schema.Timestamp]
	riskDocs["r1"][schema.KansaRiskCase], riskDocs["r1"][schema.KansaRiskCaseStatus], riskDocs["r1"][schema.KansaRiskCaseOpened] = "files", "new", opened
	riskDocs["r2"][schema.KansaRiskCase], riskDocs["r2"][schema.KansaRiskCaseStatus], riskDocs["r2"][schema.KansaRiskCaseOpened] = "files", "open", opened

	var bulk bytes.Buffer
	add := func(index string, docs map[string]map[string]any) {
		for id, doc := range docs {
			meta, _ := json.Marshal(map[string]any{"index": map[string]any{"_index": index, "_id": id}})
			body, _ := json.Marshal(doc)
			bulk.Write(append(append(meta, '\n'), append(body, '\n')...))
		}
	}
	add(index, docs)
	add(risk, riskDocs)
	require.NoError(t, callRaw(base, http.MethodPost, "/_bulk?refresh=true", "application/x-ndjson", bulk.Bytes()))
	return s
}

// TestAgainstOpenSearch runs every query type in-process against the seeded data, with two-hit pages so
// search_after and the point in time are exercised.
func TestAgainstOpenSearch(t *testing.T) {
	s := seed(t)
	ds := newTestDatasource(t, s.base, s.jsonData(), nil)
	ds.os.SetPageSize(2)

	health, err := ds.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
	require.NoError(t, err)
	assert.Equal(t, backend.HealthStatusOk, health.Status, health.Message)

	q := func(refID, queryType, model string) backend.DataQuery {
		return backend.DataQuery{RefID: refID, QueryType: queryType, JSON: json.RawMessage(model), TimeRange: seedRange,
			Interval: time.Minute, MaxDataPoints: 500}
	}
	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		{RefID: "A", QueryType: "logs", JSON: json.RawMessage(`{"query":"kansa.source_type:*"}`), TimeRange: testRange}, // the recorded lines
		q("B", "logs", `{"query":"user.name:admin","limit":6}`),
		q("M", "metrics", `{"query":"event.action:logon-failed","groupBy":[{"field":"source.ip"}]}`),
		q("T", "table", `{"query":"event.action:logon-failed","groupBy":[{"field":"source.ip"}]}`),
		q("S", "attendance", `{"attendanceView":"sheet","users":["suzuki","tanaka"]}`),
		q("K", "risk", `{}`),
	}})
	require.NoError(t, err)
	for refID, r := range res.Responses {
		require.NoError(t, r.Error, refID)
	}

	experimental.CheckGoldenJSONFrame(t, "testdata", "logs_frame", res.Responses["A"].Frames[0], false)

	b := res.Responses["B"].Frames[0]
	require.Equal(t, 6, b.Rows(), "6 of the 8 admin lines, read two at a time")
	ids, _ := b.FieldByName("id")
	assert.Equal(t, []string{"sshd-7f3a", "g1", "g0", "f4", "f3", "f2"}, fieldStrings(ids))

	m := res.Responses["M"].Frames
	require.Len(t, m, 4) // the seeded sources and the two of the recorded lines
	assert.Equal(t, "203.0.113.5", m[0].Fields[1].Labels[schema.SourceIp])
	assert.Equal(t, 5.0, sumFloats(m[0].Fields[1]))
	assert.Equal(t, 2.0, sumFloats(m[1].Fields[1]))

	top := res.Responses["T"].Frames[0]
	ip, _ := top.FieldByName(schema.SourceIp)
	count, _ := top.FieldByName("count")
	assert.Equal(t, "203.0.113.5", ip.At(0))
	assert.Equal(t, 5.0, count.At(0))

	sheet := res.Responses["S"].Frames[0]
	require.Equal(t, 3, sheet.Rows())
	row := func(i int) map[string]any {
		out := map[string]any{}
		for _, f := range sheet.Fields {
			v := f.At(i)
			if p, ok := v.(*float64); ok && p != nil {
				v = *p
			}
			out[f.Name] = v
		}
		return out
	}
	assert.Subset(t, row(0), map[string]any{"user": "suzuki", "date": "2026-11-02", "working_minutes": 270.0,
		"late_night_minutes": 210.0, "missing_logoff": true})
	assert.Subset(t, row(1), map[string]any{"user": "tanaka", "date": "2026-11-02", "working_minutes": 595.0,
		"break_minutes": 40.0, "overtime_minutes": 115.0, "missing_logoff": false})
	assert.Subset(t, row(2), map[string]any{"user": "tanaka", "date": "2026-11-03", "holiday": true,
		"overtime_minutes": 120.0, "rest_interval_hours": 14.5, "rest_violation": false})

	risk := res.Responses["K"].Frames[0]
	require.Equal(t, 2, risk.Rows())
	entity, _ := risk.FieldByName("entity")
	reasons, _ := risk.FieldByName("top_reasons")
	flagged, _ := risk.FieldByName("days_flagged")
	assert.Equal(t, "tanaka", entity.At(0))
	assert.Equal(t, "初めてのフォルダ (+35) / 多い読み取り (+25) / 深夜のアクセス (+20)", reasons.At(0))
	assert.Equal(t, int64(1), flagged.At(0))
}

// TestBuiltPluginOverGoPlugin builds the plugin and the harness and drives the binary the way Grafana does:
// health, both resources and every query type in one QueryData call.
func TestBuiltPluginOverGoPlugin(t *testing.T) {
	s := seed(t)
	build := exec.Command("node", filepath.Join("scripts", "build-backend.mjs"))
	build.Dir = filepath.Join("..", "..")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	harness := filepath.Join("..", "..", "bin", "kansa-dsquery")

	settings := map[string]any{"url": s.base, "jsonData": json.RawMessage(s.jsonData())}
	var lastOutput []byte
	dsquery := func(cmd string, req map[string]any) map[string]any {
		req["settings"] = settings
		raw, _ := json.Marshal(req)
		c := exec.Command(harness, cmd)
		c.Stdin = bytes.NewReader(raw)
		var stdout, stderr bytes.Buffer
		c.Stdout, c.Stderr = &stdout, &stderr
		require.NoError(t, c.Run(), stderr.String())
		var res map[string]any
		require.NoError(t, json.Unmarshal(stdout.Bytes(), &res), stdout.String())
		lastOutput = stdout.Bytes()
		return res
	}

	health := dsquery("health", map[string]any{})
	assert.Equal(t, "OK", health["status"], health["message"])
	assert.Equal(t, map[string]any{"opensearchVersion": "2.19.6", "indexPattern": s.prefix + "*", "indices": 1.0,
		"schemaVersion": float64(schema.Version)}, health["details"])

	fields := dsquery("resource", map[string]any{"resource": map[string]any{"path": "fields?useCase=attendance"}})
	assert.EqualValues(t, 200, fields["status"])
	assert.Contains(t, fmt.Sprint(fields["body"]), "kansa.session.transition")

	values := dsquery("resource", map[string]any{"resource": map[string]any{"path": fmt.Sprintf(
		"values?field=source.ip&query=event.action:logon-failed&from=%d&to=%d", seedRange.From.UnixMilli(), seedRange.To.UnixMilli())}})
	assert.EqualValues(t, 200, values["status"])
	assert.Equal(t, []any{map[string]any{"value": "203.0.113.5", "count": 5.0}, map[string]any{"value": "10.0.0.9", "count": 2.0}},
		values["body"].([]any)[:2])

	unknown := dsquery("resource", map[string]any{"resource": map[string]any{"path": "values?field=no.such.field"}})
	assert.EqualValues(t, 400, unknown["status"])
	assert.Contains(t, fmt.Sprint(unknown["body"]), `field "no.such.field" is not in the Kansa field registry`)

	res := dsquery("query", map[string]any{
		"range": map[string]any{"from": seedRange.From.Format(time.RFC3339), "to": seedRange.To.Format(time.RFC3339)},
		"queries": []map[string]any{
			{"refId": "L", "queryType": "logs", "query": "user.name:admin", "limit": 3},
			{"refId": "V", "queryType": "logs", "supportingQueryType": "logsVolume", "intervalMs": 60000, "maxDataPoints": 48},
			{"refId": "C", "queryType": "logs", "logContext": map[string]any{"id": "f2", "direction": "after"}},
			{"refId": "M", "queryType": "metrics", "query": "event.action:logon-failed", "groupBy": []any{map[string]any{"field": "source.ip"}}, "intervalMs": 60000, "maxDataPoints": 100},
			{"refId": "T", "queryType": "table", "tableMode": "raw", "columns": []string{"@timestamp", "user.name"}, "limit": 2},
			{"refId": "TL", "queryType": "attendance", "attendanceView": "timeline", "users": []string{"tanaka", "suzuki"}},
			{"refId": "S", "queryType": "attendance", "attendanceView": "sheet", "users": []string{"tanaka"}},
			{"refId": "K", "queryType": "risk"},
			{"refId": "BAD", "queryType": "metrics", "groupBy": []any{map[string]any{"field": "nope"}}},
		},
	})
	results := res["results"].(map[string]any)
	// Frames are decoded from the harness's own bytes: the SDK's frame JSON needs "schema" before "data".
	var typed struct {
		Results map[string]struct {
			Status int          `json:"status"`
			Error  string       `json:"error"`
			Frames []data.Frame `json:"frames"`
		} `json:"results"`
	}
	require.NoError(t, json.Unmarshal(lastOutput, &typed))
	frames := func(refID string) []data.Frame {
		r := typed.Results[refID]
		require.Equal(t, 200, r.Status, "%s: %v", refID, r.Error)
		require.NotEmpty(t, r.Frames, refID)
		return r.Frames
	}
	assert.Equal(t, 3, frames("L")[0].Rows())
	assert.Equal(t, data.FrameTypeLogLines, frames("L")[0].Meta.Type)
	levels := map[string]float64{}
	for _, f := range frames("V") {
		levels[f.Fields[1].Labels["level"]] = sumFloats(f.Fields[1])
	}
	assert.Equal(t, 8.0, levels["warning"], "the 7 seeded failures and one recorded line carry log.level warning")
	lines := frames("C")[0]
	ids, _ := lines.FieldByName("id")
	assert.Equal(t, []string{"sshd-7f3a", "g1", "g0", "f4", "f3"}, fieldStrings(ids), "lines after f2 on web01, newest first")
	assert.Len(t, frames("M"), 4)
	assert.Equal(t, 2, frames("T")[0].Rows())
	timeline := frames("TL")[0]
	assert.Equal(t, "attendance", timeline.Name)
	require.Len(t, timeline.Fields, 3)
	assert.Equal(t, "suzuki", timeline.Fields[1].Name)
	assert.Equal(t, "田中 一郎", timeline.Fields[2].Config.DisplayName)
	assert.Equal(t, 2, frames("S")[0].Rows())
	assert.Equal(t, 2, frames("K")[0].Rows())
	bad := results["BAD"].(map[string]any)
	assert.EqualValues(t, 400, bad["status"])
	assert.Contains(t, bad["error"], `groupBy[0]: field "nope" is not in the Kansa field registry`)
}

func fieldStrings(f *data.Field) []string {
	out := make([]string, f.Len())
	for i := range out {
		out[i] = fmt.Sprint(f.At(i))
	}
	return out
}

func sumFloats(f *data.Field) float64 {
	var total float64
	for i := 0; i < f.Len(); i++ {
		if v, ok := f.At(i).(float64); ok {
			total += v
		}
	}
	return total
}

// registryMapping maps every registry field with its registry type, text with a keyword sub-field, as the
// bridge's index template does.
func registryMapping() map[string]any {
	props := map[string]any{}
	for _, f := range schema.Fields {
		switch f.Type {
		case "object":
			continue // its sub-fields are listed on their own and imply the object
		case "text":
			props[f.Name] = map[string]any{"type": "text", "fields": map[string]any{"keyword": map[string]any{"type": "keyword"}}}
		default:
			props[f.Name] = map[string]any{"type": f.Type}
		}
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
