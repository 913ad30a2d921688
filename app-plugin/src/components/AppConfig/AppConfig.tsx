import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { t } from '@grafana/i18n';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, Stack } from '@grafana/ui';
import { type ChangeEvent, useState } from 'react';

import { installRules, type InstallResult } from '../../alerting/installer';
import { contentLanguage } from '../../language';
import { DEFAULT_DATASOURCE_UID, type KansaAppSettings } from '../../types';
import { SettingsForm } from './SettingsForm';
import { SigmaInstall } from './SigmaInstall';

type Props = PluginConfigPageProps<AppPluginMeta<KansaAppSettings>>;

export function AppConfig({ plugin }: Props) {
  const { id, enabled, pinned, jsonData } = plugin.meta;
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
          <span>
            {enabled
              ? t('config.enabled', 'Kansa is enabled.')
              : t('config.disabled', 'Kansa is disabled. Enable it to add it to the menu.')}
          </span>
          <Button variant={enabled ? 'destructive' : 'primary'} onClick={() => save({ enabled: !enabled })}>
            {enabled ? t('config.disable', 'Disable') : t('config.enable', 'Enable')}
          </Button>
        </Stack>
      </FieldSet>
      <FieldSet>
        <Field
          label={t('config.uid', 'Kansa Logs data source UID')}
          description={t('config.uid-help', 'The data source Kansa pages search (kansa when provisioned)')}
        >
          <Input
            id="kansa-datasource-uid"
            width={40}
            placeholder={DEFAULT_DATASOURCE_UID}
            value={dataSourceUid}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setDataSourceUid(e.currentTarget.value)}
          />
        </Field>
        <Button onClick={() => save({ jsonData: { ...jsonData, dataSourceUid: dataSourceUid.trim() || undefined } })}>
          {t('config.save', 'Save')}
        </Button>
      </FieldSet>
      <FieldSet>
        {installed?.status === 'success' && installed.groups.length > 0 && (
          <Alert
            title={t('config.installed', 'Installed rule groups: ') + installed.groups.join(', ')}
            severity="success"
          />
        )}
        {installed?.status === 'success' && installed.skipped.length > 0 && (
          <Alert
            title={
              t('config.skipped', 'Left to file provisioning (read-only in Grafana): ') +
              installed.skipped.map((g) => g.group).join(', ')
            }
            severity="info"
          />
        )}
        {installed?.status === 'failed' && <Alert title={installed.error} severity="error" />}
        <Button
          icon="bell"
          variant="secondary"
          onClick={async () =>
            setInstalled(
              await installRules(
                getBackendSrv(),
                jsonData?.dataSourceUid || DEFAULT_DATASOURCE_UID,
                jsonData?.ruleSettings,
              ),
            )
          }
        >
          {t('config.install', 'Install alert rules')}
        </Button>
      </FieldSet>
      <SigmaInstall dataSourceUid={jsonData?.dataSourceUid || DEFAULT_DATASOURCE_UID} />
      <SettingsForm
        language={contentLanguage()}
        jsonData={jsonData ?? {}}
        onSave={async (settings) => {
          await getBackendSrv().post(`/api/plugins/${id}/settings`, { enabled, pinned, jsonData: settings });
        }}
      />
    </Stack>
  );
}

export default AppConfig;
