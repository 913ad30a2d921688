package plugin

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/attendance"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

const (
	// maxSessionEvents bounds one attendance query: a month of a 1000-person office is well below it.
	maxSessionEvents = 500000
	// maxTimelineCells bounds the wide timeline frame (rows × users) a browser has to draw.
	maxTimelineCells = 2000000
	// lookBehind reaches the previous working day across a long weekend, for the rest interval of the
	// range's first day; lookAhead finds the logoff of a session still open when the range ends.
	lookBehind = 4 * 24 * time.Hour
	lookAhead  = 24 * time.Hour
)

// attendanceHandler answers "attendance" queries with a state timeline or a daily attendance sheet.
type attendanceHandler struct{ d *Datasource }

func (h *attendanceHandler) handle(ctx context.Context, q backend.DataQuery, m queryModel) backend.DataResponse {
	cfg, err := attendance.Resolve(h.d.settings.Workday.Merge(m.Workday))
	if err != nil {
		return errorResponse(badQuery("%v", err))
	}
	switch m.AttendanceView {
	case "", "timeline", "sheet":
	case "agreement36", "agreement36-series":
		return h.agreement36(ctx, cfg, q.TimeRange, m)
	case "divergence", "divergence-series":
		return h.divergence(ctx, cfg, q.TimeRange, m)
	default:
		return errorResponse(badQuery("attendanceView %q is not supported: use timeline, sheet, agreement36, divergence, agreement36-series or divergence-series", m.AttendanceView))
	}
	events, err := h.sessionEvents(ctx, backend.TimeRange{From: q.TimeRange.From.Add(-lookBehind), To: q.TimeRange.To.Add(lookAhead)}, m)
	if err != nil {
		return errorResponse(tooMany(err))
	}
	users := attendance.Compute(cfg, events, h.d.now())
	var frame *data.Frame
	if m.AttendanceView == "sheet" {
		frame = sheetFrame(users, q.TimeRange)
	} else if frame, err = timelineFrame(users, q.TimeRange); err != nil {
		return errorResponse(err)
	}
	return backend.DataResponse{Frames: data.Frames{frame}}
}

// tooMany explains the event bound in words a user can act on.
func tooMany(err error) error {
	var tm *client.TooManyHitsError
	if errors.As(err, &tm) {
		return badQuery("more than %d session events in the range: narrow the time range or pick users / "+
			"期間内のセッションイベントが %d 件を超えました。期間を短くするかユーザーを指定してください", tm.Max, tm.Max)
	}
	return err
}

// sessionEvents reads every session transition of the range wide in time order.
func (h *attendanceHandler) sessionEvents(ctx context.Context, wide backend.TimeRange, m queryModel) ([]attendance.Event, error) {
	m.UseCase = "" // the transition filter below is the attendance preset already
	var events []attendance.Event
	_, err := h.d.os.Scan(ctx, h.d.settings.IndexPattern, maxSessionEvents, true, func(size int, after []any) *client.Search {
		s := baseSearch(m, wide).Size(size).Filter(client.Exists(schema.KansaSessionTransition)).
			Source(schema.Timestamp, schema.UserName, schema.KansaUserDisplayName, schema.KansaUserDepartment,
				schema.KansaUserCalendar, schema.KansaSessionTransition).
			Sort(schema.Timestamp, client.Asc).SortByID(client.Asc).SearchAfter(after)
		if len(m.Users) > 0 {
			s.Filter(client.AnyString(schema.UserName, m.Users))
		}
		return s
	}, func(hit client.Hit) error {
		ms, err := sortMillis(hit)
		if err != nil {
			return err
		}
		events = append(events, attendance.Event{
			Time:        time.UnixMilli(ms).UTC(),
			User:        sourceString(hit.Source, schema.UserName),
			DisplayName: sourceString(hit.Source, schema.KansaUserDisplayName),
			Department:  sourceString(hit.Source, schema.KansaUserDepartment),
			Calendar:    sourceString(hit.Source, schema.KansaUserCalendar),
			Transition:  sourceString(hit.Source, schema.KansaSessionTransition),
		})
		return nil
	})
	return events, err
}

func sourceString(src map[string]any, name string) string {
	if v, ok := lookup(src, name); ok {
		if s, ok := v.(string); ok {
			return s
		}
	}
	return ""
}

// inRange tells whether a day belongs to the answer: its first activity lies in the range.
func inRange(d attendance.Day, tr backend.TimeRange) bool {
	return !d.FirstActivity.Before(tr.From) && !d.FirstActivity.After(tr.To)
}

