import { Alert, Button, Field, FieldSet, Input, Stack, TextArea } from '@grafana/ui';
import { type ChangeEvent, useState } from 'react';

import { DEFAULT_IMPORTANT_FOLDERS } from '../../content/dashboards/audit';
import { RULES } from '../../content/rules';
import { defaultSettings } from '../../content/rules/settings';
import type { Language } from '../../language';
import type { KansaAppSettings } from '../../types';
import { parseSettings, type SettingsText } from './settings';

const T = {
  ja: {
    thresholds: 'アラートのしきい値',
    thresholdsHelp: 'この値を超えると通知します。変更後は「アラートルールをインストール」で反映します。',
    ports: '許可する宛先ポート',
    offHours: '深夜・休日アラートの対象外の部署 (夜勤など)',
    holidays: '祝日・会社休日 (1行に1日、YYYY-MM-DD)',
    folders: '重要フォルダ (file.path のパターン、1行に1つ)',
    timezone: 'タイムゾーン',
    lateNight: '深夜の時間帯 (開始・終了)',
    standardDay: '所定労働時間 (分/日)',
    rest: '勤務間インターバルの基準 (時間)',
    save: '設定を保存',
    saved: '保存しました。',
    default: '既定',
  },
  en: {
    thresholds: 'Alert thresholds',
    thresholdsHelp: 'Alerts fire above these values. Install the alert rules again to apply changes.',
    ports: 'Permitted destination ports',
    offHours: 'Departments exempt from the late-night/day-off alert (night shifts)',
    holidays: 'Public holidays and company days off (one YYYY-MM-DD per line)',
    folders: 'Important folders (file.path patterns, one per line)',
    timezone: 'Time zone',
    lateNight: 'Late-night window (start, end)',
    standardDay: 'Standard working day (minutes)',
    rest: 'Minimum rest interval (hours)',
    save: 'Save settings',
    saved: 'Saved.',
    default: 'default',
  },
};

interface Props {
  language: Language;
  jsonData: KansaAppSettings;
  onSave: (jsonData: KansaAppSettings) => Promise<void>;
}

/** Thresholds, important folders, working-day rules and holidays; the installer and the pages read them. */
export function SettingsForm({ language, jsonData, onSave }: Props) {
  const t = T[language];
  const defaults = defaultSettings(RULES);
  const rules = { ...defaults, ...jsonData.ruleSettings, thresholds: { ...defaults.thresholds, ...jsonData.ruleSettings?.thresholds } };
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
  const set = (k: keyof SettingsText) => (e: { currentTarget: { value: string } }) => setText({ ...text, [k]: e.currentTarget.value });

  const save = async () => {
    const parsed = parseSettings(text);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors([]);
    await onSave({ ...jsonData, ruleSettings: parsed.ruleSettings, importantFolders: parsed.importantFolders, workday: { ...jsonData.workday, ...parsed.workday } });
    setSaved(true);
  };

  return (
    <Stack direction="column" gap={1}>
      {errors.length > 0 && (
        <Alert title={errors[0]} severity="error">
          {errors.slice(1).join(' / ')}
        </Alert>
      )}
      {saved && <Alert title={t.saved} severity="success" />}
      <FieldSet label={t.thresholds}>
        <p>{t.thresholdsHelp}</p>
        {RULES.map((r) => (
          <Field key={r.id} label={`${r.title[language]} (${r.id})`} description={`${t.default} ${r.threshold}: ${r.thresholdWhy[language]}`}>
            <Input id={`threshold-${r.id}`} width={20} value={text.thresholds[r.id]} onChange={(e: ChangeEvent<HTMLInputElement>) => setText({ ...text, thresholds: { ...text.thresholds, [r.id]: e.currentTarget.value } })} />
          </Field>
        ))}
      </FieldSet>
      <FieldSet>
        <Field label={t.ports}>
          <Input id="kansa-ports" value={text.permittedPorts} onChange={set('permittedPorts')} />
        </Field>
        <Field label={t.offHours}>
          <Input id="kansa-off-hours" value={text.offHoursDepartments} onChange={set('offHoursDepartments')} />
        </Field>
        <Field label={t.folders}>
          <TextArea id="kansa-folders" rows={4} value={text.importantFolders} onChange={set('importantFolders')} />
        </Field>
        <Field label={t.timezone}>
          <Input id="kansa-timezone" width={30} value={text.timezone} onChange={set('timezone')} />
        </Field>
        <Field label={t.lateNight}>
          <Stack direction="row" gap={1}>
            <Input id="kansa-late-start" width={10} value={text.lateNightStart} onChange={set('lateNightStart')} />
            <Input id="kansa-late-end" width={10} value={text.lateNightEnd} onChange={set('lateNightEnd')} />
          </Stack>
        </Field>
        <Field label={t.standardDay}>
          <Input id="kansa-standard-day" width={10} value={text.standardDayMinutes} onChange={set('standardDayMinutes')} />
        </Field>
        <Field label={t.rest}>
          <Input id="kansa-rest" width={10} value={text.restIntervalHours} onChange={set('restIntervalHours')} />
        </Field>
        <Field label={t.holidays}>
          <TextArea id="kansa-holidays" rows={6} value={text.holidays} onChange={set('holidays')} />
        </Field>
        <Button onClick={save}>{t.save}</Button>
      </FieldSet>
    </Stack>
  );
}
