package plugin

import (
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func span(d time.Duration, interval time.Duration, maxPoints int64) backend.DataQuery {
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	return backend.DataQuery{TimeRange: backend.TimeRange{From: from, To: from.Add(d)}, Interval: interval, MaxDataPoints: maxPoints}
}

func TestChooseInterval(t *testing.T) {
	day := 24 * time.Hour
	for name, c := range map[string]struct {
		raw     string
		q       backend.DataQuery
		fanOut  int
		want    time.Duration
		notices int
	}{
		"panel interval rounded up":         {"", span(day, 7*time.Second, 0), 1, 10 * time.Second, 0},
		"max data points win over interval": {"auto", span(day, time.Second, 100), 1, 15 * time.Minute, 0},
		"auto raised for the group-bys":     {"", span(30*day, time.Minute, 0), 100, 12 * time.Hour, 0},
		"explicit kept when it fits":        {"5m", span(day, time.Second, 0), 1, 5 * time.Minute, 0},
		"explicit raised with a notice":     {"1s", span(day, time.Second, 0), 10, 2 * time.Minute, 1},
		"weeks are understood":              {"1w", span(90*day, time.Second, 0), 1, 7 * day, 0},
		"beyond every step whole days":      {"", span(3650*day, time.Second, 0), 100, 37 * day, 0},
	} {
		got, notices, err := chooseInterval(c.raw, c.q, c.fanOut)
		require.NoError(t, err, name)
		assert.Equal(t, c.want, got, name)
		assert.Len(t, notices, c.notices, name)
		buckets := int(c.q.TimeRange.To.Sub(c.q.TimeRange.From)/got) + 1
		assert.LessOrEqual(t, buckets*c.fanOut, maxBuckets+c.fanOut, name)
	}
	for raw, msg := range map[string]string{"5 minutes": `interval "5 minutes"`, "0m": `interval "0m"`, "-1h": `interval "-1h"`} {
		_, _, err := chooseInterval(raw, span(day, time.Second, 0), 1)
		assert.ErrorContains(t, err, msg)
	}
	_, _, err := chooseInterval("", span(day, time.Second, 0), 500*500)
	assert.ErrorContains(t, err, "250000 series")
	_, _, err = chooseInterval("", span(0, time.Second, 0), 1)
	assert.ErrorContains(t, err, "time range is empty")
}

func TestMetricAndGroupByChecks(t *testing.T) {
	for msg, raw := range map[string][]metricAgg{
		`id "x" is used twice`:                             {{ID: "x", Type: "count"}, {ID: "x", Type: "count"}},
		`unknown type "median"`:                            {{Type: "median", Field: "file.size"}},
		`field "url.full" is of type keyword, not numeric`: {{Type: "avg", Field: "url.full"}},
		"percentile 0 is outside 0-100":                    {{Type: "percentiles", Field: "file.size", Percents: []float64{0}}},
	} {
		_, err := normalizeMetrics(raw)
		assert.ErrorContains(t, err, msg)
	}
	metrics, err := normalizeMetrics([]metricAgg{{Type: "sum", Field: "file.size"}, {ID: "p", Type: "percentiles", Field: "file.size"}})
	require.NoError(t, err)
	assert.Equal(t, "sum file.size", metrics[0].ID)
	assert.Equal(t, []float64{50, 95, 99}, metrics[1].Percents)
	assert.Equal(t, []string{"sum file.size", "p p50", "p p95", "p p99"}, func() (out []string) {
		for _, c := range columnsOf(metrics) {
			out = append(out, c.name)
		}
		return
	}())

	groups, err := normalizeGroupBys([]termsGroupBy{{Field: "user.name", OrderBy: "sum file.size", Order: "asc"}}, metrics)
	require.NoError(t, err)
	assert.Equal(t, termsGroupBy{Field: "user.name", Size: 10, Order: "asc", OrderBy: "m0", groupByState: groupByState{orderMetric: 1}}, groups[0])
	for msg, g := range map[string][]termsGroupBy{
		"at most 2":                       {{Field: "user.name"}, {Field: "host.name"}, {Field: "source.ip"}},
		"size 501 is out of range":        {{Field: "user.name", Size: 501}},
		`order "up"`:                      {{Field: "user.name", Order: "up"}},
		`orderBy "bytes"`:                 {{Field: "user.name", OrderBy: "bytes"}},
		"cannot order by the percentiles": {{Field: "user.name", OrderBy: "p"}},
		`field "kansa.raw"`:               {{Field: "kansa.raw"}},
	} {
		_, err := normalizeGroupBys(g, metrics)
		assert.ErrorContains(t, err, msg)
	}
}
