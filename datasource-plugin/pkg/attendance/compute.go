package attendance

import (
	"sort"
	"time"
)

// Transitions, as the translators stamp them in kansa.session.transition.
const (
	TransitionStart      = "start"
	TransitionEnd        = "end"
	TransitionLock       = "lock"
	TransitionUnlock     = "unlock"
	TransitionPowerOn    = "power-on"
	TransitionPowerOff   = "power-off"
	TransitionReconnect  = "reconnect"
	TransitionDisconnect = "disconnect"
	TransitionActivity   = "activity"
)

// State is what a user is doing during an interval.
type State string

const (
	Working State = "working"
	Locked  State = "locked"
	// Away is the time between two sessions of the same day.
	Away State = "away"
)

// Event is one session event of one user.
type Event struct {
	Time        time.Time
	User        string
	DisplayName string
	Department  string
	// Calendar is the person's working calendar (kansa.user.calendar), a key of Config.Calendars.
	Calendar   string
	Transition string
}

// Interval is a span of one state inside one working day.
type Interval struct {
	Start, End time.Time
	State      State
}

// Day is one user's attendance on one working day.
type Day struct {
	User, DisplayName, Department string
	// Date is the working day, YYYY-MM-DD in the configured zone; a day starts at DayBoundaryHour.
	Date                        string
	FirstActivity, LastActivity time.Time
	// End is when presence ended: the logoff, or the last activity plus the grace period.
	End                               time.Time
	WorkingMinutes, BreakMinutes      float64
	OvertimeMinutes, LateNightMinutes float64
	Holiday                           bool
	RestIntervalHours                 *float64
	RestViolation, MissingLogoff      bool
	Intervals                         []Interval
}

// User is the attendance of one user over the events given.
type User struct {
	Name, DisplayName, Department string
	// Calendar is the working calendar the person's latest event names; their days are counted by it.
	Calendar string
	Days     []Day
	// TimesheetMonths are the months (YYYY-MM) whose days came from the imported timesheet because the logs
	// hold none (WithTimesheetMonths).
	TimesheetMonths []string
}

// Compute groups events by user and works out each user's days. now is the current time: a session whose
// grace period has not run out by now is still open, not a missing logoff; events after now are left out, so a
// standing computed as of a past moment (an alert rule's evaluation replayed) sees only what was known then.
func Compute(c Config, events []Event, now time.Time) []User {
	byUser := map[string][]Event{}
	for _, e := range events {
		if e.User == "" || e.Time.After(now) {
			continue
		}
		byUser[e.User] = append(byUser[e.User], e)
	}
	names := make([]string, 0, len(byUser))
	for n := range byUser {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]User, 0, len(names))
	for _, n := range names {
		evs := byUser[n]
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].Time.Before(evs[j].Time) })
		u := User{Name: n}
		for _, e := range evs {
			if e.DisplayName != "" {
				u.DisplayName = e.DisplayName
			}
			if e.Department != "" {
				u.Department = e.Department
			}
			if e.Calendar != "" {
				u.Calendar = e.Calendar
			}
		}
		u.Days = (&tracker{c: c.ForCalendar(u.Calendar), now: now}).run(evs)
		for i := range u.Days {
			u.Days[i].User, u.Days[i].DisplayName, u.Days[i].Department = u.Name, u.DisplayName, u.Department
			if i > 0 {
				rest := u.Days[i].FirstActivity.Sub(u.Days[i-1].End).Hours()
				u.Days[i].RestIntervalHours = &rest
				u.Days[i].RestViolation = rest < c.RestIntervalHours
			}
		}
		out = append(out, u)
	}
	return out
}

// WorkdayOf is the working day t belongs to: its local date after moving back by the day boundary.
func (c Config) WorkdayOf(t time.Time) string {
	shifted := t.In(c.Location).Add(-time.Duration(c.DayBoundaryHour) * time.Hour)
	return shifted.Format(time.DateOnly)
}

// maxSessionSpan is the longest a session can run across the day boundary before its day is closed as
// missing a logoff: longer than any shift, shorter than a session left open until the next morning.
const maxSessionSpan = 16 * time.Hour

// tracker walks one user's events in time order.
type tracker struct {
	c   Config
	now time.Time

	days  []Day
	day   *Day
	state State // "" when no session is open
	// sessionStart is when the open session began.
	sessionStart time.Time
	// explicit says the open session began with a logon, unlock, power-on or reconnect. A session that only
	// activity (a door, a badge) opened ends at that activity and never counts as a missing logoff.
	explicit bool
	since    time.Time
	last     time.Time // the user's previous event
	lastExit time.Time // when the last session of the day ended, for the away gap before the next one
}

func (t *tracker) run(evs []Event) []Day {
	for _, e := range evs {
		if date := t.c.WorkdayOf(e.Time); t.day == nil || (date != t.day.Date && !t.belongsToCurrentDay(e)) {
			if t.day != nil {
				t.closeDay(false)
			}
			t.day = &Day{Date: date, FirstActivity: e.Time}
			t.lastExit = time.Time{}
		}
		t.apply(e)
		t.last = e.Time
		t.day.LastActivity = e.Time
	}
	if t.day != nil {
		t.closeDay(true)
	}
	return t.days
}

