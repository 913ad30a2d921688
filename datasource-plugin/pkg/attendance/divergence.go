package attendance

import (
	"sort"
	"strings"
	"time"
)

// Report is one self-reported day from an imported timesheet (kansa.timesheet.*).
type Report struct {
	User, DisplayName, Department string
	Date                          string // the working day, YYYY-MM-DD
	// ClockIn and ClockOut are nil on a reported day off (leave, or a row without times).
	ClockIn, ClockOut *time.Time
	LeaveType         string
	WorkedMinutes     *float64
}

// Kinds of divergence (乖離) between the logs and the self-report.
const (
	UnreportedEarlyStart = "unreported-early-start" // activity began before the reported start
	UnreportedLateWork   = "unreported-late-work"   // activity went on after the reported end
	ReportedNoActivity   = "reported-no-activity"   // work reported, no PC or door activity that day
	ActivityOnDayOff     = "activity-on-reported-day-off"
	NoTimesheetRow       = "activity-without-timesheet-row" // activity on a day the person's timesheet leaves out
)

// Divergence compares one person's day in the logs with the timesheet.
type Divergence struct {
	User, DisplayName, Department, Date string
	ReportedStart, ReportedEnd          *time.Time
	ActualStart, ActualEnd              *time.Time
	LeaveType                           string
	// EarlyMinutes is how long activity ran before the reported start, LateMinutes after the reported end;
	// negative when the logs start later or end earlier than reported.
	EarlyMinutes, LateMinutes      *float64
	ReportedMinutes, ActualMinutes float64
	Kinds                          []string
}

// Diverge lines the days up with the reports, person by person (accounts compared case-insensitively), and
// classifies each gap above threshold minutes. People without any report are left out: their timesheets were
// not imported, which says nothing about them. Only the dates in dates are considered, and none before the
// logs' first day.
func Diverge(users []User, reports []Report, threshold float64, dates func(string) bool) []Divergence {
	type key struct{ user, date string }
	byDay := map[key]*Day{}
	names := map[string]User{}
	for _, u := range users {
		names[strings.ToLower(u.Name)] = u
		for i := range u.Days {
			if dates(u.Days[i].Date) {
				byDay[key{strings.ToLower(u.Name), u.Days[i].Date}] = &u.Days[i]
			}
		}
	}
	// Days before the logs' first day (anyone's) are before Kansa collected logs: an imported timesheet history
	// has nothing to be compared with there, and every reported day would read as reported-no-activity.
	first := ""
	for _, u := range users {
		for _, d := range u.Days {
			if first == "" || d.Date < first {
				first = d.Date
			}
		}
	}
	reported := map[key]Report{}
	people := map[string]bool{}
	for _, r := range reports {
		people[strings.ToLower(r.User)] = true
		if dates(r.Date) && first != "" && r.Date >= first {
			reported[key{strings.ToLower(r.User), r.Date}] = r
		}
	}
	var out []Divergence
	seen := map[key]bool{}
	visit := func(k key) {
		if seen[k] || !people[k.user] {
			return
		}
		seen[k] = true
		r, hasReport := reported[k]
		d := byDay[k]
		v := Divergence{User: r.User, DisplayName: r.DisplayName, Department: r.Department, Date: k.date, LeaveType: r.LeaveType}
		if u, ok := names[k.user]; ok {
			v.User = u.Name
			if u.DisplayName != "" {
				v.DisplayName = u.DisplayName
			}
			if u.Department != "" {
				v.Department = u.Department
			}
		}
		if r.WorkedMinutes != nil {
			v.ReportedMinutes = *r.WorkedMinutes
		}
		v.ReportedStart, v.ReportedEnd = r.ClockIn, r.ClockOut
		if d != nil {
			start, end := d.FirstActivity, d.End
			v.ActualStart, v.ActualEnd = &start, &end
			v.ActualMinutes = d.WorkingMinutes
		}
		workReported := hasReport && r.ClockIn != nil && r.ClockOut != nil
		switch {
		case d == nil && workReported:
			v.Kinds = append(v.Kinds, ReportedNoActivity)
		case d != nil && workReported:
			early := r.ClockIn.Sub(d.FirstActivity).Minutes()
			late := d.End.Sub(*r.ClockOut).Minutes()
			v.EarlyMinutes, v.LateMinutes = &early, &late
			if early > threshold {
				v.Kinds = append(v.Kinds, UnreportedEarlyStart)
			}
			if late > threshold {
				v.Kinds = append(v.Kinds, UnreportedLateWork)
			}
		case d != nil && hasReport && d.WorkingMinutes > threshold:
			v.Kinds = append(v.Kinds, ActivityOnDayOff)
		case d != nil && !hasReport && d.WorkingMinutes > threshold:
			v.Kinds = append(v.Kinds, NoTimesheetRow)
		}
		out = append(out, v)
	}
	for k := range reported {
		visit(k)
	}
	for k := range byDay {
		visit(k)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].User < out[j].User
	})
	return out
}
