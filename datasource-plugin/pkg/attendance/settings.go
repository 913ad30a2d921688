// Package attendance turns session events (logon, logoff, lock, unlock, power, RDP, door activity) into
// presence intervals and a daily attendance sheet: working, break, overtime and late-night minutes,
// holidays and the rest interval between days (勤務間インターバル).
package attendance

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Workday is WorkdaySettings in src/types.ts: every field optional, so a query can override the data
// source's defaults one field at a time.
type Workday struct {
	Timezone              *string  `json:"timezone,omitempty"`
	StandardDayMinutes    *float64 `json:"standardDayMinutes,omitempty"`
	BreakThresholdMinutes *float64 `json:"breakThresholdMinutes,omitempty"`
	GraceMinutes          *float64 `json:"graceMinutes,omitempty"`
	LateNightStart        *string  `json:"lateNightStart,omitempty"`
	LateNightEnd          *string  `json:"lateNightEnd,omitempty"`
	WeeklyHolidays        []int    `json:"weeklyHolidays,omitempty"`
	Holidays              []string `json:"holidays,omitempty"`
	RestIntervalHours     *float64 `json:"restIntervalHours,omitempty"`
	DayBoundaryHour       *int     `json:"dayBoundaryHour,omitempty"`
	// Agreement36 is the company's 36協定 (agreement.go); it lives with the working-day rules so the data
	// source's jsonData.workday holds every attendance setting and a query can override it like the rest.
	Agreement36 *Agreement `json:"agreement36,omitempty"`
	// DivergenceThresholdMinutes is the gap between the logs and the timesheet above which a day is 乖離.
	DivergenceThresholdMinutes *float64 `json:"divergenceThresholdMinutes,omitempty"`
	// TimesheetIndexPattern is where `kansa timesheet import` put the self-reports; empty is the registry's.
	TimesheetIndexPattern *string `json:"timesheetIndexPattern,omitempty"`
	// Calendars are the working calendars the directory's calendar column names (calendar.go), by name.
	Calendars map[string]Calendar `json:"calendars,omitempty"`
}

// Config is a resolved, validated Workday.
type Config struct {
	Location              *time.Location
	StandardDayMinutes    float64
	BreakThresholdMinutes float64
	Grace                 time.Duration
	// LateNightStart and LateNightEnd are minutes after local midnight; the window wraps past midnight
	// when the end is not after the start.
	LateNightStart, LateNightEnd int
	WeeklyHolidays               map[time.Weekday]bool
	Holidays                     map[string]bool
	// WorkingDays are dates worked although they are days off (a calendar's rota); empty for the company.
	WorkingDays                map[string]bool
	Calendars                  map[string]CalendarConfig
	RestIntervalHours          float64
	DayBoundaryHour            int
	Agreements                 Agreements
	DivergenceThresholdMinutes float64
	TimesheetIndexPattern      string
}

func ptr[T any](v T) *T { return &v }

// Defaults are the rules of a Japanese office: Asia/Tokyo, 8-hour day, Saturday and Sunday off, late
// night 22:00-05:00 as in the Labour Standards Act, an 11-hour rest interval, days starting at 05:00.
func Defaults() Workday {
	return Workday{
		Timezone:              ptr("Asia/Tokyo"),
		StandardDayMinutes:    ptr(480.0),
		BreakThresholdMinutes: ptr(60.0),
		GraceMinutes:          ptr(30.0),
		LateNightStart:        ptr("22:00"),
		LateNightEnd:          ptr("05:00"),
		WeeklyHolidays:        []int{0, 6},
		RestIntervalHours:     ptr(11.0),
		DayBoundaryHour:       ptr(5),
		// 30 minutes: a commute from the door to the desk, or shutting down, is not a gap worth asking about.
		DivergenceThresholdMinutes: ptr(30.0),
	}
}

