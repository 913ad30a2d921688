package attendance

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nightRota is a night-shift calendar: 22:00-07:00 with an hour's break (8 h scheduled), Wednesday off and
// the 法定休日, every other day a working day (weekends included).
var nightRota = Calendar{WeeklyHolidays: []int{3}, ShiftStart: ptr("22:00"), ShiftEnd: ptr("07:00"), StatutoryHolidayWeekday: ptr(3)}

func nightShiftEvents(user, calendar string, pairs ...[2]string) []Event {
	var out []Event
	for _, p := range pairs {
		out = append(out,
			Event{Time: jst(p[0]), User: user, Calendar: calendar, Transition: TransitionStart},
			Event{Time: jst(p[1]), User: user, Calendar: calendar, Transition: TransitionEnd})
	}
	return out
}

func TestCalendarFromTheDirectoryCountsTheNightShift(t *testing.T) {
	c := office(t, Workday{Calendars: map[string]Calendar{"jp-night-shift": nightRota}})
	as := c.Agreements
	// Saturday 22:00 to Sunday 07:00 (540 min), and Wednesday 22:00 to Thursday 07:00 (540 min).
	shifts := [][2]string{{"2026-10-03 22:00", "2026-10-04 07:00"}, {"2026-10-07 22:00", "2026-10-08 07:00"}}
	events := append(nightShiftEvents("kato", "jp-night-shift", shifts...), nightShiftEvents("ito", "", shifts...)...)
	users := Compute(c, events, jst("2026-11-02 12:00"))
	require.Len(t, users, 2)
	ito, kato := users[0], users[1]
	require.Equal(t, "kato", kato.Name)
	assert.Equal(t, "jp-night-shift", kato.Calendar)

	// On the rota Saturday is a working day with an 8-hour schedule: 1 h over it. On the company calendar
	// Saturday is a day off, so every minute is off-schedule.
	assert.False(t, kato.Days[0].Holiday)
	assert.Equal(t, 60.0, kato.Days[0].OvertimeMinutes)
	assert.True(t, ito.Days[0].Holiday)
	assert.Equal(t, 540.0, ito.Days[0].OvertimeMinutes)
	// Wednesday is the rota's day off.
	assert.True(t, kato.Days[1].Holiday)
	assert.False(t, ito.Days[1].Holiday)

	ms := jst("2026-10-01 00:00")
	got := Agreement36(c, as, users, ms, jst("2026-11-02 12:00"))
	require.Len(t, got, 2)
	// The company's 法定休日 is Sunday: 7 h of Saturday's shift fall on it (holiday work); the other 2 h
	// and Wednesday's 9 h (1 h beyond 8 h) are ordinary.
	assert.Equal(t, 7*60.0, got[0].This.HolidayWork)
	assert.Equal(t, 60.0, got[0].This.Overtime)
	// The rota's 法定休日 is Wednesday: Saturday's 9 h are 1 h beyond 8 h; Wednesday 22:00-24:00 is holiday
	// work and the 7 h after midnight are Thursday's ordinary hours of the same shift, within 8 h.
	assert.Equal(t, 2*60.0, got[1].This.HolidayWork)
	assert.Equal(t, 60.0, got[1].This.Overtime)
}

func TestCalendarScheduledDaysDriveTheProjection(t *testing.T) {
	// A rota that works every day but Wednesday has 27 scheduled days in October 2026 (four Wednesdays off);
	// by the 10th (9 scheduled days: the 7th is off) 20 h of overtime runs at 20 × 27 / 9 = 60 h.
	c := office(t, Workday{Calendars: map[string]Calendar{"rota": {WeeklyHolidays: []int{3}}}})
	days := busyMonth(c, 2026, 10, 20, 0) // 5 weekdays of 4 h
	got := Agreement36(c, c.Agreements, []User{{Name: "kato", Calendar: "rota", Days: days}}, jst("2026-10-01 00:00"), jst("2026-10-10 12:00"))
	require.Len(t, got, 1)
	assert.InDelta(t, 60*60.0, got[0].ProjectedOvertime, 1e-9)
	// 9 of 27 days is before half the month: the pace is shown, not yet judged.
	assert.NotContains(t, got[0].Warnings, WarnMonthlyPace)
}

func TestResolveCalendarNamesTheSetting(t *testing.T) {
	for _, tc := range []struct {
		cal  Calendar
		want string
	}{
		{Calendar{ShiftStart: ptr("22:00")}, `calendars["x"]: shiftStart and shiftEnd go together`},
		{Calendar{ShiftStart: ptr("22:00"), ShiftEnd: ptr("7")}, `calendars["x"] shiftEnd "7" is not a time of day`},
		{Calendar{ShiftStart: ptr("09:00"), ShiftEnd: ptr("10:00"), BreakMinutes: ptr(60.0)}, `breakMinutes 60 is out of range`},
		{Calendar{WeeklyHolidays: []int{7}}, `weeklyHolidays: 7 is not a weekday`},
		{Calendar{StatutoryHolidays: []string{"10/4"}}, `statutoryHolidays[0] "10/4" is not a date`},
		{Calendar{StatutoryHolidayWeekday: ptr(9)}, `statutoryHolidayWeekday 9 is not a weekday`},
	} {
		_, err := Resolve(Workday{Calendars: map[string]Calendar{"x": tc.cal}})
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
	}
}
