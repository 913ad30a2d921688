package plugin

import (
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/attendance"
)

func TestTimelineRowsAreEveryChangeOfEveryUser(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 11, 2, h, m, 0, 0, time.UTC) }
	day := func(ivs ...attendance.Interval) attendance.Day {
		return attendance.Day{FirstActivity: ivs[0].Start, Intervals: ivs}
	}
	users := []attendance.User{
		{Name: "abe", DisplayName: "阿部", Days: []attendance.Day{day(
			attendance.Interval{Start: at(1, 0), End: at(3, 0), State: attendance.Working},
			attendance.Interval{Start: at(3, 0), End: at(4, 0), State: attendance.Locked})}},
		{Name: "ito", Days: []attendance.Day{day(attendance.Interval{Start: at(2, 0), End: at(5, 0), State: attendance.Working})}},
	}
	frame, err := timelineFrame(users, backend.TimeRange{From: at(0, 0), To: at(23, 0)})
	require.NoError(t, err)
	assert.Equal(t, "attendance", frame.Name)
	require.Len(t, frame.Fields, 3)
	assert.Equal(t, "阿部", frame.Fields[1].Config.DisplayName)
	assert.Equal(t, "ito", frame.Fields[2].Config.DisplayName, "the user name stands in for a missing display name")
	var rows [][]string
	for i := 0; i < frame.Rows(); i++ {
		row := []string{frame.Fields[0].At(i).(time.Time).Format("15:04")}
		for _, f := range frame.Fields[1:] {
			v := f.At(i).(*string)
			if v == nil {
				row = append(row, "-")
			} else {
				row = append(row, *v)
			}
		}
		rows = append(rows, row)
	}
	assert.Equal(t, [][]string{
		{"01:00", "working", "-"},
		{"02:00", "working", "working"},
		{"03:00", "locked", "working"},
		{"04:00", "-", "working"},
		{"05:00", "-", "-"},
	}, rows)

	clipped, err := timelineFrame(users, backend.TimeRange{From: at(2, 30), To: at(23, 0)})
	require.NoError(t, err)
	assert.Equal(t, at(2, 30), clipped.Fields[0].At(0), "intervals are clipped to the range")
}

func TestTimelineRefusesAnUndrawableFrame(t *testing.T) {
	start := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	var users []attendance.User
	for u := 0; u < 300; u++ {
		var ivs []attendance.Interval
		for i := 0; i < 40; i++ {
			s := start.Add(time.Duration(u*40+i) * time.Second)
			ivs = append(ivs, attendance.Interval{Start: s, End: s.Add(time.Second), State: attendance.Working})
		}
		users = append(users, attendance.User{Name: string(rune('a'+u%26)) + time.Duration(u).String(), Days: []attendance.Day{{FirstActivity: start, Intervals: ivs}}})
	}
	_, err := timelineFrame(users, backend.TimeRange{From: start, To: start.Add(24 * time.Hour)})
	assert.ErrorContains(t, err, "more than 2000000 cells")
}
