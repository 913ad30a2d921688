package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// logsHandler answers "logs" queries with the newest matching events as a log-lines frame.
type logsHandler struct {
	os           *openSearch
	indexPattern string
	language     Language
}

func (h *logsHandler) handle(ctx context.Context, q backend.DataQuery, m queryModel) backend.DataResponse {
	var res searchResponse
	if err := h.os.do(ctx, http.MethodPost, []string{h.indexPattern, "_search"}, logsSearchBody(m, q.TimeRange), &res); err != nil {
		return errorResponse(err)
	}
	frame, err := logsFrame(res, h.language, m.UseCase)
	if err != nil {
		return errorResponse(err)
	}
	frame.RefID = q.RefID
	return backend.DataResponse{Frames: data.Frames{frame}}
}

// logsSearchBody builds the _search request: the time range and the Lucene query as filters, newest first.
func logsSearchBody(m queryModel, tr backend.TimeRange) map[string]any {
	filters := []any{
		map[string]any{"range": map[string]any{
			schema.Timestamp: map[string]any{
				"gte":    tr.From.UnixMilli(),
				"lte":    tr.To.UnixMilli(),
				"format": "epoch_millis",
			},
		}},
	}
	if query := strings.TrimSpace(m.Query); query != "" {
		filters = append(filters, map[string]any{"query_string": map[string]any{
			"query":            query,
			"analyze_wildcard": true,
			// Users type "user.name:yamada failed" meaning both, as in Kibana and Grafana's Elasticsearch source.
			"default_operator": "AND",
		}})
	}
	return map[string]any{
		"size":             m.Limit,
		"track_total_hits": false,
		"sort":             []any{map[string]any{schema.Timestamp: map[string]any{"order": "desc"}}},
		"query":            map[string]any{"bool": map[string]any{"filter": filters}},
	}
}

type searchResponse struct {
	TimedOut bool `json:"timed_out"`
	Shards   struct {
		Failed   int `json:"failed"`
		Failures []struct {
			Index  string `json:"index"`
			Reason struct {
				Type   string `json:"type"`
				Reason string `json:"reason"`
			} `json:"reason"`
		} `json:"failures"`
	} `json:"_shards"`
	Hits struct {
		Hits []searchHit `json:"hits"`
	} `json:"hits"`
}

type searchHit struct {
	ID     string         `json:"_id"`
	Source map[string]any `json:"_source"`
	// Sort holds the @timestamp sort key in epoch milliseconds, whatever date format the source used.
	Sort []json.Number `json:"sort"`
}

// logsFrame converts search hits to the data plane's log-lines frame: timestamp, body, severity, id, labels.
func logsFrame(res searchResponse, lang Language, useCase string) (*data.Frame, error) {
	n := len(res.Hits.Hits)
	times := make([]time.Time, n)
	bodies := make([]string, n)
	severities := make([]*string, n)
	ids := make([]string, n)
	labels := make([]json.RawMessage, n)
	labelFields := labelFieldsFor(useCase)

	for i, hit := range res.Hits.Hits {
		if len(hit.Sort) == 0 {
			return nil, backend.DownstreamError(fmt.Errorf("OpenSearch returned hit %s without its sort key", hit.ID))
		}
		ms, err := hit.Sort[0].Int64()
		if err != nil {
			return nil, backend.DownstreamError(fmt.Errorf("hit %s has a non-numeric sort key %q", hit.ID, hit.Sort[0]))
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
	if res.TimedOut {
		frame.AppendNotices(data.Notice{
			Severity: data.NoticeSeverityWarning,
			Text:     "OpenSearch timed out: the result may be incomplete",
		})
	}
	if res.Shards.Failed > 0 {
		reasons := make([]string, 0, len(res.Shards.Failures))
		for _, f := range res.Shards.Failures {
			reasons = append(reasons, fmt.Sprintf("%s: %s", f.Index, f.Reason.Reason))
		}
		frame.AppendNotices(data.Notice{
			Severity: data.NoticeSeverityWarning,
			Text:     fmt.Sprintf("%d shard(s) failed, the result may be incomplete: %s", res.Shards.Failed, strings.Join(reasons, "; ")),
		})
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
