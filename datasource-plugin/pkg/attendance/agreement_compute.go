package attendance

import (
	"sort"
	"time"
)

// statutoryDay and statutoryWeek are the Labour Standards Act art. 32 hours beyond which work is 時間外労働.
const (
	statutoryDay  = 8 * 60.0
	statutoryWeek = 40 * 60.0
)

// Month is one person's minutes in one calendar month, split the way art. 36 and art. 37 count them.
type Month struct {
	// Overtime is 時間外労働: DailyOvertime (beyond 8 h in a day) plus WeeklyOvertime (beyond 40 h in a
	// week among the hours not already over 8 h a day). Statutory holiday work is not in it.
	Overtime, DailyOvertime, WeeklyOvertime float64
	// WithinStatutory is 法定内残業: beyond the scheduled day but within the statutory 8 h / 40 h.
	WithinStatutory float64
	// HolidayWork is 法定休日労働, counted by calendar date 0:00-24:00: a night shift into the statutory
	// holiday is holiday work from midnight on.
	HolidayWork float64
	LateNight   float64
}

// Total is what the 100-hour and 80-hour-average caps count: overtime plus statutory holiday work.
func (m Month) Total() float64 { return m.Overtime + m.HolidayWork }

// Months splits one person's days into months. A shift belongs to the working day it started on (its month
// and week), except the part worked on a statutory holiday, which belongs to that date.
func Months(c Config, a AgreementConfig, days []Day) map[string]*Month {
	out := map[string]*Month{}
	month := func(date string) *Month {
		k := date[:7]
		if out[k] == nil {
			out[k] = &Month{}
		}
		return out[k]
	}
	weekly := map[string]float64{} // hours within 8 h a day so far, by week start
	for _, d := range days {
		ordinary := 0.0
		for _, iv := range d.Intervals {
			if iv.State != Working {
				continue
			}
			for _, part := range splitAtMidnight(iv.Start.In(c.Location), iv.End.In(c.Location)) {
				minutes := part.End.Sub(part.Start).Minutes()
				if a.statutoryHoliday(part.Start) {
					month(part.Start.Format(time.DateOnly)).HolidayWork += minutes
				} else {
					ordinary += minutes
				}
			}
		}
		m := month(d.Date)
		m.LateNight += d.LateNightMinutes
		daily := max(0, ordinary-statutoryDay)
		within := ordinary - daily
		week := weekStart(c, a, d.Date)
		before := weekly[week]
		weekly[week] = before + within
		weeklyOver := max(0, weekly[week]-max(before, statutoryWeek))
		scheduled := c.StandardDayMinutes
		if d.Holiday {
			scheduled = 0
		}
		m.DailyOvertime += daily
		m.WeeklyOvertime += weeklyOver
		m.Overtime += daily + weeklyOver
		m.WithinStatutory += max(0, within-weeklyOver-min(scheduled, statutoryDay))
	}
	return out
}

// splitAtMidnight cuts [from, to) at every local midnight.
func splitAtMidnight(from, to time.Time) []Interval {
	var parts []Interval
	for from.Before(to) {
		y, m, d := from.Date()
		next := time.Date(y, m, d+1, 0, 0, 0, 0, from.Location())
		end := minTime(next, to)
		parts = append(parts, Interval{Start: from, End: end, State: Working})
		from = end
	}
	return parts
}

func weekStart(c Config, a AgreementConfig, date string) string {
	t, _ := time.ParseInLocation(time.DateOnly, date, c.Location)
	back := (int(t.Weekday()) - int(a.WeekStart) + 7) % 7
	return t.AddDate(0, 0, -back).Format(time.DateOnly)
}

// Status of a person against the agreement.
const (
	StatusOK        = "ok"
	StatusWarning   = "warning"
	StatusViolation = "violation"
)

// Warning codes, each naming the limit concerned.
const (
	WarnMonthlyEarly = "monthly-limit-early"    // WarnRatio of the monthly limit reached by the 15th
	WarnMonthlyPace  = "monthly-limit-pace"     // the month's pace ends above the monthly limit
	WarnMonthlyOver  = "monthly-limit-over"     // above the monthly limit (a breach without special clause)
	WarnMonthsOver   = "special-months-over"    // more months above the monthly limit than the clause allows
	WarnMonthsLast   = "special-months-used-up" // every month the clause allows is used
	WarnTotalCap     = "monthly-100h"           // overtime + holiday work reached 100 h
	WarnTotalCapPace = "monthly-100h-pace"      // the month's pace reaches 100 h
	WarnAverageCap   = "average-80h"            // some 2-6-month average above 80 h
	WarnAverageNear  = "average-80h-near"       // some 2-6-month average at WarnRatio of 80 h
	WarnAnnualOver   = "annual-limit-over"      // the year's overtime above the annual limit
	WarnAnnualNear   = "annual-limit-near"      // the year's overtime at WarnRatio of the annual limit
)

// Standing is one person's month against the 36協定.
type Standing struct {
	User, DisplayName, Department string
	Month                         string // YYYY-MM
	This                          Month
	// Averages[k] is the average of Total over the k+2 months ending with this one (2..6 months).
	Averages [5]float64
	// YearToDate is the overtime of the agreement year up to and including this month.
	YearToDate float64
	// MonthsOver counts the agreement year's months, this one included, with overtime above the monthly limit.
	MonthsOver int
	// Projected* extrapolate this month at its pace so far over the scheduled working days.
	ProjectedOvertime, ProjectedTotal float64
	MonthlyLimit, AnnualLimit         float64
	Status                            string
	Warnings                          []string
	// TimesheetMonths are the months up to this one counted from the imported timesheet (no logs for them).
	TimesheetMonths []string
}

