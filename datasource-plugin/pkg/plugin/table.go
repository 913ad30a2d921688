package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// tableHandler answers "table" queries: a top-N over one or two terms with metrics, or raw documents.
type tableHandler struct{ d *Datasource }

// defaultColumns are the raw-mode columns when the query picks none; the message column follows the language.
var defaultColumns = []string{schema.Timestamp, schema.UserName, schema.HostName, schema.EventAction}

func (h *tableHandler) handle(ctx context.Context, q backend.DataQuery, m queryModel) backend.DataResponse {
	var frame *data.Frame
	var err error
	switch m.TableMode {
	case "", "top":
		frame, err = h.top(ctx, q, m)
	case "raw":
		frame, err = h.raw(ctx, q, m)
	default:
		err = badQuery("tableMode %q is not supported: use top or raw", m.TableMode)
	}
	if err != nil {
		return errorResponse(err)
	}
	frame.Meta.PreferredVisualization = data.VisTypeTable
	return backend.DataResponse{Frames: data.Frames{frame}}
}

// top is one row per innermost group-by bucket: the group-by keys, then every metric.
func (h *tableHandler) top(ctx context.Context, q backend.DataQuery, m queryModel) (*data.Frame, error) {
	metrics, err := normalizeMetrics(m.Metrics)
	if err != nil {
		return nil, err
	}
	groups, err := normalizeGroupBys(m.GroupBy, metrics)
	if err != nil {
		return nil, err
	}
	if fanOut(groups) > maxBuckets {
		return nil, badQuery("the group-bys can make %d rows, more than the budget of %d: lower their sizes", fanOut(groups), maxBuckets)
	}
	search := baseSearch(m, q.TimeRange).Size(0)
	if len(groups) == 0 {
		for i, mt := range metrics {
			if a := openSearchAgg(mt); a != nil {
				search.Agg(metricAggName(i), a)
			}
		}
		search.TrackTotalHits(true)
	} else {
		search.Agg(groupAggName(0), nestGroups(groups, metrics, func(t *client.Agg) { addMetricAggs(t, metrics) }))
	}
	body, err := search.Build()
	if err != nil {
		return nil, err
	}
	res, err := h.d.os.Search(ctx, h.d.settings.IndexPattern, body)
	if err != nil {
		return nil, err
	}

	keys := make([][]string, len(groups))
	cols := columnsOf(metrics)
	values := make([][]*float64, len(cols))
	addRow := func(labels data.Labels, b client.Bucket) error {
		for i, g := range groups {
			keys[i] = append(keys[i], labels[g.Field])
		}
		for j, c := range cols {
			v, err := metricValue(b, c.idx, c.mt, c.pct)
			if err != nil {
				return err
			}
			values[j] = append(values[j], v)
		}
		return nil
	}
	// Without group-bys the one row is the whole result, whose count is the total hits.
	root := client.Bucket{Aggs: res.Aggregations}
	if len(groups) == 0 && res.Hits.Total != nil {
		root.DocCount = res.Hits.Total.Value
	}
	if err := walkGroups(root, groups, addRow); err != nil {
		return nil, backend.DownstreamError(err)
	}

	frame := data.NewFrame("table")
	for i, g := range groups {
		frame.Fields = append(frame.Fields, data.NewField(g.Field, nil, nonNil(keys[i])))
	}
	for j, c := range cols {
		if nullable(c.mt) {
			frame.Fields = append(frame.Fields, data.NewField(c.name, nil, nonNilPtr(values[j])))
			continue
		}
		plain := make([]float64, len(values[j]))
		for i, v := range values[j] {
			if v != nil {
				plain[i] = *v
			}
		}
		frame.Fields = append(frame.Fields, data.NewField(c.name, nil, plain))
	}
	frame.Meta = &data.FrameMeta{}
	for _, w := range res.Warnings() {
		frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityWarning, Text: w})
	}
	return frame, nil
}

// raw is one row per document, newest first, with the chosen columns typed by the registry.
func (h *tableHandler) raw(ctx context.Context, q backend.DataQuery, m queryModel) (*data.Frame, error) {
	columns := m.Columns
	if len(columns) == 0 {
		columns = append(append([]string(nil), defaultColumns...), messageField(m.Language))
	}
	fields := make([]schema.Field, len(columns))
	for i, name := range columns {
		f, ok := schema.Lookup(name)
		if !ok {
			return nil, badQuery("columns[%d]: field %q is not in the Kansa field registry", i, name)
		}
		fields[i] = f
	}
	body, err := baseSearch(m, q.TimeRange).Size(m.Limit).Sort(schema.Timestamp, client.Desc).SortByID(client.Desc).
		Source(append(columns, schema.Timestamp)...).Build()
	if err != nil {
		return nil, err
	}
	res, err := h.d.os.Search(ctx, h.d.settings.IndexPattern, body)
	if err != nil {
		return nil, err
	}
	frame := data.NewFrame("table")
	for _, f := range fields {
		frame.Fields = append(frame.Fields, rawColumn(f, res.Hits.Hits))
	}
	frame.Meta = &data.FrameMeta{}
	for _, w := range res.Warnings() {
		frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityWarning, Text: w})
	}
	return frame, nil
}

func messageField(lang Language) string {
	if lang == LanguageEn {
		return schema.KansaMessageEn
	}
	return schema.KansaMessageJa
}

// rawColumn types a column by the registry: @timestamp (and dates) as time, numbers as float64, booleans as
// bool, everything else as text (arrays joined with ", ", objects as JSON).
func rawColumn(f schema.Field, hits []client.Hit) *data.Field {
	n := len(hits)
	switch {
	case f.Name == schema.Timestamp:
		vals := make([]time.Time, n)
		for i, h := range hits {
			if ms, err := sortMillis(h); err == nil {
				vals[i] = time.UnixMilli(ms).UTC()
			}
		}
		return data.NewField(f.Name, nil, vals)
	case f.Type == "date" && !f.Array:
		vals := make([]*time.Time, n)
		for i, h := range hits {
			if v, ok := lookup(h.Source, f.Name); ok {
				if s, ok := v.(string); ok {
					if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
						t = t.UTC()
						vals[i] = &t
					}
				}
			}
		}
		return data.NewField(f.Name, nil, vals)
	case client.IsNumeric(f) && !f.Array:
		vals := make([]*float64, n)
		for i, h := range hits {
			if v, ok := lookup(h.Source, f.Name); ok {
				if num, ok := v.(json.Number); ok {
					if x, err := num.Float64(); err == nil {
						vals[i] = &x
					}
				}
			}
		}
		return data.NewField(f.Name, nil, vals)
	case f.Type == "boolean" && !f.Array:
		vals := make([]*bool, n)
		for i, h := range hits {
			if v, ok := lookup(h.Source, f.Name); ok {
				if b, ok := v.(bool); ok {
					vals[i] = &b
				}
			}
		}
		return data.NewField(f.Name, nil, vals)
	}
	vals := make([]*string, n)
	for i, h := range hits {
		if v, ok := lookup(h.Source, f.Name); ok {
			s := text(v)
			vals[i] = &s
		}
	}
	return data.NewField(f.Name, nil, vals)
}

// text renders a _source value for a text column.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = text(p)
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		raw, _ := json.Marshal(x)
		return string(raw)
	}
	return fmt.Sprint(v)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilPtr(s []*float64) []*float64 {
	if s == nil {
		return []*float64{}
	}
	return s
}