// belongsToCurrentDay keeps an event past the day boundary in the day before: a session belongs wholly to the
// day it started (a night shift's logoff at 05:44 ends the shift that began at 21:00) for up to
// maxSessionSpan, and what follows the logoff within the grace period (a shutdown, the door on the way out)
// is the same departure.
func (t *tracker) belongsToCurrentDay(e Event) bool {
	switch {
	case t.state != "" && t.explicit:
		return e.Time.Sub(t.sessionStart) <= maxSessionSpan
	case t.state != "":
		return e.Time.Sub(t.last) <= t.c.Grace // presence shown only by doors or badges
	}
	return !opens(e) && !t.lastExit.IsZero() && e.Time.Sub(t.lastExit) <= t.c.Grace
}

// opens tells whether an event starts a session by itself.
func opens(e Event) bool {
	switch e.Transition {
	case TransitionStart, TransitionPowerOn, TransitionUnlock, TransitionReconnect:
		return true
	}
	return false
}

func (t *tracker) apply(e Event) {
	switch e.Transition {
	case TransitionStart, TransitionPowerOn, TransitionUnlock, TransitionReconnect:
		t.enter(e.Time, Working)
		t.explicit = true
	case TransitionActivity:
		if t.state == "" {
			t.enter(e.Time, Working)
			t.explicit = false
		}
	case TransitionLock, TransitionDisconnect:
		if t.state == "" {
			t.explicit = true
		}
		t.enter(e.Time, Locked)
	case TransitionEnd, TransitionPowerOff:
		if t.state != "" {
			t.emit(t.since, e.Time, t.state)
			t.state = ""
			t.lastExit = e.Time
		}
	}
}

// enter switches to s at time at, recording the away gap when a new session starts after an earlier one.
func (t *tracker) enter(at time.Time, s State) {
	if t.state == s {
		return
	}
	if t.state != "" {
		t.emit(t.since, at, t.state)
	} else {
		if !t.lastExit.IsZero() {
			t.emit(t.lastExit, at, Away)
		}
		t.sessionStart = at
	}
	t.state, t.since = s, at
}

// closeDay ends the day at the end of the stream (atStreamEnd) or before a later day. An open session ends at
// the last activity plus the grace period, and the day is marked as missing its logoff, unless that moment
// has not come yet.
func (t *tracker) closeDay(atStreamEnd bool) {
	end := t.lastExit
	if t.state != "" {
		switch {
		case !t.explicit:
			end = t.last
		case atStreamEnd && t.last.Add(t.c.Grace).After(t.now):
			end = t.now
		default:
			end = t.last.Add(t.c.Grace)
			t.day.MissingLogoff = true
		}
		if end.Before(t.since) {
			end = t.since
		}
		t.emit(t.since, end, t.state)
		t.state = ""
	}
	if end.IsZero() {
		end = t.day.LastActivity
	}
	t.finishDay(end)
}

func (t *tracker) emit(from, to time.Time, s State) {
	if to.After(from) {
		t.day.Intervals = append(t.day.Intervals, Interval{Start: from, End: to, State: s})
	}
}

// finishDay adds up the day's intervals.
func (t *tracker) finishDay(end time.Time) {
	d := t.day
	d.End = end
	for _, iv := range d.Intervals {
		minutes := iv.End.Sub(iv.Start).Minutes()
		switch iv.State {
		case Working:
			d.WorkingMinutes += minutes
			d.LateNightMinutes += t.lateNightMinutes(iv.Start, iv.End)
		case Locked, Away:
			if minutes <= t.c.BreakThresholdMinutes {
				d.BreakMinutes += minutes
			}
		}
	}
	date, _ := time.ParseInLocation(time.DateOnly, d.Date, t.c.Location)
	d.Holiday = t.c.dayOff(date)
	if d.Holiday {
		d.OvertimeMinutes = d.WorkingMinutes
	} else {
		d.OvertimeMinutes = max(0, d.WorkingMinutes-t.c.StandardDayMinutes)
	}
	t.days = append(t.days, *d)
}

// lateNightMinutes is the part of [from, to) inside the late-night window of any local date it touches.
func (t *tracker) lateNightMinutes(from, to time.Time) float64 {
	var total time.Duration
	local := from.In(t.c.Location)
	y, m, d := local.Date()
	for day := time.Date(y, m, d-1, 0, 0, 0, 0, t.c.Location); day.Before(to); day = day.AddDate(0, 0, 1) {
		ws := day.Add(time.Duration(t.c.LateNightStart) * time.Minute)
		we := day.Add(time.Duration(t.c.LateNightEnd) * time.Minute)
		if !we.After(ws) {
			we = we.AddDate(0, 0, 1)
		}
		s, e := maxTime(ws, from), minTime(we, to)
		if e.After(s) {
			total += e.Sub(s)
		}
	}
	return total.Minutes()
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
