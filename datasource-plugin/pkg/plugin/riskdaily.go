package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// maxRiskPoints bounds entities × days of one daily risk query, well under OpenSearch's search.max_buckets.
const maxRiskPoints = 20000

// reasonsLabel carries an entity's top reasons on its daily series, so an alert's annotation can name them.
const reasonsLabel = "reasons"

// daily answers riskView "daily": one time series per entity of its daily scores (one summary per entity and
// local day, stamped at the day's start), the highest-scoring entities first. Grafana alert rules reduce these
// series and compare them with a threshold; the labels are the entity, its display name and department, and its
// top reasons over the range.
func (h *riskHandler) daily(ctx context.Context, q backend.DataQuery, m queryModel, entity string) backend.DataResponse {
	if m.RiskMinConfidence < 0 || m.RiskMinConfidence > 1 {
		return errorResponse(badQuery("riskMinConfidence %g is out of range: use 0 to 1", m.RiskMinConfidence))
	}
	days := int(q.TimeRange.Duration()/(24*time.Hour)) + 2
	if days*m.Limit > maxRiskPoints {
		return errorResponse(badQuery("a daily risk query over %d days for up to %d entities asks for more than %d points: "+
			"shorten the range or lower the limit", days, m.Limit, maxRiskPoints))
	}
	s := baseSearch(m, q.TimeRange).Size(0)
	if m.RiskMinConfidence > 0 {
		s.Filter(client.AtLeast(schema.KansaRiskConfidence, m.RiskMinConfidence))
	}
	top := client.TopHits(reasonDays).SortBy(schema.KansaRiskScore, client.Desc).
		Fields(schema.KansaUserDisplayName, schema.KansaUserDepartment, schema.KansaRiskReasons)
	perDay := client.Terms(schema.Timestamp).Size(days).Order("_key", client.Asc).
		Sub("score", client.Metric("max", schema.KansaRiskScore))
	entities := client.Terms(entity).Size(m.Limit).Order("score", client.Desc).
		Sub("score", client.Metric("max", schema.KansaRiskScore)).
		Sub("days", perDay).
		Sub("top", top)
	body, err := s.Agg("entities", entities).Build()
	if err != nil {
		return errorResponse(err)
	}
	res, err := h.d.os.Search(ctx, h.d.settings.RiskIndexPattern, body)
	var oe *client.Error
	if errors.As(err, &oe) && oe.Status == http.StatusNotFound {
		res, err = &client.SearchResponse{}, nil
	}
	if err != nil {
		return errorResponse(err)
	}
	frames, err := dailyRiskFrames(res, entity, m.Language)
	if err != nil {
		return errorResponse(backend.DownstreamError(err))
	}
	return backend.DataResponse{Frames: frames}
}

func dailyRiskFrames(res *client.SearchResponse, entity string, lang Language) (data.Frames, error) {
	buckets, err := client.Buckets(res.Aggregations["entities"])
	if err != nil {
		return nil, err
	}
	frames := make(data.Frames, 0, len(buckets))
	for _, b := range buckets {
		dayBuckets, err := client.Buckets(b.Aggs["days"])
		if err != nil {
			return nil, err
		}
		times := make([]time.Time, 0, len(dayBuckets))
		scores := make([]*float64, 0, len(dayBuckets))
		for _, d := range dayBuckets {
			ms, err := epochMillis(d.Key)
			if err != nil {
				return nil, fmt.Errorf("risk summary day of %s: %w", b.KeyString(), err)
			}
			v, err := client.Value(d.Aggs["score"])
			if err != nil {
				return nil, err
			}
			times = append(times, time.UnixMilli(ms).UTC())
			scores = append(scores, v)
		}
		hits, err := client.TopHitsOf(b.Aggs["top"])
		if err != nil {
			return nil, err
		}
		labels := data.Labels{entity: b.KeyString(), reasonsLabel: topReasonText(hits, lang)}
		if len(hits) > 0 {
			if v := sourceString(hits[0].Source, schema.KansaUserDisplayName); v != "" {
				labels[schema.KansaUserDisplayName] = v
			}
			if v := sourceString(hits[0].Source, schema.KansaUserDepartment); v != "" {
				labels[schema.KansaUserDepartment] = v
			}
		}
		frame := data.NewFrame("risk-daily",
			data.NewField("time", nil, times),
			data.NewField("score", labels, scores),
		)
		frame.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
		frames = append(frames, frame)
	}
	if len(frames) == 0 {
		// An alert rule reads no frames as no data; the empty frame keeps the response's shape for panels.
		frames = append(frames, data.NewFrame("risk-daily", data.NewField("time", nil, []time.Time{}), data.NewField("score", nil, []*float64{})))
	}
	for _, w := range res.Warnings() {
		frames[0].AppendNotices(data.Notice{Severity: data.NoticeSeverityWarning, Text: w})
	}
	return frames, nil
}

// epochMillis reads a terms bucket key over a date field, which OpenSearch gives as epoch milliseconds.
func epochMillis(key any) (int64, error) {
	switch k := key.(type) {
	case json.Number:
		return k.Int64()
	case float64:
		return int64(k), nil
	}
	return 0, fmt.Errorf("bucket key %v is not epoch milliseconds", key)
}
