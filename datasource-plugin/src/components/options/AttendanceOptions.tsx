import type { SelectableValue, TimeRange } from '@grafana/data';
import { Collapse, InlineField, MultiSelect, RadioButtonGroup, Stack } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { FIELD } from '@kansa/schema/fields';
import { useState } from 'react';

import type { DataSource } from '../../datasource';
import { effectiveWorkday } from '../../query/workday';
import type { AttendanceView, KansaQuery } from '../../types';
import { WorkdayEditor } from '../workday/WorkdayEditor';

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
        setLoadError(t('attendance-options.load-failed', 'Could not load the users'));
        setLoading(false);
      },
    );
  };

  const options = [
    ...users.filter((u) => !userOptions.some((o) => o.value === u)).map((u) => ({ value: u, label: u })),
    ...userOptions,
  ];

  return (
    <Stack direction="column" gap={1}>
      <InlineField label={t('attendance-options.view', 'View')} labelWidth={16}>
        <RadioButtonGroup<AttendanceView>
          options={[
            {
              value: 'timeline',
              label: t('attendance-options.timeline', 'Timeline'),
              description: t('attendance-options.timeline-tip', 'Each user’s state over time: working, locked, away'),
            },
            {
              value: 'sheet',
              label: t('attendance-options.sheet', 'Daily sheet'),
              description: t(
                'attendance-options.sheet-tip',
                'Per user and day: first and last activity, working time, overtime, late night, rest interval',
              ),
            },
            {
              value: 'agreement36',
              label: t('attendance-options.agreement36', '36 agreement'),
              description: t(
                'attendance-options.agreement36-tip',
                'Per user, the month the range ends in against the 36 agreement: overtime, statutory holiday work, 2-6-month averages, year to date, months over the limit, warnings',
              ),
            },
            {
              value: 'divergence',
              label: t('attendance-options.divergence', 'Timesheet gaps'),
              description: t(
                'attendance-options.divergence-tip',
                'Per user and day: PC and door start and end against the imported timesheet, the gap each side and its kind (unreported early start or late work, reported without activity, activity on a day off)',
              ),
            },
          ]}
          value={query.attendanceView ?? 'timeline'}
          onChange={(attendanceView) => onChange({ attendanceView })}
        />
      </InlineField>
      <InlineField
        label={t('attendance-options.users', 'Users')}
        labelWidth={16}
        tooltip={t(
          'attendance-options.users-tip',
          'Empty means everyone with session events. Template variables like $user work.',
        )}
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
          placeholder={t('attendance-options.everyone', 'Everyone')}
          allowCustomValue
          onOpenMenu={loadUsers}
          onChange={(items) => {
            const next = items.map((i) => i.value).filter((v): v is string => Boolean(v));
            onChange({ users: next.length ? next : undefined });
          }}
        />
      </InlineField>
      <Collapse
        label={t('attendance-options.workday', 'Working-day overrides')}
        collapsible
        isOpen={showWorkday}
        onToggle={() => setShowWorkday(!showWorkday)}
      >
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
