import type { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, MultiSelect, Stack, TagsInput } from '@grafana/ui';
import { useState } from 'react';

import { t, tf } from '../../i18n/language';
import { compactWorkday, isClockTime, isIsoDate, isTimeZone, WORKDAY_DEFAULTS } from '../../query/workday';
import type { WorkdaySettings } from '../../types';
import { NumberField } from '../inputs/NumberField';
import { TextField } from '../inputs/TextField';

const L = {
  timezone: { ja: 'タイムゾーン', en: 'Time zone' },
  timezoneTip: { ja: '日の区切りと深夜帯を数えるタイムゾーン (IANA 名)', en: 'The zone days and late-night hours are counted in (IANA name)' },
  badZone: { ja: '"{value}" は IANA のタイムゾーン名ではありません (例: Asia/Tokyo)', en: '"{value}" is not an IANA time zone (e.g. Asia/Tokyo)' },
  standardDay: { ja: '所定労働時間 (分)', en: 'Standard day (min)' },
  standardDayTip: { ja: 'これを超えた時間を残業とします', en: 'Working time beyond this is overtime' },
  breakThreshold: { ja: '離席とみなす間隔 (分)', en: 'Away after (min)' },
  breakThresholdTip: { ja: 'セッション間の空きがこれより長いと休憩ではなく離席です', en: 'A gap between sessions longer than this is away rather than a break' },
  grace: { ja: 'ログオフ漏れの猶予 (分)', en: 'Missing logoff grace (min)' },
  graceTip: { ja: 'ログオフのないセッションは最後の操作にこの時間を足して終了とします', en: 'A session without a logoff ends at its last activity plus this' },
  lateNightStart: { ja: '深夜帯の開始', en: 'Late night from' },
  lateNightEnd: { ja: '深夜帯の終了', en: 'Late night until' },
  lateNightTip: { ja: 'HH:MM (労働基準法の深夜は 22:00〜05:00)', en: 'HH:MM (the Labour Standards Act counts 22:00 to 05:00)' },
  badClock: { ja: '"{value}" は HH:MM 形式の時刻ではありません', en: '"{value}" is not a time like HH:MM' },
  weekly: { ja: '週休日', en: 'Weekly days off' },
  holidays: { ja: '休日', en: 'Holidays' },
  holidaysTip: { ja: '祝日や会社の休日 (YYYY-MM-DD)。入力して Enter', en: 'Public holidays and company days off (YYYY-MM-DD); type and press Enter' },
  badDate: { ja: '"{value}" は YYYY-MM-DD 形式の日付ではないため追加しませんでした', en: '"{value}" is not a date like YYYY-MM-DD and was not added' },
  rest: { ja: '勤務間インターバル (時間)', en: 'Minimum rest (hours)' },
  restTip: { ja: '前日の終業から翌日の始業までの最低休息時間', en: 'Minimum rest between one day’s end and the next day’s start' },
  boundary: { ja: '日の区切り (時)', en: 'Day starts at (hour)' },
  boundaryTip: { ja: 'この時刻より前の深夜の作業は前日の勤務とみなします', en: 'Work before this local hour belongs to the previous day' },
};

const WEEKDAYS = [
  { ja: '日', en: 'Sun' },
  { ja: '月', en: 'Mon' },
  { ja: '火', en: 'Tue' },
  { ja: '水', en: 'Wed' },
  { ja: '木', en: 'Thu' },
  { ja: '金', en: 'Fri' },
  { ja: '土', en: 'Sat' },
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
  const weekdayOptions: Array<SelectableValue<number>> = WEEKDAYS.map((d, i) => ({ value: i, label: t(d) }));
  const defaultWeekly = (defaults.weeklyHolidays ?? []).map((d) => t(WEEKDAYS[d])).join(', ');
  const num = (key: 'standardDayMinutes' | 'breakThresholdMinutes' | 'graceMinutes' | 'restIntervalHours' | 'dayBoundaryHour') => ({
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
          label={t(L.timezone)}
          tooltip={t(L.timezoneTip)}
          labelWidth={24}
          value={current.timezone}
          placeholder={defaults.timezone}
          validate={(text) => (isTimeZone(text) ? undefined : tf(L.badZone, { value: text }))}
          onChange={(timezone) => set({ timezone })}
        />
        <NumberField {...num('dayBoundaryHour')} label={t(L.boundary)} tooltip={t(L.boundaryTip)} labelWidth={24} min={0} max={23} />
      </InlineFieldRow>
      <InlineFieldRow>
        <NumberField {...num('standardDayMinutes')} label={t(L.standardDay)} tooltip={t(L.standardDayTip)} labelWidth={24} min={1} max={1440} />
        <NumberField {...num('breakThresholdMinutes')} label={t(L.breakThreshold)} tooltip={t(L.breakThresholdTip)} labelWidth={24} min={1} max={1440} />
        <NumberField {...num('graceMinutes')} label={t(L.grace)} tooltip={t(L.graceTip)} labelWidth={24} min={0} max={1440} />
      </InlineFieldRow>
      <InlineFieldRow>
        <TextField
          id={`${idPrefix}-lateNightStart`}
          label={t(L.lateNightStart)}
          tooltip={t(L.lateNightTip)}
          labelWidth={24}
          width={10}
          value={current.lateNightStart}
          placeholder={defaults.lateNightStart}
          validate={(text) => (isClockTime(text) ? undefined : tf(L.badClock, { value: text }))}
          onChange={(lateNightStart) => set({ lateNightStart })}
        />
        <TextField
          id={`${idPrefix}-lateNightEnd`}
          label={t(L.lateNightEnd)}
          tooltip={t(L.lateNightTip)}
          labelWidth={24}
          width={10}
          value={current.lateNightEnd}
          placeholder={defaults.lateNightEnd}
          validate={(text) => (isClockTime(text) ? undefined : tf(L.badClock, { value: text }))}
          onChange={(lateNightEnd) => set({ lateNightEnd })}
        />
        <NumberField {...num('restIntervalHours')} label={t(L.rest)} tooltip={t(L.restTip)} labelWidth={24} min={0} max={24} integer={false} />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label={t(L.weekly)} labelWidth={24} htmlFor={`${idPrefix}-weekly`}>
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
          label={t(L.holidays)}
          tooltip={t(L.holidaysTip)}
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
              setHolidayError(bad ? tf(L.badDate, { value: bad }) : undefined);
              const dates = Array.from(new Set(tags.filter(isIsoDate))).sort();
              set({ holidays: dates.length ? dates : undefined });
            }}
          />
        </InlineField>
      </InlineFieldRow>
    </Stack>
  );
}