// Agreement36 works out each user's standing in the month that starts at monthStart (local midnight of the
// 1st). The users' days must reach back to the agreement year's start and five months before this month.
func Agreement36(c Config, as Agreements, users []User, monthStart time.Time, now time.Time) []Standing {
	monthStart = monthStart.In(c.Location)
	key := monthStart.Format("2006-01")
	out := make([]Standing, 0, len(users))
	for _, u := range users {
		uc := c.ForCalendar(u.Calendar)
		cal, onCalendar := c.Calendars[u.Calendar]
		a := as.For(u.Department).withCalendar(cal, onCalendar)
		months := Months(uc, a, u.Days)
		get := func(k string) Month {
			if m := months[k]; m != nil {
				return *m
			}
			return Month{}
		}
		s := Standing{User: u.Name, DisplayName: u.DisplayName, Department: u.Department, Month: key, This: get(key)}
		if _, ok := months[key]; !ok && !hasDayIn(u.Days, key) {
			continue // nobody to report on: no work this month
		}
		sum := s.This.Total()
		for k := 2; k <= 6; k++ {
			sum += get(monthStart.AddDate(0, -(k - 1), 0).Format("2006-01")).Total()
			s.Averages[k-2] = sum / float64(k)
		}
		yearStart := time.Date(monthStart.Year(), a.YearStartMonth, 1, 0, 0, 0, 0, c.Location)
		if yearStart.After(monthStart) {
			yearStart = yearStart.AddDate(-1, 0, 0)
		}
		for m := yearStart; !m.After(monthStart); m = m.AddDate(0, 1, 0) {
			o := get(m.Format("2006-01")).Overtime
			s.YearToDate += o
			if o > a.MonthlyLimit {
				s.MonthsOver++
			}
		}
		elapsed, total := scheduledDays(uc, monthStart, now)
		s.ProjectedOvertime, s.ProjectedTotal = s.This.Overtime, s.This.Total()
		if elapsed > 0 && elapsed < total {
			s.ProjectedOvertime = s.This.Overtime * float64(total) / float64(elapsed)
			s.ProjectedTotal = s.This.Total() * float64(total) / float64(elapsed)
		}
		s.MonthlyLimit, s.AnnualLimit = a.MonthlyLimit, a.AnnualLimit
		if a.SpecialClause {
			s.AnnualLimit = a.SpecialAnnualLimit
		}
		for _, m := range u.TimesheetMonths {
			if m <= key {
				s.TimesheetMonths = append(s.TimesheetMonths, m)
			}
		}
		judge(&s, a, monthStart, now, elapsed < total, 2*elapsed >= total)
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].User < out[j].User })
	return out
}

func hasDayIn(days []Day, month string) bool {
	for _, d := range days {
		if d.Date[:7] == month {
			return true
		}
	}
	return false
}

// scheduledDays counts the month's scheduled working days, and those up to and including today.
func scheduledDays(c Config, monthStart, now time.Time) (elapsed, total int) {
	today := c.WorkdayOf(now)
	for d := monthStart; d.Month() == monthStart.Month(); d = d.AddDate(0, 0, 1) {
		date := d.Format(time.DateOnly)
		if c.dayOff(d) {
			continue
		}
		total++
		if date <= today {
			elapsed++
		}
	}
	return elapsed, total
}

// judge sets the warnings and the status. Without a special clause the monthly and annual limits are
// absolute; with one, months above the monthly limit are allowed up to the clause's count. The 100-hour
// and 80-hour-average caps bind either way.
//
// A pace is only judged once half the month's scheduled days have passed (paced): one long first day
// projects to far above 45 h and would warn half the company on the 1st; the first half has the
// 80 %-by-the-15th warning instead.
func judge(s *Standing, a AgreementConfig, monthStart, now time.Time, open, paced bool) {
	violation := false
	warn := func(code string, breach bool) {
		s.Warnings = append(s.Warnings, code)
		violation = violation || breach
	}
	m := s.This
	switch {
	case m.Overtime > a.MonthlyLimit:
		warn(WarnMonthlyOver, !a.SpecialClause)
	case open && now.In(monthStart.Location()).Day() <= 15 && m.Overtime >= a.WarnRatio*a.MonthlyLimit:
		warn(WarnMonthlyEarly, false)
	case open && paced && s.ProjectedOvertime > a.MonthlyLimit:
		warn(WarnMonthlyPace, false)
	}
	if a.SpecialClause {
		switch {
		case s.MonthsOver > a.SpecialMonths:
			warn(WarnMonthsOver, true)
		case s.MonthsOver == a.SpecialMonths && s.MonthsOver > 0:
			warn(WarnMonthsLast, false)
		}
	}
	switch {
	case m.Total() >= a.MonthlyTotalCap:
		warn(WarnTotalCap, true)
	case open && paced && s.ProjectedTotal >= a.MonthlyTotalCap:
		warn(WarnTotalCapPace, false)
	}
	highest := 0.0
	for _, v := range s.Averages {
		highest = max(highest, v)
	}
	switch {
	case highest > a.AverageCap:
		warn(WarnAverageCap, true)
	case highest >= a.WarnRatio*a.AverageCap:
		warn(WarnAverageNear, false)
	}
	switch {
	case s.YearToDate > s.AnnualLimit:
		warn(WarnAnnualOver, true)
	case s.YearToDate >= a.WarnRatio*s.AnnualLimit:
		warn(WarnAnnualNear, false)
	}
	switch {
	case violation:
		s.Status = StatusViolation
	case len(s.Warnings) > 0:
		s.Status = StatusWarning
	default:
		s.Status = StatusOK
	}
}
