package attendance

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The months below are worked out by hand in the comments; the engine must agree to the minute.

func office(t *testing.T, w Workday) Config {
	t.Helper()
	c, err := Resolve(w)
	require.NoError(t, err)
	return c
}

func agreement(t *testing.T, a Agreement) Agreements {
	t.Helper()
	as, err := ResolveAgreement(a)
	require.NoError(t, err)
	return as
}

// shift is one working interval as a Day, dated by the working day it starts on.
func shift(c Config, from, to string) Day {
	s, e := jst(from), jst(to)
	date := c.WorkdayOf(s)
	d, _ := time.ParseInLocation(time.DateOnly, date, c.Location)
	return Day{Date: date, FirstActivity: s, LastActivity: e, End: e, WorkingMinutes: e.Sub(s).Minutes(),
		Holiday:   c.WeeklyHolidays[d.Weekday()] || c.Holidays[date],
		Intervals: []Interval{{Start: s, End: e, State: Working}}}
}

// busyMonth gives a month overtimeHours of daily overtime (at most 4 h on each weekday from the 1st) and
// holidayHours of work on Sundays (at most 10 h each).
func busyMonth(c Config, year int, month time.Month, overtimeHours, holidayHours float64) []Day {
	var out []Day
	over, hol := overtimeHours*60, holidayHours*60
	for d := time.Date(year, month, 1, 9, 0, 0, 0, c.Location); d.Month() == month; d = d.AddDate(0, 0, 1) {
		var minutes float64
		switch {
		case d.Weekday() == time.Sunday:
			minutes = min(hol, 600)
			hol -= minutes
		case d.Weekday() == time.Saturday:
		default:
			extra := min(over, 240)
			over -= extra
			minutes = statutoryDay + extra
		}
		if minutes > 0 {
			end := d.Add(time.Duration(minutes) * time.Minute)
			out = append(out, shift(c, d.Format("2006-01-02 15:04"), end.Format("2006-01-02 15:04")))
		}
	}
	return out
}

func standing(t *testing.T, c Config, as Agreements, month, now string, days []Day) Standing {
	t.Helper()
	ms, err := time.ParseInLocation("2006-01", month, c.Location)
	require.NoError(t, err)
	got := Agreement36(c, as, []User{{Name: "yamada", Department: "開発", Days: days}}, ms, jst(now))
	require.Len(t, got, 1)
	return got[0]
}

func TestDailyOvertimeAndMidMonthWarning(t *testing.T) {
	c, as := office(t, Workday{}), agreement(t, Agreement{})
	// October 2026 has 22 weekdays; 09:00-19:00 on each is 2 h over 8 h: 44 h, under 45 h.
	var days []Day
	for d := 1; d <= 31; d++ {
		date := time.Date(2026, 10, d, 0, 0, 0, 0, c.Location)
		if wd := date.Weekday(); wd != time.Saturday && wd != time.Sunday {
			days = append(days, shift(c, date.Format("2006-01-02")+" 09:00", date.Format("2006-01-02")+" 19:00"))
		}
	}
	s := standing(t, c, as, "2026-10", "2026-11-02 12:00", days)
	assert.Equal(t, 44*60.0, s.This.Overtime)
	assert.Equal(t, 44*60.0, s.This.DailyOvertime)
	assert.Equal(t, 0.0, s.This.WeeklyOvertime)
	assert.Equal(t, 0.0, s.This.HolidayWork)
	assert.Equal(t, 0, s.MonthsOver)
	assert.Equal(t, 44*60.0, s.ProjectedOvertime) // the month is over
	assert.Equal(t, StatusOK, s.Status)
	assert.Empty(t, s.Warnings)

	// By 14 October (10 of 22 scheduled days, 20 h) the month runs at 44 h: 20 h is under 36 h (80 % of 45).
	s = standing(t, c, as, "2026-10", "2026-10-14 12:00", days[:10])
	assert.Equal(t, 20*60.0, s.This.Overtime)
	assert.InDelta(t, 44*60.0, s.ProjectedOvertime, 1e-9)
	assert.Empty(t, s.Warnings)

	// 36 h by the 15th is 80 % of 45 h: an early warning although 45 h is not reached.
	early := busyMonth(c, 2026, 10, 36, 0) // 9 weekdays of 4 h: done by 13 October
	s = standing(t, c, as, "2026-10", "2026-10-15 12:00", early)
	assert.Equal(t, 36*60.0, s.This.Overtime)
	assert.Equal(t, []string{WarnMonthlyEarly}, s.Warnings)
	assert.Equal(t, StatusWarning, s.Status)
}

