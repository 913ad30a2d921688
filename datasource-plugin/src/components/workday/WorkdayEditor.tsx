import type { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, MultiSelect, Stack, TagsInput } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { useState } from 'react';

import { unescaped } from '../../i18n/language';
import { compactWorkday, isClockTime, isIsoDate, isTimeZone, WORKDAY_DEFAULTS } from '../../query/workday';
import type { WorkdaySettings } from '../../types';
import { NumberField } from '../inputs/NumberField';
import { TextField } from '../inputs/TextField';

/** Sunday first, as Date.getDay() and weeklyHolidays count. */
const weekdays = () => [
  t('workday-editor.weekday.sun', 'Sun'),
  t('workday-editor.weekday.mon', 'Mon'),
  t('workday-editor.weekday.tue', 'Tue'),
  t('workday-editor.weekday.wed', 'Wed'),
  t('workday-editor.weekday.thu', 'Thu'),
  t('workday-editor.weekday.fri', 'Fri'),
  t('workday-editor.weekday.sat', 'Sat'),
];

interface Props {
  idPrefix: string;
  value?: WorkdaySettings;
  /** What an empty input means: the data source's settings in a query, the built-in rules in the config. */
  defaults?: WorkdaySettings;
  onChange: (value: WorkdaySettings | undefined) => void;
}

/** Working-day rules; each empty input inherits its default, shown as the placeholder. */
export function WorkdayEditor({ idPrefix, value, defaults = WORKDAY_DEFAULTS, onChange }: Props) {
  const current = value ?? {};
  const [holidayError, setHolidayError] = useState<string>();
  const set = (patch: Partial<WorkdaySettings>) => onChange(compactWorkday({ ...current, ...patch }));
  const weekdayNames = weekdays();
  const weekdayOptions: Array<SelectableValue<number>> = weekdayNames.map((label, i) => ({ value: i, label }));
  const defaultWeekly = (defaults.weeklyHolidays ?? []).map((d) => weekdayNames[d]).join(', ');
  const num = (
    key: 'standardDayMinutes' | 'breakThresholdMinutes' | 'graceMinutes' | 'restIntervalHours' | 'dayBoundaryHour',
  ) => ({
    id: `${idPrefix}-${key}`,
    value: current[key],
    placeholder: defaults[key] === undefined ? undefined : String(defaults[key]),
    onChange: (v: number | undefined) => set({ [key]: v }),
  });

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <TextField
          id={`${idPrefix}-timezone`}
          label={t('workday-editor.timezone', 'Time zone')}
          tooltip={t('workday-editor.timezone-tip', 'The zone days and late-night hours are counted in (IANA name)')}
          labelWidth={24}
          value={current.timezone}
          placeholder={defaults.timezone}
          validate={(text) =>
            isTimeZone(text)
              ? undefined
              : t(
                  'workday-editor.bad-zone',
                  '"{{value}}" is not an IANA time zone (e.g. Asia/Tokyo)',
                  unescaped({ value: text }),
                )
          }
          onChange={(timezone) => set({ timezone })}
        />
        <NumberField
          {...num('dayBoundaryHour')}
          label={t('workday-editor.boundary', 'Day starts at (hour)')}
          tooltip={t('workday-editor.boundary-tip', 'Work before this local hour belongs to the previous day')}
          labelWidth={24}
          min={0}
          max={23}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <NumberField
          {...num('standardDayMinutes')}
          label={t('workday-editor.standard-day', 'Standard day (min)')}
          tooltip={t('workday-editor.standard-day-tip', 'Working time beyond this is overtime')}
          labelWidth={24}
          min={1}
          max={1440}
        />
        <NumberField
          {...num('breakThresholdMinutes')}
          label={t('workday-editor.break-threshold', 'Away after (min)')}
          tooltip={t(
            'workday-editor.break-threshold-tip',
            'A gap between sessions longer than this is away rather than a break',
          )}
          labelWidth={24}
          min={1}
          max={1440}
        />
        <NumberField
          {...num('graceMinutes')}
          label={t('workday-editor.grace', 'Missing logoff grace (min)')}
          tooltip={t('workday-editor.grace-tip', 'A session without a logoff ends at its last activity plus this')}
          labelWidth={24}
          min={0}
          max={1440}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <TextField
          id={`${idPrefix}-lateNightStart`}
          label={t('workday-editor.late-night-start', 'Late night from')}
          tooltip={t('workday-editor.late-night-tip', 'HH:MM (the Labour Standards Act counts 22:00 to 05:00)')}
          labelWidth={24}
          width={10}
          value={current.lateNightStart}
          placeholder={defaults.lateNightStart}
          validate={(text) =>
            isClockTime(text)
              ? undefined
              : t('workday-editor.bad-clock', '"{{value}}" is not a time like HH:MM', unescaped({ value: text }))
          }
          onChange={(lateNightStart) => set({ lateNightStart })}
        />
        <TextField
          id={`${idPrefix}-lateNightEnd`}
          label={t('workday-editor.late-night-end', 'Late night until')}
          tooltip={t('workday-editor.late-night-tip', 'HH:MM (the Labour Standards Act counts 22:00 to 05:00)')}
          labelWidth={24}
          width={10}
          value={current.lateNightEnd}
          placeholder={defaults.lateNightEnd}
          validate={(text) =>
            isClockTime(text)
              ? undefined
              : t('workday-editor.bad-clock', '"{{value}}" is not a time like HH:MM', unescaped({ value: text }))
          }
          onChange={(lateNightEnd) => set({ lateNightEnd })}
        />
        <NumberField
          {...num('restIntervalHours')}
          label={t('workday-editor.rest', 'Minimum rest (hours)')}
          tooltip={t('workday-editor.rest-tip', 'Minimum rest between one day’s end and the next day’s start')}
          labelWidth={24}
          min={0}
          max={24}
          integer={false}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label={t('workday-editor.weekly', 'Weekly days off')}
          labelWidth={24}
          htmlFor={`${idPrefix}-weekly`}
        >
          <MultiSelect<number>
            inputId={`${idPrefix}-weekly`}
            width={40}
            options={weekdayOptions}
            value={current.weeklyHolidays ?? []}
            placeholder={defaultWeekly}
            onChange={(days) => {
              const picked = days.map((d) => d.value).filter((d): d is number => d !== undefined);
              set({ weeklyHolidays: picked.length ? picked.sort((a, b) => a - b) : undefined });
            }}
          />
        </InlineField>
        <InlineField
          label={t('workday-editor.holidays', 'Holidays')}
          tooltip={t(
            'workday-editor.holidays-tip',
            'Public holidays and company days off (YYYY-MM-DD); type and press Enter',
          )}
          labelWidth={24}
          invalid={Boolean(holidayError)}
          error={holidayError}
          htmlFor={`${idPrefix}-holidays`}
        >
          <TagsInput
            id={`${idPrefix}-holidays`}
            width={40}
            tags={current.holidays ?? []}
            placeholder={(defaults.holidays ?? []).join(', ') || 'YYYY-MM-DD'}
            onChange={(tags) => {
              const bad = tags.find((d) => !isIsoDate(d));
              setHolidayError(
                bad
                  ? t(
                      'workday-editor.bad-date',
                      '"{{value}}" is not a date like YYYY-MM-DD and was not added',
                      unescaped({ value: bad }),
                    )
                  : undefined,
              );
              const dates = Array.from(new Set(tags.filter(isIsoDate))).sort();
              set({ holidays: dates.length ? dates : undefined });
            }}
          />
        </InlineField>
      </InlineFieldRow>
    </Stack>
  );
}