// sheetFrame is one row per user and working day, sorted by date then user.
func sheetFrame(users []attendance.User, tr backend.TimeRange) *data.Frame {
	var days []attendance.Day
	for _, u := range users {
		for _, d := range u.Days {
			if inRange(d, tr) {
				days = append(days, d)
			}
		}
	}
	sort.SliceStable(days, func(i, j int) bool {
		if days[i].Date != days[j].Date {
			return days[i].Date < days[j].Date
		}
		return days[i].User < days[j].User
	})
	n := len(days)
	var (
		user, display, dept, date            = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		first, last                          = make([]time.Time, n), make([]time.Time, n)
		working, breaks, overtime, lateNight = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		holiday, violation, missing          = make([]bool, n), make([]bool, n), make([]bool, n)
		rest                                 = make([]*float64, n)
	)
	for i, d := range days {
		user[i], display[i], dept[i], date[i] = d.User, d.DisplayName, d.Department, d.Date
		first[i], last[i] = d.FirstActivity.UTC(), d.LastActivity.UTC()
		working[i], breaks[i] = round1(d.WorkingMinutes), round1(d.BreakMinutes)
		overtime[i], lateNight[i] = round1(d.OvertimeMinutes), round1(d.LateNightMinutes)
		holiday[i], violation[i], missing[i] = d.Holiday, d.RestViolation, d.MissingLogoff
		if d.RestIntervalHours != nil {
			r := round2(*d.RestIntervalHours)
			rest[i] = &r
		}
	}
	return data.NewFrame("attendance-sheet",
		data.NewField("user", nil, user),
		data.NewField("display_name", nil, display),
		data.NewField("department", nil, dept),
		data.NewField("date", nil, date),
		data.NewField("first_activity", nil, first),
		data.NewField("last_activity", nil, last),
		data.NewField("working_minutes", nil, working),
		data.NewField("break_minutes", nil, breaks),
		data.NewField("overtime_minutes", nil, overtime),
		data.NewField("late_night_minutes", nil, lateNight),
		data.NewField("holiday", nil, holiday),
		data.NewField("rest_interval_hours", nil, rest),
		data.NewField("rest_violation", nil, violation),
		data.NewField("missing_logoff", nil, missing),
	)
}

func round1(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }
func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

// change is a user's state from a time on; nil state is a gap.
type change struct {
	at    time.Time
	state *string
}

// timelineFrame is one wide frame: time, then a state column per user, a row at every state change.
func timelineFrame(users []attendance.User, tr backend.TimeRange) (*data.Frame, error) {
	var changes [][]change
	var shown []attendance.User
	times := map[time.Time]bool{}
	for _, u := range users {
		var cs []change
		var prevEnd time.Time
		// Unlike the sheet, the timeline shows every interval overlapping the range, clipped to it.
		for _, d := range u.Days {
			for _, iv := range d.Intervals {
				start, end := iv.Start, iv.End
				if !end.After(tr.From) || start.After(tr.To) {
					continue
				}
				start, end = maxT(start, tr.From), minT(end, tr.To)
				if !prevEnd.IsZero() && start.After(prevEnd) {
					cs = append(cs, change{at: prevEnd})
				}
				s := string(iv.State)
				cs = append(cs, change{at: start, state: &s})
				prevEnd = end
			}
		}
		if len(cs) == 0 {
			continue
		}
		cs = append(cs, change{at: prevEnd})
		for _, c := range cs {
			times[c.at] = true
		}
		changes = append(changes, cs)
		shown = append(shown, u)
	}
	rows := make([]time.Time, 0, len(times))
	for t := range times {
		rows = append(rows, t)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Before(rows[j]) })
	if cells := len(rows) * len(shown); cells > maxTimelineCells {
		return nil, badQuery("the timeline would have %d rows for %d users, more than %d cells: narrow the range or pick users / "+
			"タイムラインが大きすぎます (%d 行 × %d ユーザー)。期間を短くするかユーザーを指定してください",
			len(rows), len(shown), maxTimelineCells, len(rows), len(shown))
	}
	for i := range rows {
		rows[i] = rows[i].UTC()
	}
	frame := data.NewFrame("attendance", data.NewField("time", nil, rows))
	for ui, u := range shown {
		vals := make([]*string, len(rows))
		cs := changes[ui]
		k := -1
		for r, t := range rows {
			for k+1 < len(cs) && !cs[k+1].at.After(t) {
				k++
			}
			if k >= 0 {
				vals[r] = cs[k].state
			}
		}
		f := data.NewField(u.Name, nil, vals)
		name := u.DisplayName
		if name == "" {
			name = u.Name
		}
		f.Config = &data.FieldConfig{DisplayName: name}
		frame.Fields = append(frame.Fields, f)
	}
	if len(shown) == 0 {
		frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityInfo,
			Text: "no session events in the range / 期間内にセッションイベントがありません"})
	}
	return frame, nil
}

func maxT(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minT(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