func TestWeeklyFortyHoursAndStatutoryHoliday(t *testing.T) {
	c := office(t, Workday{StandardDayMinutes: ptr(420.0)}) // scheduled 7 h, statutory 8 h
	as := agreement(t, Agreement{})
	days := []Day{
		// Week of Sunday 2026-10-04: Monday to Friday 09:00-17:00 is 8 h each: 1 h 法定内 a day, 40 h in the week.
		shift(c, "2026-10-05 09:00", "2026-10-05 17:00"),
		shift(c, "2026-10-06 09:00", "2026-10-06 17:00"),
		shift(c, "2026-10-07 09:00", "2026-10-07 17:00"),
		shift(c, "2026-10-08 09:00", "2026-10-08 17:00"),
		shift(c, "2026-10-09 09:00", "2026-10-09 17:00"),
		// Saturday is a day off but not the statutory holiday: its 5 h are beyond 40 h, weekly overtime.
		shift(c, "2026-10-10 10:00", "2026-10-10 15:00"),
		// Sunday 2026-10-11 is the statutory holiday: 4 h of holiday work, not overtime.
		shift(c, "2026-10-11 10:00", "2026-10-11 14:00"),
	}
	m := Months(c, as.Company, days)["2026-10"]
	require.NotNil(t, m)
	assert.Equal(t, 5*60.0, m.Overtime)
	assert.Equal(t, 0.0, m.DailyOvertime)
	assert.Equal(t, 5*60.0, m.WeeklyOvertime)
	assert.Equal(t, 5*60.0, m.WithinStatutory)
	assert.Equal(t, 4*60.0, m.HolidayWork)
	assert.Equal(t, 9*60.0, m.Total())

	// Counted in: with Saturday as the statutory holiday the 5 h are holiday work and Sunday (the next week)
	// is ordinary work within 40 h.
	sat := agreement(t, Agreement{StatutoryHolidayWeekday: ptr(6)})
	m = Months(c, sat.Company, days)["2026-10"]
	assert.Equal(t, 0.0, m.Overtime)
	assert.Equal(t, 5*60.0, m.HolidayWork)
}

func TestNightShiftCrossingMidnightIntoTheStatutoryHoliday(t *testing.T) {
	c := office(t, Workday{})
	as := agreement(t, Agreement{})
	days := []Day{
		// Saturday 21:00 to Sunday 06:00: 3 h of Saturday's shift, 6 h of holiday work after midnight.
		shift(c, "2026-10-03 21:00", "2026-10-04 06:00"),
		// Sunday 22:00 to Monday 07:00: 2 h of holiday work, then 7 h of ordinary work.
		shift(c, "2026-10-04 22:00", "2026-10-05 07:00"),
	}
	require.Equal(t, "2026-10-03", days[0].Date)
	require.Equal(t, "2026-10-04", days[1].Date)
	m := Months(c, as.Company, days)["2026-10"]
	assert.Equal(t, 8*60.0, m.HolidayWork)
	assert.Equal(t, 0.0, m.Overtime) // 3 h and 7 h, both within 8 h a day and 40 h a week
	// A 10-hour night shift with no holiday in it is 2 h over 8 h.
	m = Months(c, as.Company, []Day{shift(c, "2026-10-06 21:00", "2026-10-07 07:00")})["2026-10"]
	assert.Equal(t, 2*60.0, m.Overtime)
	assert.Equal(t, 0.0, m.HolidayWork)
}

