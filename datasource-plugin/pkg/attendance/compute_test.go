package attendance

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var tokyo, _ = time.LoadLocation("Asia/Tokyo")

// jst reads "2026-10-01 09:00" as Tokyo time.
func jst(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, tokyo)
	if err != nil {
		panic(err)
	}
	return t
}

func ev(at, transition string) Event {
	return Event{Time: jst(at), User: "yamada", DisplayName: "山田 太郎", Department: "開発", Transition: transition}
}

// farFuture is a clock after every test event, so no session counts as still open.
var farFuture = jst("2027-01-01 00:00")

func days(t *testing.T, w Workday, now time.Time, events ...Event) []Day {
	t.Helper()
	c, err := Resolve(w)
	require.NoError(t, err)
	users := Compute(c, events, now)
	require.Len(t, users, 1)
	return users[0].Days
}

func TestLockBreakInsideTheDay(t *testing.T) {
	d := days(t, Workday{}, farFuture,
		ev("2026-10-01 09:00", "start"), ev("2026-10-01 12:00", "lock"),
		ev("2026-10-01 12:45", "unlock"), ev("2026-10-01 18:30", "end"))
	require.Len(t, d, 1)
	assert.Equal(t, "2026-10-01", d[0].Date)
	assert.Equal(t, 525.0, d[0].WorkingMinutes) // 3h + 5h45
	assert.Equal(t, 45.0, d[0].BreakMinutes)
	assert.Equal(t, 45.0, d[0].OvertimeMinutes)
	assert.Equal(t, 0.0, d[0].LateNightMinutes)
	assert.False(t, d[0].Holiday)
	assert.False(t, d[0].MissingLogoff)
	assert.Nil(t, d[0].RestIntervalHours)
	assert.Equal(t, jst("2026-10-01 09:00"), d[0].FirstActivity)
	assert.Equal(t, jst("2026-10-01 18:30"), d[0].LastActivity)
	assert.Equal(t, []Interval{
		{jst("2026-10-01 09:00"), jst("2026-10-01 12:00"), Working},
		{jst("2026-10-01 12:00"), jst("2026-10-01 12:45"), Locked},
		{jst("2026-10-01 12:45"), jst("2026-10-01 18:30"), Working},
	}, d[0].Intervals)
}

func TestLongLockIsAwayNotBreak(t *testing.T) {
	d := days(t, Workday{}, farFuture,
		ev("2026-10-01 09:00", "start"), ev("2026-10-01 12:00", "lock"),
		ev("2026-10-01 13:30", "unlock"), ev("2026-10-01 18:00", "end"))
	assert.Equal(t, 450.0, d[0].WorkingMinutes)
	assert.Equal(t, 0.0, d[0].BreakMinutes, "90 minutes exceed the 60-minute break threshold")
}

func TestGapBetweenSessionsIsAway(t *testing.T) {
	d := days(t, Workday{}, farFuture,
		ev("2026-10-01 09:00", "start"), ev("2026-10-01 12:00", "end"),
		ev("2026-10-01 12:30", "start"), ev("2026-10-01 17:00", "power-off"))
	require.Len(t, d[0].Intervals, 3)
	assert.Equal(t, Away, d[0].Intervals[1].State)
	assert.Equal(t, 450.0, d[0].WorkingMinutes)
	assert.Equal(t, 30.0, d[0].BreakMinutes)
}

func TestNightShiftCrossingMidnightBelongsToTheDayItStarted(t *testing.T) {
	d := days(t, Workday{}, farFuture, ev("2026-10-02 20:00", "start"), ev("2026-10-03 01:30", "end"))
	require.Len(t, d, 1)
	assert.Equal(t, "2026-10-02", d[0].Date) // Friday; the day runs to 05:00 on Saturday
	assert.Equal(t, 330.0, d[0].WorkingMinutes)
	assert.Equal(t, 210.0, d[0].LateNightMinutes) // 22:00-01:30
	assert.False(t, d[0].Holiday)
	assert.Equal(t, 0.0, d[0].OvertimeMinutes)
}

func TestMissingLogoffClosesAtLastActivityPlusGrace(t *testing.T) {
	d := days(t, Workday{}, farFuture,
		ev("2026-10-05 09:00", "start"), ev("2026-10-05 17:00", "activity"),
		ev("2026-10-06 09:00", "start"), ev("2026-10-06 18:00", "end"))
	require.Len(t, d, 2)
	assert.True(t, d[0].MissingLogoff)
	assert.Equal(t, 510.0, d[0].WorkingMinutes) // 09:00-17:30
	assert.Equal(t, jst("2026-10-05 17:30"), d[0].End)
	assert.Equal(t, jst("2026-10-05 17:00"), d[0].LastActivity)
	assert.False(t, d[1].MissingLogoff)
	require.NotNil(t, d[1].RestIntervalHours)
	assert.Equal(t, 15.5, *d[1].RestIntervalHours)
	assert.False(t, d[1].RestViolation)
}

