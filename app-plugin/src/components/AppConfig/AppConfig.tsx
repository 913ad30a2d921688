import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, Stack } from '@grafana/ui';
import { type ChangeEvent, useState } from 'react';

import { installRules, type InstallResult } from '../../alerting/installer';
import { type Language, userLanguage } from '../../language';
import { DEFAULT_DATASOURCE_UID, type KansaAppSettings } from '../../types';
import { SettingsForm } from './SettingsForm';

type Props = PluginConfigPageProps<AppPluginMeta<KansaAppSettings>>;

const TEXT: Record<
  Language,
  { enable: string; disable: string; enabled: string; disabled: string; uid: string; uidHelp: string; save: string; install: string; installed: string }
> = {
  ja: {
    enable: '有効にする',
    disable: '無効にする',
    enabled: 'Kansa は有効です。',
    disabled: 'Kansa は無効です。有効にするとメニューに表示されます。',
    uid: 'Kansa Logs データソースの UID',
    uidHelp: 'Kansa の画面が検索に使うデータソース (プロビジョニングでは kansa)',
    save: '保存',
    install: 'アラートルールをインストール',
    installed: 'インストールしたルールグループ: ',
  },
  en: {
    enable: 'Enable',
    disable: 'Disable',
    enabled: 'Kansa is enabled.',
    disabled: 'Kansa is disabled. Enable it to add it to the menu.',
    uid: 'Kansa Logs data source UID',
    uidHelp: 'The data source Kansa pages search (kansa when provisioned)',
    save: 'Save',
    install: 'Install alert rules',
    installed: 'Installed rule groups: ',
  },
};

export function AppConfig({ plugin }: Props) {
  const { id, enabled, pinned, jsonData } = plugin.meta;
  const language = userLanguage();
  const text = TEXT[language];
  const [dataSourceUid, setDataSourceUid] = useState(jsonData?.dataSourceUid ?? '');
  const [error, setError] = useState<string>();
  const [installed, setInstalled] = useState<InstallResult>();

  // Grafana builds its menu from enabled apps at page load, so a change is only visible after a reload.
  const save = async (settings: { enabled?: boolean; jsonData?: KansaAppSettings }) => {
    try {
      await getBackendSrv().post(`/api/plugins/${id}/settings`, { enabled, pinned, jsonData, ...settings });
      window.location.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Stack direction="column" gap={2}>
      {error && <Alert title={error} severity="error" />}
      <FieldSet>
        <Stack direction="row" gap={2} alignItems="center">
          <span>{enabled ? text.enabled : text.disabled}</span>
          <Button variant={enabled ? 'destructive' : 'primary'} onClick={() => save({ enabled: !enabled })}>
            {enabled ? text.disable : text.enable}
          </Button>
        </Stack>
      </FieldSet>
      <FieldSet>
        <Field label={text.uid} description={text.uidHelp}>
          <Input
            id="kansa-datasource-uid"
            width={40}
            placeholder={DEFAULT_DATASOURCE_UID}
            value={dataSourceUid}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setDataSourceUid(e.currentTarget.value)}
          />
        </Field>
        <Button onClick={() => save({ jsonData: { ...jsonData, dataSourceUid: dataSourceUid.trim() || undefined } })}>
          {text.save}
        </Button>
      </FieldSet>
      <FieldSet>
        {installed?.status === 'success' && <Alert title={text.installed + installed.groups.join(', ')} severity="success" />}
        {installed?.status === 'failed' && <Alert title={installed.error} severity="error" />}
        <Button
          icon="bell"
          variant="secondary"
          onClick={async () => setInstalled(await installRules(getBackendSrv(), jsonData?.dataSourceUid || DEFAULT_DATASOURCE_UID, jsonData?.ruleSettings))}
        >
          {text.install}
        </Button>
      </FieldSet>
      <SettingsForm
        language={language}
        jsonData={jsonData ?? {}}
        onSave={async (settings) => {
          await getBackendSrv().post(`/api/plugins/${id}/settings`, { enabled, pinned, jsonData: settings });
        }}
      />
    </Stack>
  );
}