func TestMonthBoundary(t *testing.T) {
	c := office(t, Workday{})
	as := agreement(t, Agreement{})
	days := []Day{
		// Saturday 31 October 21:00 to Sunday 1 November 06:00: 3 h worked in October, 6 h of November
		// holiday work.
		shift(c, "2026-10-31 21:00", "2026-11-01 06:00"),
		// The week of Sunday 29 November: Monday 30 November and Tuesday to Friday in December, 8 h each,
		// make 40 h; Saturday 5 December's 8 h are weekly overtime of December.
		shift(c, "2026-11-30 09:00", "2026-11-30 17:00"),
		shift(c, "2026-12-01 09:00", "2026-12-01 17:00"),
		shift(c, "2026-12-02 09:00", "2026-12-02 17:00"),
		shift(c, "2026-12-03 09:00", "2026-12-03 17:00"),
		shift(c, "2026-12-04 09:00", "2026-12-04 17:00"),
		shift(c, "2026-12-05 09:00", "2026-12-05 17:00"),
	}
	ms := Months(c, as.Company, days)
	assert.Equal(t, 0.0, ms["2026-10"].HolidayWork)
	assert.Equal(t, 6*60.0, ms["2026-11"].HolidayWork)
	assert.Equal(t, 0.0, ms["2026-11"].Overtime)
	assert.Equal(t, 8*60.0, ms["2026-12"].Overtime)
	assert.Equal(t, 8*60.0, ms["2026-12"].WeeklyOvertime)
}

func TestLeapFebruary(t *testing.T) {
	c, as := office(t, Workday{}), agreement(t, Agreement{})
	// February 2028 has 29 days and 21 weekdays. 29 February (a Tuesday) 09:00-21:00 is 4 h overtime in it.
	days := append(busyMonth(c, 2028, 2, 22, 0), shift(c, "2028-02-29 09:00", "2028-02-29 21:00"))
	s := standing(t, c, as, "2028-02", "2028-03-01 12:00", days)
	assert.Equal(t, 26*60.0, s.This.Overtime)

	// On 15 February 11 of 21 weekdays have passed (1-4, 7-11, 14, 15): 22 h so far runs at 42 h.
	s = standing(t, c, as, "2028-02", "2028-02-15 12:00", busyMonth(c, 2028, 2, 22, 0))
	assert.InDelta(t, 42*60.0, s.ProjectedOvertime, 1e-9)
	assert.Empty(t, s.Warnings) // 22 h is under 36 h, 42 h under 45 h
	// With 24 h by the 16th the pace is 24 × 21 / 12 = 42 h; with 28 h it is 49 h, above 45 h.
	s = standing(t, c, as, "2028-02", "2028-02-16 12:00", busyMonth(c, 2028, 2, 28, 0))
	assert.InDelta(t, 49*60.0, s.ProjectedOvertime, 1e-9)
	assert.Equal(t, []string{WarnMonthlyPace}, s.Warnings)
}

func TestPaceIsNotJudgedInTheFirstHalf(t *testing.T) {
	c := office(t, Workday{})
	as := agreement(t, Agreement{})
	// Thursday 1 October 2026 09:00-21:00 is 4 h beyond 8 h: at that pace (1 of 22 days) the month would end
	// at 88 h; too early to say, so no warning until half the days have passed.
	days := []Day{shift(c, "2026-10-01 09:00", "2026-10-01 21:00")}
	s := standing(t, c, as, "2026-10", "2026-10-02 00:00", days)
	assert.Equal(t, 4*60.0, s.This.Overtime)
	assert.Greater(t, s.ProjectedOvertime, 45*60.0)
	assert.Empty(t, s.Warnings)
	assert.Equal(t, StatusOK, s.Status)
}

