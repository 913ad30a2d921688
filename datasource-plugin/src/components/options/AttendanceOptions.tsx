import type { SelectableValue, TimeRange } from '@grafana/data';
import { Collapse, InlineField, MultiSelect, RadioButtonGroup, Stack } from '@grafana/ui';
import { FIELD } from '@kansa/schema/src/generated/fields';
import { useState } from 'react';

import type { DataSource } from '../../datasource';
import { t } from '../../i18n/language';
import { effectiveWorkday } from '../../query/workday';
import type { AttendanceView, KansaQuery } from '../../types';
import { WorkdayEditor } from '../workday/WorkdayEditor';

const L = {
  view: { ja: '表示', en: 'View' },
  timeline: { ja: 'タイムライン', en: 'Timeline' },
  timelineTip: { ja: 'ユーザーごとの在席状態 (作業中・ロック中・離席) の推移', en: 'Each user’s state over time: working, locked, away' },
  sheet: { ja: '勤怠表', en: 'Daily sheet' },
  sheetTip: { ja: 'ユーザー・日ごとの始業・終業・労働時間・残業・深夜・勤務間インターバル', en: 'Per user and day: first and last activity, working time, overtime, late night, rest interval' },
  users: { ja: 'ユーザー', en: 'Users' },
  usersTip: { ja: '空欄ならセッションのイベントがある全員です。$変数も使えます。', en: 'Empty means everyone with session events. Template variables like $user work.' },
  everyone: { ja: '全員', en: 'Everyone' },
  loadFailed: { ja: 'ユーザーの候補を取得できません', en: 'Could not load the users' },
  workday: { ja: '勤務ルールの上書き', en: 'Working-day overrides' },
};

interface Props {
  idPrefix: string;
  datasource: DataSource;
  query: KansaQuery;
  range?: TimeRange;
  onChange: (patch: Partial<KansaQuery>) => void;
}

/** Attendance: timeline or daily sheet, which users, and working-day rules over the data source's defaults. */
export function AttendanceOptions({ idPrefix, datasource, query, range, onChange }: Props) {
  const [userOptions, setUserOptions] = useState<Array<SelectableValue<string>>>([]);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [showWorkday, setShowWorkday] = useState(Boolean(query.workday));
  const users = query.users ?? [];

  const loadUsers = () => {
    setLoading(true);
    datasource.getValues({ field: FIELD.userName, query: query.query, range, size: 500 }).then(
      (values) => {
        setUserOptions(values.map((v) => ({ value: v.value, label: v.value, description: v.count.toLocaleString() })));
        setLoadError(undefined);
        setLoading(false);
      },
      () => {
        setLoadError(t(L.loadFailed));
        setLoading(false);
      }
    );
  };

  const options = [
    ...users.filter((u) => !userOptions.some((o) => o.value === u)).map((u) => ({ value: u, label: u })),
    ...userOptions,
  ];

  return (
    <Stack direction="column" gap={1}>
      <InlineField label={t(L.view)} labelWidth={16}>
        <RadioButtonGroup<AttendanceView>
          options={[
            { value: 'timeline', label: t(L.timeline), description: t(L.timelineTip) },
            { value: 'sheet', label: t(L.sheet), description: t(L.sheetTip) },
          ]}
          value={query.attendanceView ?? 'timeline'}
          onChange={(attendanceView) => onChange({ attendanceView })}
        />
      </InlineField>
      <InlineField
        label={t(L.users)}
        labelWidth={16}
        tooltip={t(L.usersTip)}
        htmlFor={`${idPrefix}-users`}
        invalid={Boolean(loadError)}
        error={loadError}
      >
        <MultiSelect<string>
          inputId={`${idPrefix}-users`}
          width={60}
          options={options}
          value={users}
          isLoading={loading}
          placeholder={t(L.everyone)}
          allowCustomValue
          onOpenMenu={loadUsers}
          onChange={(items) => {
            const next = items.map((i) => i.value).filter((v): v is string => Boolean(v));
            onChange({ users: next.length ? next : undefined });
          }}
        />
      </InlineField>
      <Collapse label={t(L.workday)} collapsible isOpen={showWorkday} onToggle={() => setShowWorkday(!showWorkday)}>
        <WorkdayEditor
          idPrefix={`${idPrefix}-workday`}
          value={query.workday}
          defaults={effectiveWorkday(datasource.settingsJson.workday)}
          onChange={(workday) => onChange({ workday })}
        />
      </Collapse>
    </Stack>
  );
}
