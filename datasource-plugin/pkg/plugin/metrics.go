package plugin

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// groupByState is what normalizeGroupBys works out for a group-by; termsGroupBy (generated) embeds it.
type groupByState struct {
	// orderMetric is 1 + the index of the metric the buckets are ordered by, 0 when none.
	orderMetric int
}

// maxBuckets is the bucket budget of one query, group-by fan-out included; OpenSearch's search.max_buckets
// defaults to 65535, and a panel cannot show more than this anyway.
const maxBuckets = 10000

// niceSteps are the intervals an automatic histogram rounds up to.
var niceSteps = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 30 * 24 * time.Hour,
}

// metricsHandler answers "metrics" queries with one labelled time series per group-by combination and metric.
type metricsHandler struct{ d *Datasource }

func (h *metricsHandler) handle(ctx context.Context, q backend.DataQuery, m queryModel) backend.DataResponse {
	frames, notices, err := h.series(ctx, q, m)
	if err != nil {
		return errorResponse(err)
	}
	if len(frames) > 0 {
		frames[0].AppendNotices(notices...)
	}
	return backend.DataResponse{Frames: frames}
}

// series runs the date histogram under the group-bys and returns a frame per series.
func (h *metricsHandler) series(ctx context.Context, q backend.DataQuery, m queryModel) (data.Frames, []data.Notice, error) {
	metrics, err := normalizeMetrics(m.Metrics)
	if err != nil {
		return nil, nil, err
	}
	groups, err := normalizeGroupBys(m.GroupBy, metrics)
	if err != nil {
		return nil, nil, err
	}
	interval, notices, err := chooseInterval(m.Interval, q, fanOut(groups))
	if err != nil {
		return nil, nil, err
	}
	hist := client.DateHistogram(schema.Timestamp, interval)
	addMetricAggs(hist, metrics)
	search := baseSearch(m, q.TimeRange).Size(0)
	if len(groups) == 0 {
		search.Agg(histAggName, hist)
	} else {
		search.Agg(groupAggName(0), nestGroups(groups, metrics, func(t *client.Agg) { t.Sub(histAggName, hist) }))
	}
	body, err := search.Build()
	if err != nil {
		return nil, nil, err
	}
	res, err := h.d.os.Search(ctx, h.d.settings.IndexPattern, body)
	if err != nil {
		return nil, nil, err
	}
	for _, w := range res.Warnings() {
		notices = append(notices, data.Notice{Severity: data.NoticeSeverityWarning, Text: w})
	}
	axis := client.Axis(q.TimeRange.From, q.TimeRange.To, interval)
	var frames data.Frames
	err = walkGroups(client.Bucket{Aggs: res.Aggregations}, groups, func(labels data.Labels, leaf client.Bucket) error {
		buckets, err := client.Buckets(leaf.Aggs[histAggName])
		if err != nil {
			return err
		}
		fs, err := seriesFrames(axis, buckets, metrics, labels)
		frames = append(frames, fs...)
		return err
	})
	if err != nil {
		return nil, nil, backend.DownstreamError(err)
	}
	return frames, notices, nil
}

const histAggName = "t"

func groupAggName(i int) string  { return fmt.Sprintf("g%d", i) }
func metricAggName(i int) string { return fmt.Sprintf("m%d", i) }