func TestMonthlyAndAnnualLimitsWithoutSpecialClause(t *testing.T) {
	c, as := office(t, Workday{}), agreement(t, Agreement{})
	s := standing(t, c, as, "2026-10", "2026-11-02 12:00", busyMonth(c, 2026, 10, 46, 0))
	assert.Equal(t, StatusViolation, s.Status)
	assert.Contains(t, s.Warnings, WarnMonthlyOver)

	// April 2026 to December 2026 at 40 h each is 360 h: at the annual limit, not above it (but near).
	var days []Day
	for m := time.April; m <= time.December; m++ {
		days = append(days, busyMonth(c, 2026, m, 40, 0)...)
	}
	s = standing(t, c, as, "2026-12", "2027-01-04 12:00", days)
	assert.Equal(t, 360*60.0, s.YearToDate)
	assert.NotContains(t, s.Warnings, WarnAnnualOver)
	assert.Contains(t, s.Warnings, WarnAnnualNear)
	// January 2027 still belongs to the year that started in April 2026: one more hour breaks 360 h.
	s = standing(t, c, as, "2027-01", "2027-02-01 12:00", append(days, busyMonth(c, 2027, 1, 1, 0)...))
	assert.Equal(t, 361*60.0, s.YearToDate)
	assert.Contains(t, s.Warnings, WarnAnnualOver)
	assert.Equal(t, StatusViolation, s.Status)
	// April 2027 starts a new year.
	s = standing(t, c, as, "2027-04", "2027-05-06 12:00", append(days, busyMonth(c, 2027, 4, 1, 0)...))
	assert.Equal(t, 60.0, s.YearToDate)
}

func TestSpecialClauseMonthsOver45(t *testing.T) {
	c := office(t, Workday{})
	as := agreement(t, Agreement{SpecialClause: ptr(true)})
	var days []Day
	for m := time.April; m <= time.September; m++ {
		days = append(days, busyMonth(c, 2026, m, 50, 0)...)
	}
	// Six months over 45 h are what the clause allows: the sixth uses the last one up.
	s := standing(t, c, as, "2026-09", "2026-10-01 12:00", days)
	assert.Equal(t, 6, s.MonthsOver)
	assert.Equal(t, 300*60.0, s.YearToDate)
	assert.Equal(t, StatusWarning, s.Status)
	assert.Equal(t, []string{WarnMonthlyOver, WarnMonthsLast}, s.Warnings) // 50 h averages stay under 64 h
	assert.Equal(t, 720*60.0, s.AnnualLimit)
	// The seventh is a breach.
	s = standing(t, c, as, "2026-10", "2026-11-02 12:00", append(days, busyMonth(c, 2026, 10, 50, 0)...))
	assert.Equal(t, 7, s.MonthsOver)
	assert.Contains(t, s.Warnings, WarnMonthsOver)
	assert.Equal(t, StatusViolation, s.Status)
}

func TestHundredHoursCountsHolidayWork(t *testing.T) {
	c := office(t, Workday{})
	as := agreement(t, Agreement{SpecialClause: ptr(true)})
	// 70 h overtime + 30 h on the statutory holiday = 100 h: the cap is "under 100 h", so this breaks it.
	s := standing(t, c, as, "2026-10", "2026-11-02 12:00", busyMonth(c, 2026, 10, 70, 30))
	assert.Equal(t, 70*60.0, s.This.Overtime)
	assert.Equal(t, 30*60.0, s.This.HolidayWork)
	assert.Contains(t, s.Warnings, WarnTotalCap)
	assert.Equal(t, StatusViolation, s.Status)
	// 29 h of holiday work stays under it; 45 h monthly only counts the 70 h of overtime.
	s = standing(t, c, as, "2026-10", "2026-11-02 12:00", busyMonth(c, 2026, 10, 70, 29))
	assert.NotContains(t, s.Warnings, WarnTotalCap)
	assert.Equal(t, 99*60.0, s.This.Total())
}

