package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/attendance"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// maxTimesheetRows bounds one 乖離 query: a month of a 1000-person office is 31 000 rows.
const maxTimesheetRows = 200000

// divergence answers attendanceView "divergence": per person and day in the range, the logs' start and end
// against the imported timesheet (kansa-timesheet-*), with the gap each side and its kind.
func (h *attendanceHandler) divergence(ctx context.Context, cfg attendance.Config, tr backend.TimeRange, m queryModel) backend.DataResponse {
	events, err := h.sessionEvents(ctx, backend.TimeRange{From: tr.From.Add(-lookBehind), To: tr.To.Add(lookAhead)}, m)
	if err != nil {
		return errorResponse(tooMany(err))
	}
	pattern := cfg.TimesheetIndexPattern
	if pattern == "" {
		pattern = schema.TimesheetIndexPattern
	}
	reports, err := h.timesheets(ctx, pattern, tr, m)
	if err != nil {
		return errorResponse(err)
	}
	from, to := cfg.WorkdayOf(tr.From), cfg.WorkdayOf(tr.To.Add(-time.Millisecond))
	inRange := func(date string) bool { return date >= from && date <= to }
	rows := attendance.Diverge(attendance.Compute(cfg, events, h.d.now()), reports, cfg.DivergenceThresholdMinutes, inRange)
	if m.AttendanceView == "divergence-series" {
		return backend.DataResponse{Frames: divergenceSeries(cfg, rows)}
	}
	return backend.DataResponse{Frames: data.Frames{divergenceFrame(rows, len(reports) == 0)}}
}

// timesheets reads the reported days of the range; the range is widened by a day each side because a
// report is stamped at its clock-in (or local midnight), and the dates decide what belongs. The query's
// Lucene, filters and directory flags narrow the rows as they narrow the session events (a row carries
// user.name, the display name and the department), so a page filtered to one person or department compares
// only their rows instead of listing everyone else's reported days as reported-no-activity.
func (h *attendanceHandler) timesheets(ctx context.Context, pattern string, tr backend.TimeRange, m queryModel) ([]attendance.Report, error) {
	var out []attendance.Report
	m.UseCase = "" // a use case's preset selects events, which timesheet rows are not
	wide := backend.TimeRange{From: tr.From.Add(-24 * time.Hour), To: tr.To.Add(24 * time.Hour)}
	_, err := h.d.os.Scan(ctx, pattern, maxTimesheetRows, true, func(size int, after []any) *client.Search {
		s := baseSearch(m, wide).Size(size).
			Source(schema.UserName, schema.KansaUserDisplayName, schema.KansaUserDepartment, schema.KansaTimesheetDate,
				schema.KansaTimesheetClockIn, schema.KansaTimesheetClockOut, schema.KansaTimesheetLeaveType,
				schema.KansaTimesheetWorkedMinutes).
			Sort(schema.Timestamp, client.Asc).SortByID(client.Asc).SearchAfter(after)
		if len(m.Users) > 0 {
			s.Filter(client.AnyString(schema.UserName, m.Users))
		}
		return s
	}, func(hit client.Hit) error {
		r := attendance.Report{
			User:        sourceString(hit.Source, schema.UserName),
			DisplayName: sourceString(hit.Source, schema.KansaUserDisplayName),
			Department:  sourceString(hit.Source, schema.KansaUserDepartment),
			Date:        sourceString(hit.Source, schema.KansaTimesheetDate),
			LeaveType:   sourceString(hit.Source, schema.KansaTimesheetLeaveType),
		}
		r.ClockIn = sourceTime(hit.Source, schema.KansaTimesheetClockIn)
		r.ClockOut = sourceTime(hit.Source, schema.KansaTimesheetClockOut)
		if v, ok := lookup(hit.Source, schema.KansaTimesheetWorkedMinutes); ok {
			if n, ok := v.(json.Number); ok { // the client decodes numbers as json.Number
				if f, err := n.Float64(); err == nil {
					r.WorkedMinutes = &f
				}
			}
		}
		if r.User != "" && r.Date != "" {
			out = append(out, r)
		}
		return nil
	})
	var tm *client.TooManyHitsError
	if errors.As(err, &tm) {
		return nil, badQuery("more than %d timesheet rows in the range: narrow the time range or pick users / "+
			"期間内のタイムシートが %d 行を超えました。期間を短くするかユーザーを指定してください", tm.Max, tm.Max)
	}
	return out, err
}