// normalizeMetrics applies the defaults and checks ids, types and fields.
func normalizeMetrics(in []metricAgg) ([]metricAgg, error) {
	if len(in) == 0 {
		return []metricAgg{{ID: "count", Type: "count"}}, nil
	}
	out := make([]metricAgg, len(in))
	seen := map[string]bool{}
	for i, mt := range in {
		if mt.ID == "" {
			mt.ID = strings.TrimSpace(mt.Type + " " + mt.Field)
		}
		if seen[mt.ID] {
			return nil, badQuery("metrics[%d]: id %q is used twice", i, mt.ID)
		}
		seen[mt.ID] = true
		kind, ok := metricKinds[mt.Type]
		if !ok {
			return nil, badQuery("metrics[%d]: unknown type %q: use %s", i, mt.Type, oneOf(metricTypes))
		}
		var err error
		switch kind.field {
		case metricFieldNumeric:
			_, err = client.NumericName(mt.Field)
		case metricFieldGroupable:
			_, err = client.AggregationName(mt.Field)
		}
		if kind.percents != nil {
			if len(mt.Percents) == 0 {
				mt.Percents = kind.percents
			}
			for _, p := range mt.Percents {
				if p <= 0 || p > 100 {
					return nil, badQuery("metrics[%d]: percentile %v is outside 0-100", i, p)
				}
			}
		}
		if err != nil {
			return nil, badQuery("metrics[%d] (%s): %v", i, mt.Type, err)
		}
		out[i] = mt
	}
	return out, nil
}

// oneOf lists names as "a, b or c".
func oneOf(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// normalizeGroupBys applies the defaults and checks fields, sizes and orders.
func normalizeGroupBys(in []termsGroupBy, metrics []metricAgg) ([]termsGroupBy, error) {
	if len(in) > maxGroupBys {
		return nil, badQuery("%d group-bys given: at most %d are supported", len(in), maxGroupBys)
	}
	out := make([]termsGroupBy, len(in))
	for i, g := range in {
		if _, err := client.AggregationName(g.Field); err != nil {
			return nil, badQuery("groupBy[%d]: %v", i, err)
		}
		switch {
		case g.Size == 0:
			g.Size = defaultTermSize
		case g.Size < 0 || g.Size > maxTermSize:
			return nil, badQuery("groupBy[%d]: size %d is out of range: use 1 to %d", i, g.Size, maxTermSize)
		}
		switch g.Order {
		case "":
			g.Order = string(client.Desc)
		case string(client.Asc), string(client.Desc):
		default:
			return nil, badQuery("groupBy[%d]: order %q is not asc or desc", i, g.Order)
		}
		switch g.OrderBy {
		case "", "_count":
			g.OrderBy = "_count"
		case "_key":
		default:
			idx := slices.IndexFunc(metrics, func(mt metricAgg) bool { return mt.ID == g.OrderBy })
			if idx < 0 {
				return nil, badQuery("groupBy[%d]: orderBy %q is neither _count, _key nor a metric id", i, g.OrderBy)
			}
			switch metricKinds[metrics[idx].Type].orderBy {
			case metricOrderDocCount:
				g.OrderBy = "_count"
			case metricOrderNone:
				return nil, badQuery("groupBy[%d]: cannot order by the %s metric %q", i, metrics[idx].Type, g.OrderBy)
			default:
				g.OrderBy = metricAggName(idx)
				g.orderMetric = idx + 1
			}
		}
		out[i] = g
	}
	return out, nil
}

func fanOut(groups []termsGroupBy) int {
	n := 1
	for _, g := range groups {
		n *= g.Size
	}
	return n
}

// nestGroups builds the group-by terms aggregations, outermost first; leaf fills the innermost one. Each
// level also gets the metric it is ordered by.
func nestGroups(groups []termsGroupBy, metrics []metricAgg, leaf func(*client.Agg)) *client.Agg {
	var inner *client.Agg
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		t := client.Terms(g.Field).Size(g.Size).Order(g.OrderBy, client.Order(g.Order))
		if g.Missing != "" {
			t.Missing(g.Missing)
		}
		if g.orderMetric > 0 {
			t.Sub(g.OrderBy, openSearchAgg(metrics[g.orderMetric-1]))
		}
		if inner == nil {
			leaf(t)
		} else {
			t.Sub(groupAggName(i+1), inner)
		}
		inner = t
	}
	return inner
}

func addMetricAggs(parent *client.Agg, metrics []metricAgg) {
	for i, mt := range metrics {
		if a := openSearchAgg(mt); a != nil {
			parent.Sub(metricAggName(i), a)
		}
	}
}

