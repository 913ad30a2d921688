package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// logsHandler answers "logs" queries with the newest matching events as a log-lines frame; the same query
// type serves Explore's logs volume histogram and the context of one line.
type logsHandler struct{ d *Datasource }

// supportingLogsVolume is the supportingQueryType of the histogram Explore shows above the log lines.
const supportingLogsVolume = "logsVolume"

// defaultContextLines is how many lines the context of a log line shows on each side unless limit says otherwise.
const defaultContextLines = 50

func (h *logsHandler) handle(ctx context.Context, q backend.DataQuery, m queryModel) backend.DataResponse {
	labels, err := labelFields(m)
	if err != nil {
		return errorResponse(err)
	}
	switch {
	case m.SupportingQueryType == supportingLogsVolume:
		return h.volume(ctx, q, m)
	case m.SupportingQueryType != "":
		return errorResponse(badQuery("supportingQueryType %q is not supported: use %s", m.SupportingQueryType, supportingLogsVolume))
	case m.LogContext != nil:
		return h.context(ctx, m, labels)
	}

	var hits []client.Hit
	first, err := h.d.os.Scan(ctx, h.d.settings.IndexPattern, m.Limit, false, func(size int, after []any) *client.Search {
		return logsSearch(m, q.TimeRange, size).SearchAfter(after)
	}, func(hit client.Hit) error {
		hits = append(hits, hit)
		return nil
	})
	if err != nil {
		return errorResponse(err)
	}
	frame, err := logsFrame(hits, first.Warnings(), m.Language, labels)
	if err != nil {
		return errorResponse(err)
	}
	return backend.DataResponse{Frames: data.Frames{frame}}
}

// logsSearch is one page of a logs query: newest first, the document id breaking ties so pages resume exactly.
func logsSearch(m queryModel, tr backend.TimeRange, size int) *client.Search {
	return baseSearch(m, tr).Size(size).Sort(schema.Timestamp, client.Desc).SortByID(client.Desc)
}

// volume is the logs volume histogram: the count of matching lines per interval and log level, one series per
// level labelled "level" so Explore colours it like the lines.
func (h *logsHandler) volume(ctx context.Context, q backend.DataQuery, m queryModel) backend.DataResponse {
	m.Metrics = []metricAgg{{ID: "count", Type: "count"}}
	m.GroupBy = []termsGroupBy{{Field: schema.LogLevel, Size: 20, Missing: "unknown"}}
	frames, notices, err := (&metricsHandler{h.d}).series(ctx, q, m)
	if err != nil {
		return errorResponse(err)
	}
	for _, f := range frames {
		f.Name = "logsVolume"
		value := f.Fields[1]
		level := value.Labels[schema.LogLevel]
		value.Labels = data.Labels{"level": level}
		value.Config = &data.FieldConfig{DisplayNameFromDS: level}
		f.Meta.Custom = map[string]any{"logsVolumeType": "FullRange"}
		f.AppendNotices(notices...)
	}
	return backend.DataResponse{Frames: frames}
}

// context returns the lines before (older) or after (newer) the line with the given id on the same host,
// newest first.
func (h *logsHandler) context(ctx context.Context, m queryModel, labels []string) backend.DataResponse {
	c := m.LogContext
	order := client.Desc
	switch c.Direction {
	case "before", "backward", "":
	case "after", "forward":
		order = client.Asc
	default:
		return errorResponse(badQuery("logContext.direction %q is not supported: use before or after", c.Direction))
	}
	if c.ID == "" {
		return errorResponse(badQuery("logContext.id is empty: give the id of the line whose context to show"))
	}
	body, err := client.NewSearch().Size(1).Filter(client.IDs(c.ID)).
		Sort(schema.Timestamp, client.Desc).SortByID(client.Desc).Source(schema.Timestamp, schema.HostName).Build()
	if err != nil {
		return errorResponse(err)
	}
	anchor, err := h.d.os.Search(ctx, h.d.settings.IndexPattern, body)
	if err != nil {
		return errorResponse(err)
	}
	if len(anchor.Hits.Hits) == 0 {
		return errorResponse(badQuery("logContext.id %q matches no line in %q", c.ID, h.d.settings.IndexPattern))
	}
	hit := anchor.Hits.Hits[0]
	at, err := sortMillis(hit)
	if err != nil {
		return errorResponse(err)
	}
	limit := m.Limit
	if !m.limitSet {
		limit = defaultContextLines
	}
	s := client.NewSearch().Size(min(limit, maxLimit)).
		TimeRange(time.UnixMilli(at).Add(-24*time.Hour), time.UnixMilli(at).Add(24*time.Hour)).
		Sort(schema.Timestamp, order).SortByID(order).SearchAfter([]any{hit.Sort[0], hit.Sort[1]})
	if host, ok := lookup(hit.Source, schema.HostName); ok {
		s.Filter(client.Term(schema.HostName, host))
	}
	if body, err = s.Build(); err != nil {
		return errorResponse(err)
	}
	res, err := h.d.os.Search(ctx, h.d.settings.IndexPattern, body)
	if err != nil {
		return errorResponse(err)
	}
	hits := res.Hits.Hits
	if order == client.Asc {
		slices.Reverse(hits)
	}
	frame, err := logsFrame(hits, res.Warnings(), m.Language, labels)
	if err != nil {
		return errorResponse(err)
	}
	return backend.DataResponse{Frames: data.Frames{frame}}
}