// Merge returns w with every field that over sets replaced.
func (w Workday) Merge(over *Workday) Workday {
	if over == nil {
		return w
	}
	if over.Timezone != nil {
		w.Timezone = over.Timezone
	}
	if over.StandardDayMinutes != nil {
		w.StandardDayMinutes = over.StandardDayMinutes
	}
	if over.BreakThresholdMinutes != nil {
		w.BreakThresholdMinutes = over.BreakThresholdMinutes
	}
	if over.GraceMinutes != nil {
		w.GraceMinutes = over.GraceMinutes
	}
	if over.LateNightStart != nil {
		w.LateNightStart = over.LateNightStart
	}
	if over.LateNightEnd != nil {
		w.LateNightEnd = over.LateNightEnd
	}
	if over.WeeklyHolidays != nil {
		w.WeeklyHolidays = over.WeeklyHolidays
	}
	if over.Holidays != nil {
		w.Holidays = over.Holidays
	}
	if over.RestIntervalHours != nil {
		w.RestIntervalHours = over.RestIntervalHours
	}
	if over.DayBoundaryHour != nil {
		w.DayBoundaryHour = over.DayBoundaryHour
	}
	if over.DivergenceThresholdMinutes != nil {
		w.DivergenceThresholdMinutes = over.DivergenceThresholdMinutes
	}
	if over.TimesheetIndexPattern != nil {
		w.TimesheetIndexPattern = over.TimesheetIndexPattern
	}
	if over.Calendars != nil {
		w.Calendars = over.Calendars
	}
	if over.Agreement36 != nil {
		var base Agreement
		if w.Agreement36 != nil {
			base = *w.Agreement36
		}
		merged := base.merge(over.Agreement36)
		w.Agreement36 = &merged
	}
	return w
}

var clock = regexp.MustCompile(`^([01]?[0-9]|2[0-3]):([0-5][0-9])$`)

func minutesOf(name, v string) (int, error) {
	m := clock.FindStringSubmatch(v)
	if m == nil {
		return 0, fmt.Errorf("workday %s %q is not a time of day HH:MM", name, v)
	}
	h, _ := strconv.Atoi(m[1])
	mm, _ := strconv.Atoi(m[2])
	return h*60 + mm, nil
}

// Resolve fills the defaults under w and checks every value, naming the setting at fault.
func Resolve(w Workday) (Config, error) {
	w = Defaults().Merge(&w)
	var c Config
	loc, err := time.LoadLocation(*w.Timezone)
	if err != nil || *w.Timezone == "" {
		return c, fmt.Errorf("workday timezone %q is not an IANA time zone such as Asia/Tokyo", *w.Timezone)
	}
	c.Location = loc
	for name, v := range map[string]float64{
		"standardDayMinutes": *w.StandardDayMinutes, "breakThresholdMinutes": *w.BreakThresholdMinutes,
		"graceMinutes": *w.GraceMinutes, "restIntervalHours": *w.RestIntervalHours,
		"divergenceThresholdMinutes": *w.DivergenceThresholdMinutes,
	} {
		if v < 0 || v > 24*60 {
			return c, fmt.Errorf("workday %s %v is out of range (0 to 1440)", name, v)
		}
	}
	c.StandardDayMinutes = *w.StandardDayMinutes
	c.BreakThresholdMinutes = *w.BreakThresholdMinutes
	c.Grace = time.Duration(*w.GraceMinutes * float64(time.Minute))
	c.RestIntervalHours = *w.RestIntervalHours
	c.DivergenceThresholdMinutes = *w.DivergenceThresholdMinutes
	if w.TimesheetIndexPattern != nil {
		c.TimesheetIndexPattern = *w.TimesheetIndexPattern
	}
	if c.LateNightStart, err = minutesOf("lateNightStart", *w.LateNightStart); err != nil {
		return c, err
	}
	if c.LateNightEnd, err = minutesOf("lateNightEnd", *w.LateNightEnd); err != nil {
		return c, err
	}
	c.WeeklyHolidays = map[time.Weekday]bool{}
	for _, d := range w.WeeklyHolidays {
		if d < 0 || d > 6 {
			return c, fmt.Errorf("workday weeklyHolidays: %d is not a weekday (0 = Sunday to 6 = Saturday)", d)
		}
		c.WeeklyHolidays[time.Weekday(d)] = true
	}
	c.Holidays = map[string]bool{}
	for i, d := range w.Holidays {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return c, fmt.Errorf("workday holidays[%d] %q is not a date YYYY-MM-DD", i, d)
		}
		c.Holidays[d] = true
	}
	if h := *w.DayBoundaryHour; h < 0 || h > 23 {
		return c, fmt.Errorf("workday dayBoundaryHour %d is out of range (0 to 23)", h)
	}
	c.DayBoundaryHour = *w.DayBoundaryHour
	c.WorkingDays = map[string]bool{}
	c.Calendars = map[string]CalendarConfig{}
	for name, cal := range w.Calendars {
		if c.Calendars[name], err = resolveCalendar(name, cal, c); err != nil {
			return c, err
		}
	}
	var a Agreement
	if w.Agreement36 != nil {
		a = *w.Agreement36
	}
	if c.Agreements, err = ResolveAgreement(a); err != nil {
		return c, err
	}
	return c, nil
}
