package plugin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// queueSource is what a queue row shows of a daily summary; the rest (counts, confidence) stays in OpenSearch.
var queueSource = []string{
	schema.Timestamp, schema.UserName, schema.KansaUserDisplayName, schema.KansaUserDepartment, schema.KansaRiskScore,
	schema.KansaRiskCase, schema.KansaRiskCaseStatus, schema.KansaRiskCaseOpened, schema.KansaRiskReasons,
}

// queue answers riskView "queue": the review queue as the risk scorer decided it, one row per user-day it put in
// the queue (a new case taking one of the day's slots, or new evidence on an open case). The scorer marks those
// summaries with kansa.risk.case_status, so the view only reads them back, newest day first and the highest score
// first within a day. The rows are one search page of at most limit hits: limit is capped at maxLimit (10000),
// which is also OpenSearch's default index.max_result_window.
func (h *riskHandler) queue(ctx context.Context, q backend.DataQuery, m queryModel) backend.DataResponse {
	if m.RiskEntity != "" && m.RiskEntity != "user" {
		return errorResponse(badQuery("the review queue is per user: riskView queue takes riskEntity user, not %q", m.RiskEntity))
	}
	body, err := baseSearch(m, q.TimeRange).Filter(client.Exists(schema.KansaRiskCaseStatus)).
		Sort(schema.Timestamp, client.Desc).Sort(schema.KansaRiskScore, client.Desc).
		Sort(schema.UserName, client.Asc).         // equal scores on one day: a stable order between refreshes
		Size(m.Limit).TrackTotalHits(m.Limit + 1). // one more than shown tells a cut-off queue from a full one
		Source(queueSource...).Build()
	if err != nil {
		return errorResponse(err)
	}
	pattern := h.d.settings.RiskIndexPattern
	res, err := h.d.os.Search(ctx, pattern, body)
	var oe *client.Error
	notWritten := errors.As(err, &oe) && oe.Status == http.StatusNotFound // no risk index at all yet
	if notWritten {
		res, err = &client.SearchResponse{}, nil
	}
	if err != nil {
		return errorResponse(err)
	}
	frame, err := queueFrame(res, m.Language)
	if err != nil {
		return errorResponse(err)
	}
	switch total := res.Hits.Total; {
	case notWritten:
		frame.AppendNotices(noSummariesYet(pattern))
	case frame.Rows() == 0:
		frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityInfo, Text: fmt.Sprintf(
			"no user-day in %q is in the review queue for this range: the risk scorer fills it with its daily summaries / "+
				"この期間のレビューキュー (%s) は空です。リスクスコアの日次集計がキューを埋めます", pattern, pattern)})
	case total != nil && total.Value > int64(m.Limit):
		frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityInfo, Text: fmt.Sprintf(
			"the review queue holds more than %d rows in this range: the newest %d are shown; shorten the range or raise the limit (up to %d) / "+
				"この期間のレビューキューは %d 行を超えます。新しい順に %d 行を表示しています。期間を短くするか上限を上げてください (最大 %d)",
			m.Limit, m.Limit, maxLimit, m.Limit, m.Limit, maxLimit)})
	}
	return backend.DataResponse{Frames: data.Frames{frame}}
}

// queueFrame is the contract of the app's review queue page: one row per hit, in the order OpenSearch sorted them.
func queueFrame(res *client.SearchResponse, lang Language) (*data.Frame, error) {
	hits := res.Hits.Hits
	n := len(hits)
	day, opened := make([]time.Time, n), make([]time.Time, n)
	entity, display, dept := make([]string, n), make([]string, n), make([]string, n)
	story, status, reasons := make([]string, n), make([]string, n), make([]string, n)
	score := make([]float64, n)
	for i, hit := range hits {
		// The first sort value is @timestamp in epoch milliseconds, whatever form the summary's _source holds.
		ms, err := sortMillis(hit)
		if err != nil {
			return nil, err
		}
		src := hit.Source
		day[i] = time.UnixMilli(ms).UTC()
		opened[i] = day[i] // a summary without the opening day is read as opened that day
		if t := sourceTime(src, schema.KansaRiskCaseOpened); t != nil {
			opened[i] = t.UTC()
		}
		entity[i] = sourceString(src, schema.UserName)
		display[i] = sourceString(src, schema.KansaUserDisplayName)
		dept[i] = sourceString(src, schema.KansaUserDepartment)
		if v, ok := lookup(src, schema.KansaRiskScore); ok {
			score[i] = number(v)
		}
		story[i] = sourceString(src, schema.KansaRiskCase)
		status[i] = sourceString(src, schema.KansaRiskCaseStatus)
		reasons[i] = topReasonText([]client.Hit{hit}, lang)
	}
	frame := data.NewFrame("risk-queue",
		data.NewField("day", nil, day),
		data.NewField("entity", nil, entity),
		data.NewField("display_name", nil, display),
		data.NewField("department", nil, dept),
		data.NewField("score", nil, score),
		data.NewField("case", nil, story),
		data.NewField("case_status", nil, status),
		data.NewField("case_opened", nil, opened),
		data.NewField("reasons", nil, reasons),
	)
	frame.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	for _, w := range res.Warnings() {
		frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityWarning, Text: w})
	}
	return frame, nil
}
