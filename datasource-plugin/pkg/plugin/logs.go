package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

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

	keys := sortedLabelKeys(labelFields)
	var buf []byte
	for i, hit := range hits {
		ms, err := sortMillis(hit)
		if err != nil {
			return nil, err
		}
		src := newSourceReader(hit.Source)
		times[i] = time.UnixMilli(ms).UTC()
		bodies[i] = body(src, lang)
		if level, ok := src.lookup(schema.LogLevel); ok {
			if s, ok := level.(string); ok && s != "" {
				severities[i] = &s
			}
		}
		ids[i] = hit.ID

		start := len(buf)
		if buf, err = appendLabels(buf, src, keys); err != nil {
			return nil, backend.PluginError(fmt.Errorf("encode labels of hit %s: %w", hit.ID, err))
		}
		labels[i] = buf[start:len(buf):len(buf)]
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

// labelKey is a label field name with its JSON-encoded form, written once per query instead of once per line.
type labelKey struct {
	name    string
	encoded []byte
}

// sortedLabelKeys orders the label fields as encoding a map would (byte-wise, duplicates once), so the labels
// of a line come out as json.Marshal of a map of them did before.
func sortedLabelKeys(fields []string) []labelKey {
	names := slices.Clone(fields)
	slices.Sort(names)
	names = slices.Compact(names)
	keys := make([]labelKey, len(names))
	for i, name := range names {
		enc, _ := json.Marshal(name) // a string always encodes
		keys[i] = labelKey{name: name, encoded: append(enc, ':')}
	}
	return keys
}

// appendLabels writes the JSON object of the label fields a line has, byte for byte what json.Marshal of a
// map of them writes.
func appendLabels(buf []byte, src sourceReader, keys []labelKey) ([]byte, error) {
	buf = append(buf, '{')
	first := true
	for _, k := range keys {
		v, ok := src.lookup(k.name)
		if !ok {
			continue
		}
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = append(buf, k.encoded...)
		var err error
		if buf, err = appendJSON(buf, v); err != nil {
			return buf, err
		}
	}
	return append(buf, '}'), nil
}

// appendJSON writes a decoded _source value as json.Marshal does: strings that need no escaping, numbers
// (json.Number, already valid JSON), booleans and arrays of them directly, anything else through json.Marshal.
func appendJSON(buf []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case string:
		if plainJSONString(v) {
			buf = append(buf, '"')
			buf = append(buf, v...)
			return append(buf, '"'), nil
		}
	case json.Number:
		if v != "" {
			return append(buf, v...), nil
		}
	case bool:
		return strconv.AppendBool(buf, v), nil
	case []any:
		buf = append(buf, '[')
		for i, e := range v {
			if i > 0 {
				buf = append(buf, ',')
			}
			var err error
			if buf, err = appendJSON(buf, e); err != nil {
				return buf, err
			}
		}
		return append(buf, ']'), nil
	}
	raw, err := json.Marshal(v)
	return append(buf, raw...), err
}

// plainJSONString tells a string encoding/json writes unchanged between quotes: valid UTF-8 without control
// characters, the quote, the backslash, the characters it escapes for HTML (<, >, &) and U+2028/U+2029.
func plainJSONString(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// body picks the readable sentence in the configured language, then falls back so a line is never blank
// for events a translator has not yet learned to phrase.
func body(src sourceReader, lang Language) string {
	primary, secondary := schema.KansaMessageJa, schema.KansaMessageEn
	if lang == LanguageEn {
		primary, secondary = secondary, primary
	}
	for _, name := range [...]string{primary, secondary, schema.Message, schema.EventOriginal} {
		if v, ok := src.lookup(name); ok {
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

// sourceReader looks up many fields of one _source document. It remembers which of the document's keys hold
// objects, so a field the document lacks costs one map lookup instead of one per dot in its name (a logs
// line looks up every label field of the registry, most of which an event does not have).
type sourceReader struct {
	src map[string]any
	// objects are the keys whose values are objects, shortest first: lookup's order of trying prefixes.
	objects []string
}

func newSourceReader(src map[string]any) sourceReader {
	r := sourceReader{src: src}
	for k, v := range src {
		if _, ok := v.(map[string]any); ok {
			r.objects = append(r.objects, k)
		}
	}
	if len(r.objects) > 1 {
		slices.SortFunc(r.objects, func(a, b string) int { return len(a) - len(b) })
	}
	return r
}

// lookup answers as lookup(src, name) does.
func (r sourceReader) lookup(name string) (any, bool) {
	if v, ok := r.src[name]; ok && v != nil {
		return v, true
	}
	for _, k := range r.objects {
		if len(name) > len(k) && name[len(k)] == '.' && name[:len(k)] == k {
			if v, ok := lookup(r.src[k].(map[string]any), name[len(k)+1:]); ok {
				return v, true
			}
		}
	}
	return nil, false
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