func TestGraceFollowsTheSettings(t *testing.T) {
	grace := 0.0
	d := days(t, Workday{GraceMinutes: &grace}, farFuture, ev("2026-10-05 09:00", "start"), ev("2026-10-05 17:00", "lock"))
	assert.True(t, d[0].MissingLogoff)
	assert.Equal(t, 480.0, d[0].WorkingMinutes)
	assert.Equal(t, jst("2026-10-05 17:00"), d[0].End)
}

func TestShortRestIsAViolation(t *testing.T) {
	d := days(t, Workday{}, farFuture,
		ev("2026-10-07 09:00", "start"), ev("2026-10-07 23:55", "end"),
		ev("2026-10-08 07:50", "start"), ev("2026-10-08 17:00", "end"))
	require.Len(t, d, 2)
	assert.Equal(t, 115.0, d[0].LateNightMinutes)
	require.NotNil(t, d[1].RestIntervalHours)
	assert.InDelta(t, 7.9167, *d[1].RestIntervalHours, 0.001)
	assert.True(t, d[1].RestViolation)
}

func TestWeekendAndListedHolidays(t *testing.T) {
	d := days(t, Workday{Holidays: []string{"2026-10-12"}}, farFuture,
		ev("2026-10-12 10:00", "start"), ev("2026-10-12 12:00", "end"), // Monday, スポーツの日
		ev("2026-10-13 09:00", "start"), ev("2026-10-13 18:00", "end"), // Tuesday
		ev("2026-10-17 10:12", "start"), ev("2026-10-17 16:40", "end")) // Saturday
	require.Len(t, d, 3)
	assert.True(t, d[0].Holiday)
	assert.Equal(t, 120.0, d[0].OvertimeMinutes, "all work on a day off is holiday work")
	assert.False(t, d[1].Holiday)
	assert.Equal(t, 60.0, d[1].OvertimeMinutes)
	assert.True(t, d[2].Holiday)
	assert.Equal(t, 388.0, d[2].WorkingMinutes)
	assert.Equal(t, 388.0, d[2].OvertimeMinutes)
}

func TestTimezoneMovesDaysAndLateNight(t *testing.T) {
	utc := "UTC"
	// 20:00-01:30 in Tokyo is 11:00-16:30 UTC: one ordinary afternoon.
	d := days(t, Workday{Timezone: &utc}, farFuture, ev("2026-10-02 20:00", "start"), ev("2026-10-03 01:30", "end"))
	require.Len(t, d, 1)
	assert.Equal(t, "2026-10-02", d[0].Date)
	assert.Equal(t, 0.0, d[0].LateNightMinutes)

	// 03:00 Tokyo is 18:00 UTC the day before.
	d = days(t, Workday{Timezone: &utc}, farFuture, ev("2026-10-05 03:00", "start"), ev("2026-10-05 04:00", "end"))
	assert.Equal(t, "2026-10-04", d[0].Date)
	assert.True(t, d[0].Holiday, "Sunday in UTC")
}

func TestSessionStillOpenNowIsNotMissingItsLogoff(t *testing.T) {
	d := days(t, Workday{}, jst("2026-10-05 09:10"), ev("2026-10-05 09:00", "start"))
	assert.False(t, d[0].MissingLogoff)
	assert.Equal(t, 10.0, d[0].WorkingMinutes)
}

func TestDoorActivityAfterLogoffDoesNotReopenTheDay(t *testing.T) {
	d := days(t, Workday{}, farFuture,
		ev("2026-10-01 08:12", "activity"), ev("2026-10-01 08:16", "start"),
		ev("2026-10-01 17:48", "end"), ev("2026-10-01 17:48", "power-off"), ev("2026-10-01 17:50", "activity"))
	require.Len(t, d, 1)
	assert.False(t, d[0].MissingLogoff)
	assert.Equal(t, 576.0, d[0].WorkingMinutes) // from the door at 08:12 to the logoff at 17:48
	assert.Equal(t, jst("2026-10-01 17:50"), d[0].LastActivity)
	assert.Equal(t, jst("2026-10-01 17:50"), d[0].End)
}

func TestASessionBelongsToTheDayItStarted(t *testing.T) {
	d := days(t, Workday{}, farFuture,
		ev("2026-10-06 03:00", "start"), ev("2026-10-06 04:40", "activity"),
		ev("2026-10-06 05:10", "activity"), ev("2026-10-06 06:00", "end"))
	require.Len(t, d, 1)
	assert.Equal(t, "2026-10-05", d[0].Date)
	assert.Equal(t, 180.0, d[0].WorkingMinutes)
	assert.Equal(t, 120.0, d[0].LateNightMinutes) // 03:00-05:00
	assert.False(t, d[0].MissingLogoff)
}

