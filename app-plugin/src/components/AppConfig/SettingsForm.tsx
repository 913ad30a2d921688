import { t } from '@grafana/i18n';
import { Alert, Button, Field, FieldSet, Input, Stack, TextArea } from '@grafana/ui';
import { type ChangeEvent, useState } from 'react';

import { DEFAULT_IMPORTANT_FOLDERS } from '../../content/dashboards/audit';
import { RULES } from '../../content/rules';
import { defaultSettings } from '../../content/rules/settings';
import type { Language } from '../../language';
import type { KansaAppSettings } from '../../types';
import { parseSettings, type SettingsText } from './settings';

interface Props {
  /** The language of the rule titles and explanations. */
  language: Language;
  jsonData: KansaAppSettings;
  onSave: (jsonData: KansaAppSettings) => Promise<void>;
}

/** Thresholds, important folders, working-day rules and holidays; the installer and the pages read them. */
export function SettingsForm({ language, jsonData, onSave }: Props) {
  const defaults = defaultSettings(RULES);
  const rules = {
    ...defaults,
    ...jsonData.ruleSettings,
    thresholds: { ...defaults.thresholds, ...jsonData.ruleSettings?.thresholds },
  };
  const [text, setText] = useState<SettingsText>({
    thresholds: Object.fromEntries(Object.entries(rules.thresholds).map(([k, v]) => [k, String(v)])),
    permittedPorts: rules.permittedPorts.join(', '),
    offHoursDepartments: rules.offHoursDepartments.join(', '),
    holidays: rules.holidays.join('\n'),
    importantFolders: (jsonData.importantFolders ?? DEFAULT_IMPORTANT_FOLDERS).join('\n'),
    timezone: rules.timezone,
    lateNightStart: rules.lateNightStart,
    lateNightEnd: rules.lateNightEnd,
    standardDayMinutes: String(jsonData.workday?.standardDayMinutes ?? 480),
    restIntervalHours: String(jsonData.workday?.restIntervalHours ?? 11),
  });
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const set = (k: keyof SettingsText) => (e: { currentTarget: { value: string } }) =>
    setText({ ...text, [k]: e.currentTarget.value });

  const save = async () => {
    const parsed = parseSettings(text);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors([]);
    await onSave({
      ...jsonData,
      ruleSettings: parsed.ruleSettings,
      importantFolders: parsed.importantFolders,
      workday: { ...jsonData.workday, ...parsed.workday },
    });
    setSaved(true);
  };

  return (
    <Stack direction="column" gap={1}>
      {errors.length > 0 && (
        <Alert title={errors[0]} severity="error">
          {errors.slice(1).join(' / ')}
        </Alert>
      )}
      {saved && <Alert title={t('settings.saved', 'Saved.')} severity="success" />}
      <FieldSet label={t('settings.thresholds', 'Alert thresholds')}>
        <p>
          {t(
            'settings.thresholds-help',
            'Alerts fire above these values. Install the alert rules again to apply changes.',
          )}
        </p>
        {RULES.map((r) => (
          <Field
            key={r.id}
            label={`${r.title[language]} (${r.id})`}
            description={`${t('settings.default', 'default')} ${r.threshold}: ${r.thresholdWhy[language]}`}
          >
            <Input
              id={`threshold-${r.id}`}
              width={20}
              value={text.thresholds[r.id]}
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                setText({ ...text, thresholds: { ...text.thresholds, [r.id]: e.currentTarget.value } })
              }
            />
          </Field>
        ))}
      </FieldSet>
      <FieldSet>
        <Field label={t('settings.ports', 'Permitted destination ports')}>
          <Input id="kansa-ports" value={text.permittedPorts} onChange={set('permittedPorts')} />
        </Field>
        <Field
          label={t(
            'settings.off-hours',
            'Departments exempt from the late-night/day-off alert (schedules no working calendar describes)',
          )}
        >
          <Input id="kansa-off-hours" value={text.offHoursDepartments} onChange={set('offHoursDepartments')} />
        </Field>
        <Field label={t('settings.folders', 'Important folders (file.path patterns, one per line)')}>
          <TextArea id="kansa-folders" rows={4} value={text.importantFolders} onChange={set('importantFolders')} />
        </Field>
        <Field label={t('settings.timezone', 'Time zone')}>
          <Input id="kansa-timezone" width={30} value={text.timezone} onChange={set('timezone')} />
        </Field>
        <Field label={t('settings.late-night', 'Late-night window (start, end)')}>
          <Stack direction="row" gap={1}>
            <Input id="kansa-late-start" width={10} value={text.lateNightStart} onChange={set('lateNightStart')} />
            <Input id="kansa-late-end" width={10} value={text.lateNightEnd} onChange={set('lateNightEnd')} />
          </Stack>
        </Field>
        <Field label={t('settings.standard-day', 'Standard working day (minutes)')}>
          <Input
            id="kansa-standard-day"
            width={10}
            value={text.standardDayMinutes}
            onChange={set('standardDayMinutes')}
          />
        </Field>
        <Field label={t('settings.rest', 'Minimum rest interval (hours)')}>
          <Input id="kansa-rest" width={10} value={text.restIntervalHours} onChange={set('restIntervalHours')} />
        </Field>
        <Field label={t('settings.holidays', 'Public holidays and company days off (one YYYY-MM-DD per line)')}>
          <TextArea id="kansa-holidays" rows={6} value={text.holidays} onChange={set('holidays')} />
        </Field>
        <Button onClick={save}>{t('settings.save', 'Save settings')}</Button>
      </FieldSet>
    </Stack>
  );
}
