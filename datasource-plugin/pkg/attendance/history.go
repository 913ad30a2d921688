package attendance

import (
	"sort"
	"strings"
	"time"
)

// WithTimesheetMonths completes the users' days with the imported timesheet for the months in which the
// logs hold none of a person's days: the months before Kansa collected their PC and door logs. The 2-6-month
// averages and the year to date of the 36協定 reach back up to a year, further than a new installation's
// logs; the attendance system's history is the record the company has for those months. A month with any
// logged day is counted from the logs alone, so the two sources are never added up. A reported day is
// one working interval from the clock-in, as long as the reported worked minutes (the clock-out less the
// break when the export has no total). Users with reports but no logs at all are added.
func WithTimesheetMonths(c Config, users []User, reports []Report) []User {
	byName := map[string]int{}
	logged := map[string]map[string]bool{} // user → months with a logged day
	for i, u := range users {
		k := strings.ToLower(u.Name)
		byName[k] = i
		logged[k] = map[string]bool{}
		for _, d := range u.Days {
			logged[k][d.Date[:7]] = true
		}
	}
	added := map[string]map[string]bool{}
	for _, r := range reports {
		if r.ClockIn == nil || r.ClockOut == nil || len(r.Date) < 7 {
			continue
		}
		k := strings.ToLower(r.User)
		month := r.Date[:7]
		if logged[k][month] {
			continue
		}
		i, ok := byName[k]
		if !ok {
			users = append(users, User{Name: r.User, DisplayName: r.DisplayName, Department: r.Department})
			i = len(users) - 1
			byName[k] = i
		}
		u := &users[i]
		worked := r.ClockOut.Sub(*r.ClockIn).Minutes()
		if r.WorkedMinutes != nil && *r.WorkedMinutes >= 0 && *r.WorkedMinutes <= worked {
			worked = *r.WorkedMinutes
		}
		uc := c.ForCalendar(u.Calendar)
		start := *r.ClockIn
		end := start.Add(time.Duration(worked * float64(time.Minute)))
		date, err := time.ParseInLocation(time.DateOnly, r.Date, c.Location)
		if err != nil {
			continue
		}
		d := Day{User: u.Name, DisplayName: u.DisplayName, Department: u.Department, Date: r.Date,
			FirstActivity: start, LastActivity: *r.ClockOut, End: *r.ClockOut, WorkingMinutes: worked,
			Holiday: uc.dayOff(date), Intervals: []Interval{{Start: start, End: end, State: Working}}}
		d.LateNightMinutes = (&tracker{c: uc}).lateNightMinutes(start, end)
		if d.Holiday {
			d.OvertimeMinutes = worked
		} else {
			d.OvertimeMinutes = max(0, worked-uc.StandardDayMinutes)
		}
		u.Days = append(u.Days, d)
		if added[k] == nil {
			added[k] = map[string]bool{}
		}
		if !added[k][month] {
			added[k][month] = true
			u.TimesheetMonths = append(u.TimesheetMonths, month)
		}
	}
	for k, i := range byName {
		if added[k] != nil {
			u := &users[i]
			sort.SliceStable(u.Days, func(a, b int) bool { return u.Days[a].Date < u.Days[b].Date })
			sort.Strings(u.TimesheetMonths)
		}
	}
	sort.SliceStable(users, func(a, b int) bool { return users[a].Name < users[b].Name })
	return users
}