func sourceTime(src map[string]any, name string) *time.Time {
	s := sourceString(src, name)
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return nil
	}
	return &t
}

// divergenceFrame is one row per person and day, dates then users, gaps in minutes.
func divergenceFrame(rows []attendance.Divergence, noTimesheets bool) *data.Frame {
	n := len(rows)
	var (
		user, display, dept, date, leave, kinds = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		rStart, rEnd, aStart, aEnd              = make([]*time.Time, n), make([]*time.Time, n), make([]*time.Time, n), make([]*time.Time, n)
		early, late                             = make([]*float64, n), make([]*float64, n)
		reported, actual                        = make([]float64, n), make([]float64, n)
		flagged                                 = make([]bool, n)
	)
	utc := func(t *time.Time) *time.Time {
		if t == nil {
			return nil
		}
		u := t.UTC()
		return &u
	}
	rounded := func(v *float64) *float64 {
		if v == nil {
			return nil
		}
		r := round1(*v)
		if *v < 0 {
			r = -round1(-*v)
		}
		return &r
	}
	for i, r := range rows {
		user[i], display[i], dept[i], date[i], leave[i] = r.User, r.DisplayName, r.Department, r.Date, r.LeaveType
		rStart[i], rEnd[i], aStart[i], aEnd[i] = utc(r.ReportedStart), utc(r.ReportedEnd), utc(r.ActualStart), utc(r.ActualEnd)
		early[i], late[i] = rounded(r.EarlyMinutes), rounded(r.LateMinutes)
		reported[i], actual[i] = round1(r.ReportedMinutes), round1(r.ActualMinutes)
		kinds[i] = strings.Join(r.Kinds, ",")
		flagged[i] = len(r.Kinds) > 0
	}
	frame := data.NewFrame("attendance-divergence",
		data.NewField("user", nil, user),
		data.NewField("display_name", nil, display),
		data.NewField("department", nil, dept),
		data.NewField("date", nil, date),
		data.NewField("reported_start", nil, rStart),
		data.NewField("reported_end", nil, rEnd),
		data.NewField("actual_start", nil, aStart),
		data.NewField("actual_end", nil, aEnd),
		data.NewField("early_gap_minutes", nil, early),
		data.NewField("late_gap_minutes", nil, late),
		data.NewField("reported_minutes", nil, reported),
		data.NewField("actual_minutes", nil, actual),
		data.NewField("leave_type", nil, leave),
		data.NewField("kinds", nil, kinds),
		data.NewField("flagged", nil, flagged),
	)
	if noTimesheets {
		frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityInfo,
			Text: "no timesheets imported for the range (kansa timesheet import) / 期間内のタイムシートがありません (kansa timesheet import で取り込みます)"})
	}
	return frame
}

// divergenceSeries is one time series per person with a 乖離 in the range: a point of 1 at the local midnight
// of each day with a gap, so an alert rule's sum over its window counts the days.
func divergenceSeries(cfg attendance.Config, rows []attendance.Divergence) data.Frames {
	type person struct {
		user, department string
		days             []time.Time
	}
	var order []string
	people := map[string]*person{}
	for _, r := range rows {
		if len(r.Kinds) == 0 {
			continue
		}
		day, err := time.ParseInLocation(time.DateOnly, r.Date, cfg.Location)
		if err != nil {
			continue
		}
		p := people[r.User]
		if p == nil {
			p = &person{user: r.User, department: r.Department}
			people[r.User] = p
			order = append(order, r.User)
		}
		p.days = append(p.days, day.UTC())
	}
	frames := make(data.Frames, 0, len(order))
	for _, u := range order {
		p := people[u]
		ones := make([]float64, len(p.days))
		for i := range ones {
			ones[i] = 1
		}
		labels := data.Labels{schema.UserName: p.user, schema.KansaUserDepartment: p.department}
		frames = append(frames, data.NewFrame("attendance-divergence-series",
			data.NewField("time", nil, p.days),
			data.NewField("divergence_days", labels, ones)))
	}
	return frames
}
