package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

const (
	// flaggedScore is the daily score from which a day counts as flagged.
	flaggedScore = 50
	// reasonDays is how many of an entity's highest-scoring days its top reasons are drawn from.
	reasonDays = 10
	topReasons = 3
)

// riskHandler answers "risk" queries: entities ranked by their highest daily risk score in the range, from
// the scorer's per-entity daily summaries.
type riskHandler struct{ d *Datasource }

func (h *riskHandler) handle(ctx context.Context, q backend.DataQuery, m queryModel) backend.DataResponse {
	entity := schema.UserName
	switch m.RiskEntity {
	case "", "user":
	case "host":
		entity = schema.HostName
	default:
		return errorResponse(badQuery("riskEntity %q is not supported: use user or host", m.RiskEntity))
	}
	m.UseCase = "" // summaries carry no event categories
	switch m.RiskView {
	case "", "ranking":
	case "daily":
		return h.daily(ctx, q, m, entity)
	case "queue":
		return h.queue(ctx, q, m)
	default:
		return errorResponse(badQuery("riskView %q is not supported: use ranking, daily or queue", m.RiskView))
	}
	top := client.TopHits(reasonDays).SortBy(schema.KansaRiskScore, client.Desc).
		Fields(schema.KansaUserDisplayName, schema.KansaUserDepartment, schema.KansaRiskScore, schema.KansaRiskConfidence, schema.KansaRiskReasons)
	entities := client.Terms(entity).Size(m.Limit).Order("score", client.Desc).
		Sub("score", client.Metric("max", schema.KansaRiskScore)).
		Sub("events", client.Metric("sum", schema.KansaCount)).
		Sub("last_seen", client.MaxOf(schema.Timestamp)).
		Sub("flagged", client.FilterAgg(client.AtLeast(schema.KansaRiskScore, flaggedScore))).
		Sub("top", top)
	body, err := baseSearch(m, q.TimeRange).Size(0).Agg("entities", entities).Build()
	if err != nil {
		return errorResponse(err)
	}
	pattern := h.d.settings.RiskIndexPattern
	res, err := h.d.os.Search(ctx, pattern, body)
	var oe *client.Error
	if errors.As(err, &oe) && oe.Status == http.StatusNotFound {
		res, err = &client.SearchResponse{}, nil
	}
	if err != nil {
		return errorResponse(err)
	}
	frame, err := riskFrame(res, m.Language)
	if err != nil {
		return errorResponse(backend.DownstreamError(err))
	}
	if frame.Rows() == 0 {
		frame.AppendNotices(noSummariesYet(pattern))
	}
	return backend.DataResponse{Frames: data.Frames{frame}}
}

// noSummariesYet tells an empty answer from a broken one: before the scorer's first run there is nothing to rank.
func noSummariesYet(pattern string) data.Notice {
	return data.Notice{Severity: data.NoticeSeverityInfo, Text: fmt.Sprintf(
		"no risk summaries in %q for this range yet: the risk scorer writes them daily / "+
			"この期間のリスク集計 (%s) はまだありません。リスクスコアは毎日集計されます", pattern, pattern)}
}

type riskRow struct {
	entity, display, dept string
	score, confidence     float64
	flagged, events       int64
	reasons               string
	lastSeen              time.Time
}

func riskFrame(res *client.SearchResponse, lang Language) (*data.Frame, error) {
	buckets, err := client.Buckets(res.Aggregations["entities"])
	if err != nil {
		return nil, err
	}
	rows := make([]riskRow, 0, len(buckets))
	for _, b := range buckets {
		r := riskRow{entity: b.KeyString()}
		if v, err := client.Value(b.Aggs["score"]); err != nil {
			return nil, err
		} else if v != nil {
			r.score = *v
		}
		if v, err := client.Value(b.Aggs["events"]); err != nil {
			return nil, err
		} else if v != nil {
			r.events = int64(*v)
		}
		if v, err := client.Value(b.Aggs["last_seen"]); err != nil {
			return nil, err
		} else if v != nil {
			r.lastSeen = time.UnixMilli(int64(*v)).UTC()
		}
		flagged, err := client.SingleBucket(b.Aggs["flagged"])
		if err != nil {
			return nil, err
		}
		r.flagged = flagged.DocCount
		hits, err := client.TopHitsOf(b.Aggs["top"])
		if err != nil {
			return nil, err
		}
		if len(hits) > 0 {
			src := hits[0].Source
			r.display = sourceString(src, schema.KansaUserDisplayName)
			r.dept = sourceString(src, schema.KansaUserDepartment)
			if v, ok := lookup(src, schema.KansaRiskConfidence); ok {
				r.confidence = number(v)
			}
		}
		r.reasons = topReasonText(hits, lang)
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].score != rows[j].score {
			return rows[i].score > rows[j].score
		}
		return rows[i].entity < rows[j].entity
	})
	n := len(rows)
	entity, display, dept, reasons := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	score, confidence := make([]float64, n), make([]float64, n)
	flagged, events := make([]int64, n), make([]int64, n)
	lastSeen := make([]time.Time, n)
	for i, r := range rows {
		entity[i], display[i], dept[i], reasons[i] = r.entity, r.display, r.dept, r.reasons
		score[i], confidence[i], flagged[i], events[i], lastSeen[i] = r.score, r.confidence, r.flagged, r.events, r.lastSeen
	}
	frame := data.NewFrame("risk",
		data.NewField("entity", nil, entity),
		data.NewField("display_name", nil, display),
		data.NewField("department", nil, dept),
		data.NewField("score", nil, score),
		data.NewField("confidence", nil, confidence),
		data.NewField("days_flagged", nil, flagged),
		data.NewField("events", nil, events),
		data.NewField("top_reasons", nil, reasons),
		data.NewField("last_seen", nil, lastSeen),
	)
	frame.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	for _, w := range res.Warnings() {
		frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityWarning, Text: w})
	}
	return frame, nil
}

// topReasonText ranks the reasons of an entity's highest-scoring days by their largest contribution and writes
// the first three in the language, e.g. "初めてのフォルダ (+35) / 深夜のアクセス (+20)".
func topReasonText(hits []client.Hit, lang Language) string {
	type reason struct {
		code, text   string
		contribution float64
	}
	best := map[string]*reason{}
	for _, h := range hits {
		v, ok := lookup(h.Source, schema.KansaRiskReasons)
		if !ok {
			continue
		}
		list, ok := v.([]any)
		if !ok {
			list = []any{v}
		}
		for _, item := range list {
			obj, ok := item.(map[string]any)
			if !ok {
				continue
			}
			code, _ := obj["code"].(string)
			ja, _ := obj["ja"].(string)
			en, _ := obj["en"].(string)
			words := ja
			if lang == LanguageEn || words == "" {
				words = en
			}
			if words == "" {
				words = code
			}
			key := code
			if key == "" {
				key = words
			}
			c := number(obj["contribution"])
			if r, ok := best[key]; !ok || c > r.contribution {
				best[key] = &reason{code: key, text: words, contribution: c}
			}
		}
	}
	list := make([]*reason, 0, len(best))
	for _, r := range best {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].contribution != list[j].contribution {
			return list[i].contribution > list[j].contribution
		}
		return list[i].code < list[j].code
	})
	parts := make([]string, 0, topReasons)
	for i, r := range list {
		if i == topReasons {
			break
		}
		parts = append(parts, fmt.Sprintf("%s (%+g)", r.text, r.contribution))
	}
	return strings.Join(parts, " / ")
}

func number(v any) float64 {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return f
	case float64:
		return x
	}
	return 0
}