// openSearchAgg is the OpenSearch aggregation of a metric; count needs none (it is the bucket's doc_count).
func openSearchAgg(mt metricAgg) *client.Agg {
	kind := metricKinds[mt.Type]
	switch {
	case kind.aggregation == "":
		return nil
	case kind.percents != nil:
		return client.Percentiles(mt.Field, mt.Percents)
	case kind.field == metricFieldGroupable:
		return client.Cardinality(mt.Field)
	}
	return client.Metric(kind.aggregation, mt.Field)
}

// walkGroups calls fn with the labels of every innermost group-by bucket and the bucket itself; without
// group-bys, once with root.
func walkGroups(root client.Bucket, groups []termsGroupBy, fn func(data.Labels, client.Bucket) error) error {
	var walk func(b client.Bucket, level int, labels data.Labels) error
	walk = func(b client.Bucket, level int, labels data.Labels) error {
		if level == len(groups) {
			return fn(labels, b)
		}
		buckets, err := client.Buckets(b.Aggs[groupAggName(level)])
		if err != nil {
			return err
		}
		for _, inner := range buckets {
			l := make(data.Labels, len(labels)+1)
			for k, v := range labels {
				l[k] = v
			}
			l[groups[level].Field] = inner.KeyString()
			if err := walk(inner, level+1, l); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(root, 0, data.Labels{})
}

// metricValue reads one metric of one bucket; pct picks the percentile of a percentiles metric.
func metricValue(b client.Bucket, i int, mt metricAgg, pct float64) (*float64, error) {
	kind := metricKinds[mt.Type]
	var v *float64
	switch {
	case kind.aggregation == "":
		count := float64(b.DocCount)
		return &count, nil
	case kind.percents != nil:
		vals, err := client.PercentileValues(b.Aggs[metricAggName(i)])
		if err != nil {
			return nil, err
		}
		v = vals[pct]
	default:
		var err error
		if v, err = client.Value(b.Aggs[metricAggName(i)]); err != nil {
			return nil, err
		}
	}
	if v == nil && kind.zeroWhenEmpty {
		zero := 0.0
		return &zero, nil
	}
	return v, nil
}

// nullable metrics have no value for an empty bucket; the others are 0 there.
func nullable(mt metricAgg) bool {
	return !metricKinds[mt.Type].zeroWhenEmpty
}

// column is one output value series of a metric: the metric itself or one of its percentiles.
type column struct {
	idx  int
	mt   metricAgg
	pct  float64
	name string
}

func columnsOf(metrics []metricAgg) []column {
	var out []column
	for i, mt := range metrics {
		if metricKinds[mt.Type].percents == nil {
			out = append(out, column{idx: i, mt: mt, name: mt.ID})
			continue
		}
		for _, p := range mt.Percents {
			out = append(out, column{idx: i, mt: mt, pct: p, name: fmt.Sprintf("%s p%s", mt.ID, formatPercent(p))})
		}
	}
	return out
}

func formatPercent(p float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", p), "0"), ".")
}

// seriesFrames makes the time series of one group-by combination, one frame per metric column, with a point
// at every interval of the axis (intervals without documents read as an empty bucket).
func seriesFrames(axis []time.Time, nonEmpty []client.Bucket, metrics []metricAgg, labels data.Labels) (data.Frames, error) {
	byKey := make(map[int64]*client.Bucket, len(nonEmpty))
	for i := range nonEmpty {
		ms, err := nonEmpty[i].KeyMillis()
		if err != nil {
			return nil, err
		}
		byKey[ms] = &nonEmpty[i]
	}
	times := axis
	empty := &client.Bucket{}
	buckets := make([]*client.Bucket, len(axis))
	for i, t := range axis {
		if b, ok := byKey[t.UnixMilli()]; ok {
			buckets[i] = b
		} else {
			buckets[i] = empty
		}
	}
	var frames data.Frames
	for _, c := range columnsOf(metrics) {
		var value *data.Field
		if nullable(c.mt) {
			vals := make([]*float64, len(buckets))
			for i, b := range buckets {
				v, err := metricValue(*b, c.idx, c.mt, c.pct)
				if err != nil {
					return nil, err
				}
				vals[i] = v
			}
			value = data.NewField("value", labels, vals)
		} else {
			vals := make([]float64, len(buckets))
			for i, b := range buckets {
				// A count is the bucket's doc_count (metricValue's answer), without a value allocated per point.
				if metricKinds[c.mt.Type].aggregation == "" {
					vals[i] = float64(b.DocCount)
					continue
				}
				v, err := metricValue(*b, c.idx, c.mt, c.pct)
				if err != nil {
					return nil, err
				}
				if v != nil {
					vals[i] = *v
				}
			}
			value = data.NewField("value", labels, vals)
		}
		value.Config = &data.FieldConfig{DisplayNameFromDS: displayName(c.name, labels)}
		frame := data.NewFrame(c.name, data.NewField("time", nil, times), value)
		frame.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
		frames = append(frames, frame)
	}
	return frames, nil
}

// displayName is "<metric> <labels>", the legend Grafana shows and alert notifications quote.
func displayName(metric string, labels data.Labels) string {
	if len(labels) == 0 {
		return metric
	}
	return metric + " " + labels.String()
}

// chooseInterval picks the histogram interval: the query's own, or one that follows the panel's resolution,
// rounded up to a nice step and raised until the buckets of every series fit the bucket budget.
func chooseInterval(raw string, q backend.DataQuery, fanOut int) (time.Duration, []data.Notice, error) {
	if fanOut > maxBuckets {
		return 0, nil, badQuery("the group-bys can make %d series, more than the budget of %d buckets: lower their sizes",
			fanOut, maxBuckets)
	}
	span := q.TimeRange.To.Sub(q.TimeRange.From)
	if span <= 0 {
		return 0, nil, badQuery("the time range is empty (from %s to %s)", q.TimeRange.From.Format(time.RFC3339), q.TimeRange.To.Format(time.RFC3339))
	}
	perSeries := maxBuckets / fanOut
	var floor time.Duration
	if perSeries > 1 {
		floor = span / time.Duration(perSeries-1)
	} else {
		floor = span
	}

	var want time.Duration
	explicit := raw != "" && raw != "auto"
	if explicit {
		d, err := parseInterval(raw)
		if err != nil {
			return 0, nil, err
		}
		want = d
	} else {
		want = q.Interval
		if q.MaxDataPoints > 0 {
			want = max(want, span/time.Duration(q.MaxDataPoints))
		}
		want = roundUpToStep(max(want, time.Second))
	}
	if want >= floor {
		return want, nil, nil
	}
	raised := roundUpToStep(floor)
	var notices []data.Notice
	if explicit {
		notices = append(notices, data.Notice{Severity: data.NoticeSeverityInfo, Text: fmt.Sprintf(
			"interval %s raised to %s to stay within %d buckets / 上限 %d バケットに収めるため間隔を %s から %s に広げました",
			raw, client.FormatInterval(raised), maxBuckets, maxBuckets, raw, client.FormatInterval(raised))})
	}
	return raised, notices, nil
}

func roundUpToStep(d time.Duration) time.Duration {
	for _, s := range niceSteps {
		if s >= d {
			return s
		}
	}
	day := 24 * time.Hour
	return (d + day - 1) / day * day
}

// parseInterval reads Grafana-style intervals: 500ms, 30s, 5m, 1h, 1d, 1w.
func parseInterval(raw string) (time.Duration, error) {
	s := strings.TrimSpace(raw)
	units := []struct {
		suffix string
		unit   time.Duration
	}{{"ms", time.Millisecond}, {"s", time.Second}, {"m", time.Minute}, {"h", time.Hour}, {"d", 24 * time.Hour}, {"w", 7 * 24 * time.Hour}}
	for _, u := range units {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		var n int64
		if _, err := fmt.Sscanf(num, "%d", &n); err != nil || fmt.Sprint(n) != num || n <= 0 {
			break
		}
		return time.Duration(n) * u.unit, nil
	}
	return 0, badQuery("interval %q is not auto or a whole number with ms, s, m, h, d or w (e.g. 5m)", raw)
}
