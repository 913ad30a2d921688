package attendance

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func report(user, date, in, out string) Report {
	r := Report{User: user, Date: date}
	if in != "" {
		i, o := jst(date+" "+in), jst(date+" "+out)
		if !o.After(i) {
			o = o.Add(24 * time.Hour)
		}
		r.ClockIn, r.ClockOut = &i, &o
		w := o.Sub(i).Minutes() - 60
		r.WorkedMinutes = &w
	}
	return r
}

func TestDiverge(t *testing.T) {
	c := office(t, Workday{})
	yamada := User{Name: "Yamada", DisplayName: "山田 太郎", Department: "開発", Days: []Day{
		shift(c, "2026-10-01 08:50", "2026-10-01 18:10"), // honest: 10 minutes each side
		shift(c, "2026-10-02 08:55", "2026-10-02 21:00"), // three hours after the reported 18:00
		shift(c, "2026-10-05 07:30", "2026-10-05 18:00"), // ninety minutes before the reported 09:00
		shift(c, "2026-10-06 08:30", "2026-10-06 18:30"), // exactly 30 minutes each side: not above the threshold
		shift(c, "2026-10-10 10:00", "2026-10-10 12:00"), // two hours on a reported day off
		shift(c, "2026-10-11 10:00", "2026-10-11 10:20"), // twenty minutes on a day off: a glance at mail
		shift(c, "2026-10-12 09:00", "2026-10-12 18:00"), // a day the timesheet leaves out
	}}
	nobody := User{Name: "suzuki", Days: []Day{shift(c, "2026-10-01 09:00", "2026-10-01 23:00")}} // no timesheet imported
	reports := []Report{
		report("yamada", "2026-10-01", "09:00", "18:00"),
		report("yamada", "2026-10-02", "09:00", "18:00"),
		report("yamada", "2026-10-05", "09:00", "18:00"),
		report("yamada", "2026-10-06", "09:00", "18:00"),
		report("yamada", "2026-10-07", "09:00", "18:00"), // reported, but no activity at all
		{User: "yamada", Date: "2026-10-10", LeaveType: "振休"},
		{User: "yamada", Date: "2026-10-11"},
		report("yamada", "2026-11-02", "09:00", "18:00"), // outside the dates asked for
	}
	october := func(d string) bool { return d >= "2026-10-01" && d <= "2026-10-31" }
	got := Diverge([]User{yamada, nobody}, reports, 30, october)
	type row struct {
		date        string
		early, late *float64
		kinds       []string
	}
	f := func(v float64) *float64 { return &v }
	var rows []row
	for _, g := range got {
		assert.Equal(t, "Yamada", g.User)
		assert.Equal(t, "山田 太郎", g.DisplayName)
		rows = append(rows, row{g.Date, g.EarlyMinutes, g.LateMinutes, g.Kinds})
	}
	require.Equal(t, []row{
		{"2026-10-01", f(10), f(10), nil},
		{"2026-10-02", f(5), f(180), []string{UnreportedLateWork}},
		{"2026-10-05", f(90), f(0), []string{UnreportedEarlyStart}},
		{"2026-10-06", f(30), f(30), nil},
		{"2026-10-07", nil, nil, []string{ReportedNoActivity}},
		{"2026-10-10", nil, nil, []string{ActivityOnDayOff}},
		{"2026-10-11", nil, nil, nil},
		{"2026-10-12", nil, nil, []string{NoTimesheetRow}},
	}, rows)
	assert.Equal(t, "振休", got[5].LeaveType)
	assert.Equal(t, 480.0, got[1].ReportedMinutes)
	assert.Equal(t, 725.0, got[1].ActualMinutes)

	// A lower threshold flags the 30-minute day on both sides.
	got = Diverge([]User{yamada}, reports, 20, october)
	assert.Equal(t, []string{UnreportedEarlyStart, UnreportedLateWork}, got[3].Kinds)
}

func TestDivergeNightShiftAcrossMidnight(t *testing.T) {
	c := office(t, Workday{})
	u := User{Name: "kato", Days: []Day{shift(c, "2026-10-03 21:00", "2026-10-04 07:10")}}
	got := Diverge([]User{u}, []Report{report("kato", "2026-10-03", "21:00", "06:00")}, 30, func(string) bool { return true })
	require.Len(t, got, 1)
	assert.Equal(t, 70.0, *got[0].LateMinutes)
	assert.Equal(t, []string{UnreportedLateWork}, got[0].Kinds)
}

func TestDivergenceLeavesOutDaysBeforeTheLogs(t *testing.T) {
	c := office(t, Workday{})
	in, out := jst("2026-09-30 09:00"), jst("2026-09-30 18:00")
	in2, out2 := jst("2026-10-01 09:00"), jst("2026-10-01 18:00")
	reports := []Report{
		// September comes from the attendance system's history: no logs were collected then.
		{User: "sato", Date: "2026-09-30", ClockIn: &in, ClockOut: &out},
		{User: "sato", Date: "2026-10-01", ClockIn: &in2, ClockOut: &out2},
	}
	all := func(string) bool { return true }
	assert.Empty(t, Diverge(nil, reports, 30, all), "no logs at all: nothing to compare")
	users := Compute(c, []Event{
		{Time: jst("2026-10-01 08:55"), User: "sato", Transition: TransitionStart},
		{Time: jst("2026-10-01 18:05"), User: "sato", Transition: TransitionEnd},
	}, jst("2026-11-01 00:00"))
	got := Diverge(users, reports, 30, all)
	require.Len(t, got, 1)
	assert.Equal(t, "2026-10-01", got[0].Date)
	assert.Empty(t, got[0].Kinds)
}
