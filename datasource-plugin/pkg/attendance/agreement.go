package attendance

import (
	"fmt"
	"time"
)

// Agreement is the company's 36協定 (Labour Standards Act art. 36) as the data source's jsonData
// "agreement36" holds it. Every field is optional: the defaults are the statutory general limits, no
// special clause. Departments whose agreement differs override it field by field.
type Agreement struct {
	// MonthlyLimitHours and AnnualLimitHours cap 時間外労働 (work beyond 8 h a day or 40 h a week, statutory
	// holiday work excluded): 45 h and 360 h by art. 36(4); 42 h and 320 h under a one-year variable system.
	MonthlyLimitHours *float64 `json:"monthlyLimitHours,omitempty"`
	AnnualLimitHours  *float64 `json:"annualLimitHours,omitempty"`
	// SpecialClause (特別条項) lets up to SpecialMonthsPerYear months exceed the monthly limit and the year
	// reach SpecialAnnualLimitHours (720 h at most, art. 36(5)).
	SpecialClause           *bool    `json:"specialClause,omitempty"`
	SpecialAnnualLimitHours *float64 `json:"specialAnnualLimitHours,omitempty"`
	SpecialMonthsPerYear    *int     `json:"specialMonthsPerYear,omitempty"`
	// MonthlyTotalCapHours (100 h, reached is a breach) and AverageCapHours (80 h over every 2-6 months)
	// count overtime plus statutory holiday work and bind with or without a special clause (art. 36(6)).
	MonthlyTotalCapHours *float64 `json:"monthlyTotalCapHours,omitempty"`
	AverageCapHours      *float64 `json:"averageCapHours,omitempty"`
	// StatutoryHolidayWeekday is the weekly 法定休日 (0 = Sunday … 6 = Saturday, -1 = none: shift calendars
	// name theirs in StatutoryHolidays). Work on other days off counts towards the 40-hour week instead.
	StatutoryHolidayWeekday *int     `json:"statutoryHolidayWeekday,omitempty"`
	StatutoryHolidays       []string `json:"statutoryHolidays,omitempty"`
	// WeekStart is the first day of the 40-hour week (Sunday unless the work rules say otherwise).
	WeekStart *int `json:"weekStart,omitempty"`
	// YearStartMonth is the month the agreement's year (対象期間) starts in, 1-12.
	YearStartMonth *int `json:"yearStartMonth,omitempty"`
	// WarnRatio is the share of a limit at which a warning is raised before the limit is reached.
	WarnRatio   *float64             `json:"warnRatio,omitempty"`
	Departments map[string]Agreement `json:"departments,omitempty"`
}

// AgreementConfig is a resolved, validated Agreement for one department.
type AgreementConfig struct {
	MonthlyLimit, AnnualLimit   float64 // minutes
	SpecialClause               bool
	SpecialAnnualLimit          float64 // minutes
	SpecialMonths               int
	MonthlyTotalCap, AverageCap float64 // minutes
	StatutoryWeekday            int     // -1 = none
	StatutoryDates              map[string]bool
	WeekStart                   time.Weekday
	YearStartMonth              time.Month
	WarnRatio                   float64
}

func agreementDefaults() Agreement {
	return Agreement{
		MonthlyLimitHours: ptr(45.0), AnnualLimitHours: ptr(360.0),
		SpecialClause: ptr(false), SpecialAnnualLimitHours: ptr(720.0), SpecialMonthsPerYear: ptr(6),
		MonthlyTotalCapHours: ptr(100.0), AverageCapHours: ptr(80.0),
		StatutoryHolidayWeekday: ptr(0), WeekStart: ptr(0), YearStartMonth: ptr(4), WarnRatio: ptr(0.8),
	}
}

// merge returns a with every field over sets replaced; a department list replaces the whole list.
func (a Agreement) merge(over *Agreement) Agreement {
	if over == nil {
		return a
	}
	pick := func(dst **float64, src *float64) {
		if src != nil {
			*dst = src
		}
	}
	pick(&a.MonthlyLimitHours, over.MonthlyLimitHours)
	pick(&a.AnnualLimitHours, over.AnnualLimitHours)
	pick(&a.SpecialAnnualLimitHours, over.SpecialAnnualLimitHours)
	pick(&a.MonthlyTotalCapHours, over.MonthlyTotalCapHours)
	pick(&a.AverageCapHours, over.AverageCapHours)
	pick(&a.WarnRatio, over.WarnRatio)
	pickInt := func(dst **int, src *int) {
		if src != nil {
			*dst = src
		}
	}
	pickInt(&a.SpecialMonthsPerYear, over.SpecialMonthsPerYear)
	pickInt(&a.StatutoryHolidayWeekday, over.StatutoryHolidayWeekday)
	pickInt(&a.WeekStart, over.WeekStart)
	pickInt(&a.YearStartMonth, over.YearStartMonth)
	if over.SpecialClause != nil {
		a.SpecialClause = over.SpecialClause
	}
	if over.StatutoryHolidays != nil {
		a.StatutoryHolidays = over.StatutoryHolidays
	}
	if over.Departments != nil {
		a.Departments = over.Departments
	}
	return a
}