func TestTwoToSixMonthAverages(t *testing.T) {
	c := office(t, Workday{})
	as := agreement(t, Agreement{SpecialClause: ptr(true)})
	// September 70 h + 20 h holiday work = 90 h, October 70 h: the 2-month average is 80 h, allowed.
	days := append(busyMonth(c, 2026, 9, 70, 20), busyMonth(c, 2026, 10, 70, 0)...)
	s := standing(t, c, as, "2026-10", "2026-11-02 12:00", days)
	assert.Equal(t, 80*60.0, s.Averages[0])
	assert.Equal(t, 160*60.0/3, s.Averages[1]) // August had nothing
	assert.Equal(t, 160*60.0/6, s.Averages[4])
	assert.NotContains(t, s.Warnings, WarnAverageCap)
	assert.Contains(t, s.Warnings, WarnAverageNear)
	// One more hour of holiday work in October makes it 80.5 h: the average counts holiday work, breach.
	days = append(busyMonth(c, 2026, 9, 70, 20), busyMonth(c, 2026, 10, 70, 1)...)
	s = standing(t, c, as, "2026-10", "2026-11-02 12:00", days)
	assert.Equal(t, 80.5*60, s.Averages[0])
	assert.Contains(t, s.Warnings, WarnAverageCap)
	assert.Equal(t, StatusViolation, s.Status)
}

func TestDepartmentOverride(t *testing.T) {
	c := office(t, Workday{})
	as := agreement(t, Agreement{Departments: map[string]Agreement{"開発": {SpecialClause: ptr(true), MonthlyLimitHours: ptr(42.0)}}})
	s := standing(t, c, as, "2026-10", "2026-11-02 12:00", busyMonth(c, 2026, 10, 44, 0))
	assert.Equal(t, 42*60.0, s.MonthlyLimit)
	assert.Equal(t, StatusWarning, s.Status) // over 42 h, allowed by the department's special clause
	assert.Equal(t, []string{WarnMonthlyOver}, s.Warnings)
	assert.False(t, as.For("営業").SpecialClause)
}

func TestResolveAgreementNamesTheSetting(t *testing.T) {
	for _, tc := range []struct {
		a    Agreement
		want string
	}{
		{Agreement{MonthlyLimitHours: ptr(-1.0)}, "monthlyLimitHours"},
		{Agreement{WarnRatio: ptr(1.5)}, "warnRatio"},
		{Agreement{StatutoryHolidayWeekday: ptr(7)}, "statutoryHolidayWeekday"},
		{Agreement{YearStartMonth: ptr(13)}, "yearStartMonth"},
		{Agreement{StatutoryHolidays: []string{"2026-13-01"}}, "statutoryHolidays[0]"},
		{Agreement{Departments: map[string]Agreement{"工場": {WeekStart: ptr(9)}}}, `departments["工場"] weekStart`},
	} {
		_, err := ResolveAgreement(tc.a)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
	}
}

func TestAgreementRidesOnTheWorkday(t *testing.T) {
	company := Workday{Agreement36: &Agreement{SpecialClause: ptr(true), Departments: map[string]Agreement{"工場": {StatutoryHolidayWeekday: ptr(-1), StatutoryHolidays: []string{"2026-10-07"}}}}}
	query := Workday{Agreement36: &Agreement{MonthlyLimitHours: ptr(42.0)}}
	c, err := Resolve(company.Merge(&query))
	require.NoError(t, err)
	assert.True(t, c.Agreements.Company.SpecialClause)
	assert.Equal(t, 42*60.0, c.Agreements.Company.MonthlyLimit)
	// The factory's statutory holiday is a Wednesday of its shift calendar; it inherits the company's clause.
	f := c.Agreements.For("工場")
	assert.True(t, f.SpecialClause)
	assert.Equal(t, 42*60.0, f.MonthlyLimit)
	m := Months(c, f, []Day{shift(c, "2026-10-07 09:00", "2026-10-07 13:00"), shift(c, "2026-10-11 09:00", "2026-10-11 13:00")})["2026-10"]
	assert.Equal(t, 4*60.0, m.HolidayWork)
	_, err = Resolve(Workday{Agreement36: &Agreement{AverageCapHours: ptr(0.0)}})
	assert.ErrorContains(t, err, "averageCapHours")
}
