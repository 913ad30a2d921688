package plugin

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// TestRiskDailyAgainstOpenSearch reads the seeded daily summaries as one series per user, the way an alert rule
// on the risk score reads them.
func TestRiskDailyAgainstOpenSearch(t *testing.T) {
	s := seed(t)
	ds := newTestDatasource(t, s.base, s.jsonData(), nil)
	q := func(refID, model string, tr backend.TimeRange) backend.DataQuery {
		return backend.DataQuery{RefID: refID, QueryType: "risk", JSON: json.RawMessage(model), TimeRange: tr}
	}
	year := backend.TimeRange{From: seedRange.From.AddDate(-1, 0, 0), To: seedRange.To}
	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		q("D", `{"riskView":"daily"}`, seedRange),
		q("C", `{"riskView":"daily","riskMinConfidence":0.95}`, seedRange),
		q("E", `{"riskView":"weekly"}`, seedRange),
		q("Y", `{"riskView":"daily","limit":100}`, year),
	}})
	require.NoError(t, err)

	d := res.Responses["D"]
	require.NoError(t, d.Error)
	require.Len(t, d.Frames, 2, "one series per user")
	tanaka := d.Frames[0].Fields
	assert.Equal(t, "tanaka", tanaka[1].Labels[schema.UserName], "the highest score first")
	assert.Equal(t, "田中 一郎", tanaka[1].Labels[schema.KansaUserDisplayName])
	assert.Equal(t, "初めてのフォルダ (+35) / 多い読み取り (+25) / 深夜のアクセス (+20)", tanaka[1].Labels[reasonsLabel])
	assert.Equal(t, []time.Time{time.Date(2026, 11, 1, 15, 0, 0, 0, time.UTC), time.Date(2026, 11, 2, 15, 0, 0, 0, time.UTC)},
		[]time.Time{tanaka[0].At(0).(time.Time), tanaka[0].At(1).(time.Time)}, "one point per day, at the day's start")
	assert.Equal(t, []float64{70, 40}, []float64{*tanaka[1].At(0).(*float64), *tanaka[1].At(1).(*float64)})
	assert.Equal(t, "suzuki", d.Frames[1].Fields[1].Labels[schema.UserName])

	c := res.Responses["C"]
	require.NoError(t, c.Error)
	require.Len(t, c.Frames, 1)
	assert.Equal(t, 0, c.Frames[0].Rows(), "every seeded day has confidence 0.9, below 0.95")

	assert.Equal(t, backend.StatusBadRequest, res.Responses["E"].Status)
	assert.ErrorContains(t, res.Responses["E"].Error, `riskView "weekly" is not supported`)
	assert.Equal(t, backend.StatusBadRequest, res.Responses["Y"].Status)
	assert.ErrorContains(t, res.Responses["Y"].Error, "shorten the range or lower the limit")
}
