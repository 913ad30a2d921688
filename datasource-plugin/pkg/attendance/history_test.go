package attendance

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reportedMonth is a timesheet month: every weekday 09:00 to 09:00 + 9 h + extra (1 h break), so each
// weekday reports 8 h + extra worked.
func reportedMonth(c Config, user string, year int, month time.Month, extra time.Duration) []Report {
	var out []Report
	for d := time.Date(year, month, 1, 9, 0, 0, 0, c.Location); d.Month() == month; d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		in, out2 := d, d.Add(9*time.Hour+extra)
		worked := out2.Sub(in).Minutes() - 60
		out = append(out, Report{User: user, Department: "開発", Date: d.Format(time.DateOnly), ClockIn: &in, ClockOut: &out2, WorkedMinutes: &worked})
	}
	return out
}

func TestTimesheetMonthsCompleteTheAverages(t *testing.T) {
	c := office(t, Workday{Agreement36: &Agreement{SpecialClause: ptr(true)}})
	// The logs hold October only: 4 h over 8 h on each of its first 20 weekdays (80 h) and nothing after.
	logged := busyMonth(c, 2026, 10, 80, 0)
	// The timesheet reports September (22 weekdays) at 4 h over 8 h each: 88 h, and October at 1 h a day,
	// which the logs' October replaces.
	reports := append(reportedMonth(c, "Yamada", 2026, 9, 4*time.Hour), reportedMonth(c, "yamada", 2026, 10, time.Hour)...)
	users := WithTimesheetMonths(c, []User{{Name: "yamada", Department: "開発", Days: logged}}, reports)
	require.Len(t, users, 1)
	assert.Equal(t, []string{"2026-09"}, users[0].TimesheetMonths)
	got := Agreement36(c, c.Agreements, users, jst("2026-10-01 00:00"), jst("2026-11-02 12:00"))
	require.Len(t, got, 1)
	s := got[0]
	assert.Equal(t, 80*60.0, s.This.Overtime) // the logs' October, not the report's 22 h
	// (88 + 80) / 2 = 84 h: above the 80-hour average, a breach with or without a special clause.
	assert.Equal(t, 84*60.0, s.Averages[0])
	assert.Equal(t, 168*60.0, s.YearToDate)
	assert.Equal(t, 2, s.MonthsOver)
	assert.Contains(t, s.Warnings, WarnAverageCap)
	assert.Equal(t, StatusViolation, s.Status)
	assert.Equal(t, []string{"2026-09"}, s.TimesheetMonths)
}

func TestTimesheetMonthsAddPeopleWithoutLogsAndSkipLeave(t *testing.T) {
	c := office(t, Workday{})
	in := jst("2026-09-07 09:00")
	reports := []Report{
		{User: "sato", Date: "2026-09-08", LeaveType: "有休"}, // a day off: no times, nothing counted
	}
	for i := 0; i < 5; i++ {
		from, to := in.AddDate(0, 0, i), in.AddDate(0, 0, i).Add(12*time.Hour)
		reports = append(reports, Report{User: "sato", Date: from.Format(time.DateOnly), ClockIn: &from, ClockOut: &to})
	}
	users := WithTimesheetMonths(c, nil, reports)
	require.Len(t, users, 1)
	// Without worked minutes the report counts clock-in to clock-out: 12 h a day, 4 h over 8 h, 20 h in the
	// week (the week's 40 h within 8 h a day are not exceeded).
	m := Months(c, c.Agreements.Company, users[0].Days)["2026-09"]
	require.NotNil(t, m)
	assert.Equal(t, 20*60.0, m.Overtime, fmt.Sprint(users[0].Days))
	assert.Len(t, users[0].Days, 5)
}