func TestNightShiftPastTheDayBoundary(t *testing.T) {
	d := days(t, Workday{}, farFuture,
		ev("2026-10-01 21:09", "activity"), ev("2026-10-01 21:12", "start"),
		ev("2026-10-02 05:44", "end"), ev("2026-10-02 05:44", "power-off"), ev("2026-10-02 05:47", "activity"),
		ev("2026-10-02 21:10", "start"), ev("2026-10-03 05:40", "end"))
	require.Len(t, d, 2, "the logoff and the door after it belong to the shift, not to a day of their own")
	assert.Equal(t, "2026-10-01", d[0].Date)
	assert.Equal(t, 515.0, d[0].WorkingMinutes) // 21:09-05:44
	assert.Equal(t, 420.0, d[0].LateNightMinutes)
	assert.False(t, d[0].MissingLogoff)
	assert.Equal(t, jst("2026-10-02 05:47"), d[0].LastActivity)
	assert.Equal(t, "2026-10-02", d[1].Date)
	require.NotNil(t, d[1].RestIntervalHours)
	assert.InDelta(t, 15.383, *d[1].RestIntervalHours, 0.001) // 05:47 to 21:10
}

func TestASessionLeftOpenOvernightIsAMissingLogoff(t *testing.T) {
	d := days(t, Workday{}, farFuture,
		ev("2026-10-05 09:00", "start"), ev("2026-10-05 18:00", "lock"),
		ev("2026-10-06 07:00", "power-off"), // an update restart 22 hours after the logon
		ev("2026-10-06 08:50", "power-on"), ev("2026-10-06 09:00", "start"), ev("2026-10-06 17:30", "end"))
	require.Len(t, d, 2)
	assert.True(t, d[0].MissingLogoff)
	assert.Equal(t, 540.0, d[0].WorkingMinutes)
	assert.Equal(t, jst("2026-10-05 18:30"), d[0].End)
	assert.False(t, d[1].MissingLogoff)
	assert.Equal(t, jst("2026-10-06 07:00"), d[1].FirstActivity)
	assert.Equal(t, 520.0, d[1].WorkingMinutes) // 08:50-17:30
}

func TestUsersAreSeparateAndSorted(t *testing.T) {
	c, err := Resolve(Workday{})
	require.NoError(t, err)
	other := ev("2026-10-01 10:00", "start")
	other.User, other.DisplayName = "abe", "阿部"
	users := Compute(c, []Event{ev("2026-10-01 09:00", "start"), other, ev("2026-10-01 18:00", "end")}, farFuture)
	require.Len(t, users, 2)
	assert.Equal(t, "abe", users[0].Name)
	assert.Equal(t, "yamada", users[1].Name)
	assert.Equal(t, "山田 太郎", users[1].Days[0].DisplayName)
	assert.Equal(t, 540.0, users[1].Days[0].WorkingMinutes)
}

func TestEventsAfterNowAreNotYetKnown(t *testing.T) {
	c, err := Resolve(Workday{})
	require.NoError(t, err)
	events := []Event{
		ev("2026-10-01 09:00", "start"), ev("2026-10-01 18:00", "end"),
		ev("2026-10-02 09:00", "start"), ev("2026-10-02 23:00", "end"),
	}
	// As of 2 October 00:00 only the 1st happened: the 2nd's long day must not count yet.
	users := Compute(c, events, jst("2026-10-02 00:00"))
	require.Len(t, users, 1)
	require.Len(t, users[0].Days, 1)
	assert.Equal(t, "2026-10-01", users[0].Days[0].Date)
	assert.Len(t, Compute(c, events, farFuture)[0].Days, 2)
}

func TestResolveNamesTheBadSetting(t *testing.T) {
	bad := func(w Workday) string {
		_, err := Resolve(w)
		require.Error(t, err)
		return err.Error()
	}
	zone, clock, hour := "Mars/Base", "25:00", 24
	assert.Contains(t, bad(Workday{Timezone: &zone}), `timezone "Mars/Base"`)
	assert.Contains(t, bad(Workday{LateNightStart: &clock}), `lateNightStart "25:00"`)
	assert.Contains(t, bad(Workday{DayBoundaryHour: &hour}), "dayBoundaryHour 24")
	assert.Contains(t, bad(Workday{WeeklyHolidays: []int{7}}), "weeklyHolidays: 7")
	assert.Contains(t, bad(Workday{Holidays: []string{"10/12"}}), `holidays[0] "10/12"`)
}

func TestMergeOverridesFieldByField(t *testing.T) {
	std, grace := 420.0, 10.0
	base := Workday{StandardDayMinutes: &std}
	got := base.Merge(&Workday{GraceMinutes: &grace})
	assert.Equal(t, 420.0, *got.StandardDayMinutes)
	assert.Equal(t, 10.0, *got.GraceMinutes)
	c, err := Resolve(got)
	require.NoError(t, err)
	assert.Equal(t, "Asia/Tokyo", c.Location.String())
	assert.Equal(t, 10*time.Minute, c.Grace)
}