// Agreements is the resolved company agreement and its department overrides.
type Agreements struct {
	Company     AgreementConfig
	Departments map[string]AgreementConfig
}

// For is the agreement that binds a department.
func (as Agreements) For(department string) AgreementConfig {
	if c, ok := as.Departments[department]; ok {
		return c
	}
	return as.Company
}

// ResolveAgreement fills the defaults under a and checks every value, naming the setting at fault.
func ResolveAgreement(a Agreement) (Agreements, error) {
	company := agreementDefaults().merge(&a)
	var out Agreements
	var err error
	if out.Company, err = resolveOne(company, ""); err != nil {
		return out, err
	}
	out.Departments = map[string]AgreementConfig{}
	for dept, over := range a.Departments {
		d := company.merge(&over)
		if out.Departments[dept], err = resolveOne(d, dept); err != nil {
			return out, err
		}
	}
	return out, nil
}

func resolveOne(a Agreement, dept string) (AgreementConfig, error) {
	var c AgreementConfig
	where := "agreement36"
	if dept != "" {
		where = fmt.Sprintf("agreement36 departments[%q]", dept)
	}
	for name, v := range map[string]float64{
		"monthlyLimitHours": *a.MonthlyLimitHours, "annualLimitHours": *a.AnnualLimitHours,
		"specialAnnualLimitHours": *a.SpecialAnnualLimitHours, "monthlyTotalCapHours": *a.MonthlyTotalCapHours,
		"averageCapHours": *a.AverageCapHours,
	} {
		if v <= 0 || v > 8784 {
			return c, fmt.Errorf("%s %s %v is out of range (above 0, at most the hours of a year)", where, name, v)
		}
	}
	if r := *a.WarnRatio; r <= 0 || r > 1 {
		return c, fmt.Errorf("%s warnRatio %v is out of range (above 0 to 1)", where, r)
	}
	if n := *a.SpecialMonthsPerYear; n < 0 || n > 12 {
		return c, fmt.Errorf("%s specialMonthsPerYear %d is out of range (0 to 12)", where, n)
	}
	if w := *a.StatutoryHolidayWeekday; w < -1 || w > 6 {
		return c, fmt.Errorf("%s statutoryHolidayWeekday %d is not a weekday (0 = Sunday to 6 = Saturday, -1 = none)", where, w)
	}
	if w := *a.WeekStart; w < 0 || w > 6 {
		return c, fmt.Errorf("%s weekStart %d is not a weekday (0 = Sunday to 6 = Saturday)", where, w)
	}
	if m := *a.YearStartMonth; m < 1 || m > 12 {
		return c, fmt.Errorf("%s yearStartMonth %d is not a month (1 to 12)", where, m)
	}
	c.StatutoryDates = map[string]bool{}
	for i, d := range a.StatutoryHolidays {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return c, fmt.Errorf("%s statutoryHolidays[%d] %q is not a date YYYY-MM-DD", where, i, d)
		}
		c.StatutoryDates[d] = true
	}
	c.MonthlyLimit, c.AnnualLimit = *a.MonthlyLimitHours*60, *a.AnnualLimitHours*60
	c.SpecialClause, c.SpecialAnnualLimit, c.SpecialMonths = *a.SpecialClause, *a.SpecialAnnualLimitHours*60, *a.SpecialMonthsPerYear
	c.MonthlyTotalCap, c.AverageCap = *a.MonthlyTotalCapHours*60, *a.AverageCapHours*60
	c.StatutoryWeekday, c.WeekStart = *a.StatutoryHolidayWeekday, time.Weekday(*a.WeekStart)
	c.YearStartMonth, c.WarnRatio = time.Month(*a.YearStartMonth), *a.WarnRatio
	return c, nil
}

// statutoryHoliday tells whether a local date is the 法定休日.
func (c AgreementConfig) statutoryHoliday(date time.Time) bool {
	return int(date.Weekday()) == c.StatutoryWeekday || c.StatutoryDates[date.Format(time.DateOnly)]
}