// labelFields are the fields a log line carries as labels: the query's choice, else the use case's fields.
func labelFields(m queryModel) ([]string, error) {
	if len(m.Labels) == 0 {
		return labelFieldsByUseCase[m.UseCase], nil
	}
	for i, name := range m.Labels {
		if _, ok := schema.Lookup(name); !ok {
			return nil, badQuery("labels[%d]: field %q is not in the Kansa field registry", i, name)
		}
	}
	return m.Labels, nil
}

func sortMillis(hit client.Hit) (int64, error) {
	if len(hit.Sort) == 0 {
		return 0, backend.DownstreamError(fmt.Errorf("OpenSearch returned hit %s without its sort key", hit.ID))
	}
	n, ok := hit.Sort[0].(json.Number)
	if !ok {
		return 0, backend.DownstreamError(fmt.Errorf("hit %s has a non-numeric sort key %v", hit.ID, hit.Sort[0]))
	}
	ms, err := n.Int64()
	if err != nil {
		return 0, backend.DownstreamError(fmt.Errorf("hit %s has a non-numeric sort key %q", hit.ID, n))
	}
	return ms, nil
}

// logsFrame converts search hits to the data plane's log-lines frame: timestamp, body, severity, id, labels.
func logsFrame(hits []client.Hit, warnings []string, lang Language, labelFields []string) (*data.Frame, error) {
	n := len(hits)
	times := make([]time.Time, n)
	bodies := make([]string, n)
	severities := make([]*string, n)
	ids := make([]string, n)
	labels := make([]json.RawMessage, n)

	for i, hit := range hits {
		ms, err := sortMillis(hit)
		if err != nil {
			return nil, err
		}
		times[i] = time.UnixMilli(ms).UTC()
		bodies[i] = body(hit.Source, lang)
		if level, ok := lookup(hit.Source, schema.LogLevel); ok {
			if s, ok := level.(string); ok && s != "" {
				severities[i] = &s
			}
		}
		ids[i] = hit.ID

		l := map[string]any{}
		for _, name := range labelFields {
			if v, ok := lookup(hit.Source, name); ok {
				l[name] = v
			}
		}
		raw, err := json.Marshal(l)
		if err != nil {
			return nil, backend.PluginError(fmt.Errorf("encode labels of hit %s: %w", hit.ID, err))
		}
		labels[i] = raw
	}

	frame := data.NewFrame("logs",
		data.NewField("timestamp", nil, times),
		data.NewField("body", nil, bodies),
		data.NewField("severity", nil, severities),
		data.NewField("id", nil, ids),
		data.NewField("labels", nil, labels),
	)
	frame.Meta = &data.FrameMeta{
		Type:                   data.FrameTypeLogLines,
		TypeVersion:            data.FrameTypeVersion{0, 0},
		PreferredVisualization: data.VisTypeLogs,
	}
	for _, w := range warnings {
		frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityWarning, Text: w})
	}
	return frame, nil
}

// body picks the readable sentence in the configured language, then falls back so a line is never blank
// for events a translator has not yet learned to phrase.
func body(src map[string]any, lang Language) string {
	primary, secondary := schema.KansaMessageJa, schema.KansaMessageEn
	if lang == LanguageEn {
		primary, secondary = secondary, primary
	}
	for _, name := range []string{primary, secondary, schema.Message, schema.EventOriginal} {
		if v, ok := lookup(src, name); ok {
			if s, ok := v.(string); ok && s != "" {
				return s
			}
		}
	}
	return ""
}

// labelKinds are the registry types that make useful log labels; text, blobs and the time itself do not.
var labelKinds = []string{"keyword", "ip", "long", "float", "boolean", "date"}

// labelFieldsByUseCase holds labelFieldsFor of no use case ("") and of every use case, worked out once rather
// than by a walk over the registry in every logs query.
var labelFieldsByUseCase = func() map[string][]string {
	m := map[string][]string{"": labelFieldsFor("")}
	for _, u := range knownUseCases {
		m[u] = labelFieldsFor(u)
	}
	return m
}()

// labelFieldsFor lists the registry fields shown as labels, limited to the use case's fields when one is set.
func labelFieldsFor(useCase string) []string {
	var out []string
	for _, f := range schema.Fields {
		if f.Name == schema.Timestamp || !slices.Contains(labelKinds, f.Type) {
			continue
		}
		if useCase != "" && !slices.Contains(f.UseCases, useCase) {
			continue
		}
		out = append(out, f.Name)
	}
	return out
}

// lookup finds a dotted field name in a _source document whether it was indexed as nested objects
// ({"user":{"name":…}}), as a flat dotted key ({"user.name":…}), or as a mix of both.
func lookup(src map[string]any, name string) (any, bool) {
	if v, ok := src[name]; ok && v != nil {
		return v, true
	}
	for i := 0; i < len(name); i++ {
		if name[i] != '.' {
			continue
		}
		if child, ok := src[name[:i]].(map[string]any); ok {
			if v, ok := lookup(child, name[i+1:]); ok {
				return v, true
			}
		}
	}
	return nil, false
}
