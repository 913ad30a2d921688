package plugin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// TestDivergenceAndAgreementThroughTheBinary seeds session events and an imported timesheet under private
// index names and asks the built plugin, over go-plugin as Grafana does, for 乖離 and the 36協定 standing.
func TestDivergenceAndAgreementThroughTheBinary(t *testing.T) {
	base := strings.TrimRight(os.Getenv("OPENSEARCH_URL"), "/")
	if base == "" {
		t.Skip("OPENSEARCH_URL is not set")
	}
	run := time.Now().UnixNano()
	events, sheets := fmt.Sprintf("kansa-gotest-att-%d-2026.11", run), fmt.Sprintf("kansa-gotest-ts-%d-2026.11", run)
	t.Cleanup(func() {
		_ = call(base, http.MethodDelete, "/"+events, nil)
		_ = call(base, http.MethodDelete, "/"+sheets, nil)
	})
	for _, name := range []string{events, sheets} {
		require.NoError(t, call(base, http.MethodPut, "/"+name, map[string]any{
			"settings": map[string]any{"number_of_shards": 1, "number_of_replicas": 0}, "mappings": registryMapping(),
		}))
	}
	var bulk bytes.Buffer
	add := func(index, id string, doc map[string]any) {
		meta, _ := json.Marshal(map[string]any{"index": map[string]any{"_index": index, "_id": id}})
		body, _ := json.Marshal(doc)
		bulk.Write(append(append(meta, '\n'), append(body, '\n')...))
	}
	session := func(user, at, transition string) {
		add(events, user+at+transition, map[string]any{schema.Timestamp: tokyoTime(at), schema.UserName: user,
			schema.KansaUserDepartment: "開発", schema.KansaSessionTransition: transition})
	}
	sheet := func(user, date, in, out string) {
		doc := map[string]any{schema.Timestamp: tokyoTime(date + " " + in), schema.UserName: user, schema.KansaTimesheetDate: date,
			schema.KansaTimesheetClockIn: tokyoTime(date + " " + in), schema.KansaTimesheetClockOut: tokyoTime(date + " " + out),
			schema.KansaTimesheetWorkedMinutes: 480}
		add(sheets, user+date, doc)
	}
	session("tanaka", "2026-11-02 08:55", "start") // reported 09:00-18:00, worked to 21:30
	session("tanaka", "2026-11-02 21:30", "end")
	sheet("tanaka", "2026-11-02", "09:00", "18:00")
	session("tanaka", "2026-11-04 07:00", "start") // reported 09:00-18:00, started at 07:00
	session("tanaka", "2026-11-04 18:05", "end")
	sheet("tanaka", "2026-11-04", "09:00", "18:00")
	session("suzuki", "2026-11-02 08:50", "start") // honest
	session("suzuki", "2026-11-02 18:10", "end")
	sheet("suzuki", "2026-11-02", "09:00", "18:00")
	sheet("suzuki", "2026-11-04", "09:00", "18:00") // reported, never at the PC
	require.NoError(t, callRaw(base, http.MethodPost, "/_bulk?refresh=true", "application/x-ndjson", bulk.Bytes()))

	build := exec.Command("node", filepath.Join("scripts", "build-backend.mjs"))
	build.Dir = filepath.Join("..", "..")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	jsonData := fmt.Sprintf(`{"indexPattern":%q,"workday":{"timesheetIndexPattern":%q,"agreement36":{"specialClause":true}}}`,
		"kansa-gotest-att-"+fmt.Sprint(run)+"-*", "kansa-gotest-ts-"+fmt.Sprint(run)+"-*")
	req, _ := json.Marshal(map[string]any{
		"settings": map[string]any{"url": base, "jsonData": json.RawMessage(jsonData)},
		"range":    map[string]any{"from": "2026-11-01T15:00:00Z", "to": "2026-11-04T15:00:00Z"},
		"queries": []map[string]any{
			{"refId": "D", "queryType": "attendance", "attendanceView": "divergence"},
			{"refId": "A", "queryType": "attendance", "attendanceView": "agreement36"},
			// Filtered to one person, as the 勤怠レポート page does: only their timesheet rows count.
			{"refId": "DT", "queryType": "attendance", "attendanceView": "divergence", "query": "user.name:tanaka"},
			{"refId": "AT", "queryType": "attendance", "attendanceView": "agreement36", "query": "user.name:tanaka"},
		},
	})
	c := exec.Command(filepath.Join("..", "..", "bin", "kansa-dsquery"), "query")
	c.Stdin = bytes.NewReader(req)
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	require.NoError(t, c.Run(), stderr.String())
	var res struct {
		Results map[string]struct {
			Status int          `json:"status"`
			Error  string       `json:"error"`
			Frames []data.Frame `json:"frames"`
		} `json:"results"`
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &res), stdout.String())
	for _, ref := range []string{"D", "A", "DT", "AT"} {
		require.Equal(t, 200, res.Results[ref].Status, "%s: %s", ref, res.Results[ref].Error)
	}

	d := res.Results["D"].Frames[0]
	col := func(f data.Frame, name string) *data.Field {
		field, _ := f.FieldByName(name)
		require.NotNil(t, field, name)
		return field
	}
	var got []string
	for i := 0; i < d.Rows(); i++ {
		got = append(got, fmt.Sprintf("%s %s %v", col(d, "date").At(i), col(d, "user").At(i), col(d, "kinds").At(i)))
	}
	assert.Equal(t, []string{
		"2026-11-02 suzuki ",
		"2026-11-02 tanaka unreported-late-work",
		"2026-11-04 suzuki reported-no-activity",
		"2026-11-04 tanaka unreported-early-start",
	}, got)
	late := col(d, "late_gap_minutes").At(1).(*float64)
	early := col(d, "early_gap_minutes").At(3).(*float64)
	assert.Equal(t, 210.0, *late)
	assert.Equal(t, 120.0, *early)
	assert.Equal(t, 480.0, col(d, "reported_minutes").At(1))

	a := res.Results["A"].Frames[0]
	require.Equal(t, 2, a.Rows())
	assert.Equal(t, "2026-11", col(a, "month").At(0))
	assert.Equal(t, "suzuki", col(a, "user").At(0))
	// tanaka: 08:55-21:30 is 12 h 35 min (4 h 35 min over 8 h), 07:00-18:05 is 11 h 05 min (3 h 05 min over).
	assert.Equal(t, 7.67, col(a, "overtime_hours").At(1))

	dt, at := res.Results["DT"].Frames[0], res.Results["AT"].Frames[0]
	var mine []string
	for i := 0; i < dt.Rows(); i++ {
		mine = append(mine, fmt.Sprintf("%s %s %v", col(dt, "date").At(i), col(dt, "user").At(i), col(dt, "kinds").At(i)))
	}
	assert.Equal(t, []string{"2026-11-02 tanaka unreported-late-work", "2026-11-04 tanaka unreported-early-start"}, mine)
	require.Equal(t, 1, at.Rows())
	assert.Equal(t, "tanaka", col(at, "user").At(0))
	assert.Equal(t, 7.67, col(at, "overtime_hours").At(0))
}
