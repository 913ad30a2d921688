package attendance

import (
	"fmt"
	"time"
)

// Calendar is a working calendar the directory's calendar column names (kansa.user.calendar on the events):
// a shift rota or a night shift. Every field is optional; what is left out is the company's.
type Calendar struct {
	// WeeklyHolidays and Holidays are the calendar's days off; WorkingDays are dates worked although they
	// fall on one (a rota that works some weekends).
	WeeklyHolidays []int    `json:"weeklyHolidays,omitempty"`
	Holidays       []string `json:"holidays,omitempty"`
	WorkingDays    []string `json:"workingDays,omitempty"`
	// ShiftStart and ShiftEnd are the scheduled shift, HH:MM local; an end not after the start is the next
	// morning (a night shift across midnight). BreakMinutes is the scheduled break inside it (default 60).
	// The scheduled day is the shift less its break: work beyond it is 法定内残業 up to 8 h.
	ShiftStart   *string  `json:"shiftStart,omitempty"`
	ShiftEnd     *string  `json:"shiftEnd,omitempty"`
	BreakMinutes *float64 `json:"breakMinutes,omitempty"`
	// StatutoryHolidayWeekday and StatutoryHolidays are the calendar's 法定休日 (one a week, art. 35),
	// replacing the 36協定's for the people on it (-1 with a date list for a rota).
	StatutoryHolidayWeekday *int     `json:"statutoryHolidayWeekday,omitempty"`
	StatutoryHolidays       []string `json:"statutoryHolidays,omitempty"`
}

// CalendarConfig is a resolved, validated Calendar.
type CalendarConfig struct {
	WeeklyHolidays map[time.Weekday]bool
	Holidays       map[string]bool
	WorkingDays    map[string]bool
	// StandardDayMinutes is the scheduled day (shift less break); 0 when the calendar names no shift.
	StandardDayMinutes float64
	// ShiftStart and ShiftEnd are minutes after local midnight, -1 without a shift.
	ShiftStart, ShiftEnd int
	// StatutoryWeekday is nil when the calendar leaves the 法定休日 to the agreement.
	StatutoryWeekday *int
	StatutoryDates   map[string]bool
}

func resolveCalendar(name string, cal Calendar, company Config) (CalendarConfig, error) {
	where := fmt.Sprintf("workday calendars[%q]", name)
	out := CalendarConfig{WeeklyHolidays: company.WeeklyHolidays, Holidays: company.Holidays, WorkingDays: map[string]bool{}, ShiftStart: -1, ShiftEnd: -1}
	if cal.WeeklyHolidays != nil {
		out.WeeklyHolidays = map[time.Weekday]bool{}
		for _, d := range cal.WeeklyHolidays {
			if d < 0 || d > 6 {
				return out, fmt.Errorf("%s weeklyHolidays: %d is not a weekday (0 = Sunday to 6 = Saturday)", where, d)
			}
			out.WeeklyHolidays[time.Weekday(d)] = true
		}
	}
	dates := func(field string, list []string) (map[string]bool, error) {
		m := map[string]bool{}
		for i, d := range list {
			if _, err := time.Parse(time.DateOnly, d); err != nil {
				return nil, fmt.Errorf("%s %s[%d] %q is not a date YYYY-MM-DD", where, field, i, d)
			}
			m[d] = true
		}
		return m, nil
	}
	var err error
	if cal.Holidays != nil {
		if out.Holidays, err = dates("holidays", cal.Holidays); err != nil {
			return out, err
		}
	}
	if out.WorkingDays, err = dates("workingDays", cal.WorkingDays); err != nil {
		return out, err
	}
	if (cal.ShiftStart == nil) != (cal.ShiftEnd == nil) {
		return out, fmt.Errorf("%s: shiftStart and shiftEnd go together", where)
	}
	if cal.ShiftStart != nil {
		if out.ShiftStart, err = minutesOf(fmt.Sprintf("calendars[%q] shiftStart", name), *cal.ShiftStart); err != nil {
			return out, err
		}
		if out.ShiftEnd, err = minutesOf(fmt.Sprintf("calendars[%q] shiftEnd", name), *cal.ShiftEnd); err != nil {
			return out, err
		}
		length := float64(out.ShiftEnd - out.ShiftStart)
		if length <= 0 {
			length += 24 * 60 // across midnight
		}
		breaks := 60.0
		if cal.BreakMinutes != nil {
			breaks = *cal.BreakMinutes
		}
		if breaks < 0 || breaks >= length {
			return out, fmt.Errorf("%s breakMinutes %v is out of range (0 to less than the shift's %v minutes)", where, breaks, length)
		}
		out.StandardDayMinutes = length - breaks
	}
	if w := cal.StatutoryHolidayWeekday; w != nil {
		if *w < -1 || *w > 6 {
			return out, fmt.Errorf("%s statutoryHolidayWeekday %d is not a weekday (0 = Sunday to 6 = Saturday, -1 = none)", where, *w)
		}
		out.StatutoryWeekday = w
	}
	if out.StatutoryDates, err = dates("statutoryHolidays", cal.StatutoryHolidays); err != nil {
		return out, err
	}
	return out, nil
}

// ForCalendar is c with the working days and scheduled day of the calendar name; an unknown or empty name
// is the company's calendar.
func (c Config) ForCalendar(name string) Config {
	cal, ok := c.Calendars[name]
	if !ok {
		return c
	}
	c.WeeklyHolidays, c.Holidays, c.WorkingDays = cal.WeeklyHolidays, cal.Holidays, cal.WorkingDays
	if cal.StandardDayMinutes > 0 {
		c.StandardDayMinutes = cal.StandardDayMinutes
	}
	return c
}

// dayOff tells whether a working day (YYYY-MM-DD) is a day off in c's calendar.
func (c Config) dayOff(date time.Time) bool {
	key := date.Format(time.DateOnly)
	return (c.WeeklyHolidays[date.Weekday()] || c.Holidays[key]) && !c.WorkingDays[key]
}

// withCalendar is the agreement with the calendar's 法定休日, when the calendar names one.
func (a AgreementConfig) withCalendar(cal CalendarConfig, ok bool) AgreementConfig {
	if !ok {
		return a
	}
	if cal.StatutoryWeekday != nil {
		a.StatutoryWeekday = *cal.StatutoryWeekday
		a.StatutoryDates = cal.StatutoryDates
	} else if len(cal.StatutoryDates) > 0 {
		merged := map[string]bool{}
		for d := range a.StatutoryDates {
			merged[d] = true
		}
		for d := range cal.StatutoryDates {
			merged[d] = true
		}
		a.StatutoryDates = merged
	}
	return a
}
