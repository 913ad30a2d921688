package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// TestRiskQueueAgainstOpenSearch reads the review queue back from the seeded summaries: tanaka's files case
// (new on 2 November, open on 3 November) and, added here, sato's new mail case on 2 November, which the summary
// stores without its opening day. suzuki's summary is not in the queue.
func TestRiskQueueAgainstOpenSearch(t *testing.T) {
	s := seed(t)
	sato, _ := json.Marshal(map[string]any{
		schema.Timestamp: time.Date(2026, 11, 1, 15, 0, 0, 0, time.UTC).Format(time.RFC3339), schema.UserName: "sato",
		schema.KansaUserDisplayName: "佐藤 次郎", schema.KansaUserDepartment: "営業", schema.KansaRiskScore: 55,
		schema.KansaRiskConfidence: 0.9, schema.KansaCount: 30, schema.KansaRiskCase: "mail", schema.KansaRiskCaseStatus: "new",
		schema.KansaRiskReasons: []map[string]any{{"code": "private-mail", "ja": "私用アドレスへのメール", "en": "mail to a private address", "contribution": 55}},
	})
	bulk := `{"index":{"_index":"` + s.riskPrefix + `2026.11","_id":"q1"}}` + "\n" + string(sato) + "\n"
	require.NoError(t, callRaw(s.base, http.MethodPost, "/_bulk?refresh=true", "application/x-ndjson", []byte(bulk)))

	ds := newTestDatasource(t, s.base, s.jsonData(), nil)
	q := func(refID, model string) backend.DataQuery {
		return backend.DataQuery{RefID: refID, QueryType: "risk", JSON: json.RawMessage(model), TimeRange: seedRange}
	}
	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		q("Q", `{"riskView":"queue"}`),
		q("EN", `{"riskView":"queue","language":"en","limit":2}`),
		q("H", `{"riskView":"queue","riskEntity":"host"}`),
		q("W", `{"riskView":"weekly"}`),
	}})
	require.NoError(t, err)

	r := res.Responses["Q"]
	require.NoError(t, r.Error)
	require.Len(t, r.Frames, 1)
	frame := r.Frames[0]
	assert.Equal(t, "risk-queue", frame.Name)
	assert.Equal(t, data.VisType(data.VisTypeTable), frame.Meta.PreferredVisualization)
	assert.Empty(t, frame.Meta.Notices)
	names := make([]string, len(frame.Fields))
	for i, f := range frame.Fields {
		names[i] = f.Name
	}
	assert.Equal(t, []string{"day", "entity", "display_name", "department", "score", "case", "case_status", "case_opened", "reasons"}, names)
	nov2, nov3 := time.Date(2026, 11, 1, 15, 0, 0, 0, time.UTC), time.Date(2026, 11, 2, 15, 0, 0, 0, time.UTC)
	require.Equal(t, 3, frame.Rows(), "suzuki's summary carries no case")
	assert.Equal(t, []any{nov3, "tanaka", "田中 一郎", "開発", 40.0, "files", "open", nov2, "多い読み取り (+25)"}, frame.RowCopy(0),
		"the newest day first, even with a lower score")
	assert.Equal(t, []any{nov2, "tanaka", "田中 一郎", "開発", 70.0, "files", "new", nov2, "初めてのフォルダ (+35) / 深夜のアクセス (+20)"},
		frame.RowCopy(1), "then the highest score of the day")
	assert.Equal(t, []any{nov2, "sato", "佐藤 次郎", "営業", 55.0, "mail", "new", nov2, "私用アドレスへのメール (+55)"}, frame.RowCopy(2),
		"no case_opened reads as opened that day")

	en := res.Responses["EN"]
	require.NoError(t, en.Error)
	require.Equal(t, 2, en.Frames[0].Rows())
	reasons, _ := en.Frames[0].FieldByName("reasons")
	assert.Equal(t, "new-folder (+35) / late (+20)", reasons.At(1), "the seeded English texts are the codes")
	require.Len(t, en.Frames[0].Meta.Notices, 1)
	assert.Contains(t, en.Frames[0].Meta.Notices[0].Text, "the review queue holds more than 2 rows in this range")

	assert.Equal(t, backend.StatusBadRequest, res.Responses["H"].Status)
	assert.ErrorContains(t, res.Responses["H"].Error, "the review queue is per user")
	assert.Equal(t, backend.StatusBadRequest, res.Responses["W"].Status)
	assert.ErrorContains(t, res.Responses["W"].Error, `riskView "weekly" is not supported: use ranking, daily or queue`)

	// A concrete index name that does not exist answers 404: the queue is then empty, with a notice, not an error.
	missing := newTestDatasource(t, s.base, `{"riskIndexPattern":"`+s.riskPrefix+`none"}`, nil)
	res, err = missing.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q("N", `{"riskView":"queue"}`)}})
	require.NoError(t, err)
	n := res.Responses["N"]
	require.NoError(t, n.Error)
	assert.Equal(t, 0, n.Frames[0].Rows())
	require.Len(t, n.Frames[0].Meta.Notices, 1)
	assert.Contains(t, n.Frames[0].Meta.Notices[0].Text, "no risk summaries in")
}
