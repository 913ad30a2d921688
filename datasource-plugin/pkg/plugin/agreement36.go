package plugin

import (
	"context"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/attendance"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// weekLead reaches back to the start of the first month's first week, for the 40-hour week.
const weekLead = 7 * 24 * time.Hour

// agreement36 answers attendanceView "agreement36": one row per person for the month the range ends in,
// against the 36協定 in the workday settings. It reads back to the start of the agreement year and five
// months before, which the 2-6-month averages and the year to date need whatever range the panel shows.
func (h *attendanceHandler) agreement36(ctx context.Context, cfg attendance.Config, tr backend.TimeRange, m queryModel) backend.DataResponse {
	end := tr.To.Add(-time.Millisecond).In(cfg.Location)
	monthStart := time.Date(end.Year(), end.Month(), 1, 0, 0, 0, 0, cfg.Location)
	from := monthStart.AddDate(0, -5, 0)
	configs := []attendance.AgreementConfig{cfg.Agreements.Company}
	for _, c := range cfg.Agreements.Departments {
		configs = append(configs, c)
	}
	for _, c := range configs {
		ys := time.Date(monthStart.Year(), c.YearStartMonth, 1, 0, 0, 0, 0, cfg.Location)
		if ys.After(monthStart) {
			ys = ys.AddDate(-1, 0, 0)
		}
		if ys.Before(from) {
			from = ys
		}
	}
	wide := backend.TimeRange{From: from.Add(-weekLead), To: monthStart.AddDate(0, 1, 0).Add(lookAhead)}
	events, err := h.sessionEvents(ctx, wide, m)
	if err != nil {
		return errorResponse(tooMany(err))
	}
	pattern := cfg.TimesheetIndexPattern
	if pattern == "" {
		pattern = schema.TimesheetIndexPattern
	}
	reports, err := h.timesheets(ctx, pattern, wide, m)
	if err != nil {
		return errorResponse(err)
	}
	now := h.d.now()
	if m.AttendanceView == "agreement36-series" && tr.To.Before(now) {
		now = tr.To // the standing as of the range's end, as an alert rule evaluated then would see it
	}
	users := attendance.WithTimesheetMonths(cfg, attendance.Compute(cfg, events, now), reports)
	standings := attendance.Agreement36(cfg, cfg.Agreements, users, monthStart, now)
	if m.AttendanceView == "agreement36-series" {
		return backend.DataResponse{Frames: agreementSeries(standings, tr.To)}
	}
	return backend.DataResponse{Frames: data.Frames{agreementFrame(standings)}}
}

// statusLevel is the number an alert rule compares: 0 ok, 1 warning, 2 violation.
var statusLevel = map[string]float64{attendance.StatusOK: 0, attendance.StatusWarning: 1, attendance.StatusViolation: 2}

// agreementSeries is one time series per person with one point at the range's end: their status level,
// labelled by account and department, the shape Grafana's alerting reduces.
func agreementSeries(ss []attendance.Standing, at time.Time) data.Frames {
	frames := make(data.Frames, 0, len(ss))
	for _, s := range ss {
		labels := data.Labels{schema.UserName: s.User, schema.KansaUserDepartment: s.Department}
		frames = append(frames, data.NewFrame("attendance-agreement36-series",
			data.NewField("time", nil, []time.Time{at.UTC()}),
			data.NewField("status_level", labels, []float64{statusLevel[s.Status]})))
	}
	return frames
}

// agreementFrame is one row per person, in hours (the unit the limits are written in).
func agreementFrame(ss []attendance.Standing) *data.Frame {
	n := len(ss)
	str := func(get func(attendance.Standing) string) []string {
		out := make([]string, n)
		for i, s := range ss {
			out[i] = get(s)
		}
		return out
	}
	hours := func(get func(attendance.Standing) float64) []float64 {
		out := make([]float64, n)
		for i, s := range ss {
			out[i] = round2(get(s) / 60)
		}
		return out
	}
	monthsOver := make([]int64, n)
	for i, s := range ss {
		monthsOver[i] = int64(s.MonthsOver)
	}
	frame := data.NewFrame("attendance-agreement36",
		data.NewField("user", nil, str(func(s attendance.Standing) string { return s.User })),
		data.NewField("display_name", nil, str(func(s attendance.Standing) string { return s.DisplayName })),
		data.NewField("department", nil, str(func(s attendance.Standing) string { return s.Department })),
		data.NewField("month", nil, str(func(s attendance.Standing) string { return s.Month })),
		data.NewField("status", nil, str(func(s attendance.Standing) string { return s.Status })),
		data.NewField("overtime_hours", nil, hours(func(s attendance.Standing) float64 { return s.This.Overtime })),
		data.NewField("weekly_overtime_hours", nil, hours(func(s attendance.Standing) float64 { return s.This.WeeklyOvertime })),
		data.NewField("within_statutory_hours", nil, hours(func(s attendance.Standing) float64 { return s.This.WithinStatutory })),
		data.NewField("holiday_work_hours", nil, hours(func(s attendance.Standing) float64 { return s.This.HolidayWork })),
		data.NewField("late_night_hours", nil, hours(func(s attendance.Standing) float64 { return s.This.LateNight })),
		data.NewField("total_hours", nil, hours(func(s attendance.Standing) float64 { return s.This.Total() })),
		data.NewField("projected_overtime_hours", nil, hours(func(s attendance.Standing) float64 { return s.ProjectedOvertime })),
		data.NewField("projected_total_hours", nil, hours(func(s attendance.Standing) float64 { return s.ProjectedTotal })),
		data.NewField("avg_2m_hours", nil, hours(func(s attendance.Standing) float64 { return s.Averages[0] })),
		data.NewField("avg_3m_hours", nil, hours(func(s attendance.Standing) float64 { return s.Averages[1] })),
		data.NewField("avg_4m_hours", nil, hours(func(s attendance.Standing) float64 { return s.Averages[2] })),
		data.NewField("avg_5m_hours", nil, hours(func(s attendance.Standing) float64 { return s.Averages[3] })),
		data.NewField("avg_6m_hours", nil, hours(func(s attendance.Standing) float64 { return s.Averages[4] })),
		data.NewField("ytd_overtime_hours", nil, hours(func(s attendance.Standing) float64 { return s.YearToDate })),
		data.NewField("months_over_limit", nil, monthsOver),
		data.NewField("monthly_limit_hours", nil, hours(func(s attendance.Standing) float64 { return s.MonthlyLimit })),
		data.NewField("annual_limit_hours", nil, hours(func(s attendance.Standing) float64 { return s.AnnualLimit })),
		data.NewField("warnings", nil, str(func(s attendance.Standing) string { return strings.Join(s.Warnings, ",") })),
		data.NewField("timesheet_months", nil, str(func(s attendance.Standing) string { return strings.Join(s.TimesheetMonths, ",") })),
	)
	if n == 0 {
		frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityInfo,
			Text: "no working days in the month / 対象月の勤務記録がありません"})
	}
	return frame
}
