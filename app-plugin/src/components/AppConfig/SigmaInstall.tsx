import { t } from '@grafana/i18n';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, FieldSet, FileUpload, Stack, Text } from '@grafana/ui';
import { type FormEvent, useState } from 'react';

import { installSigmaRules, parseSigmaFile, type SigmaFile, type SigmaInstallResult } from '../../alerting/sigma';

/** The file's text as UTF-8 (FileReader: Blob.text() is missing from some embedded browsers). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, 'utf-8');
  });
}

/**
 * Install Sigma rules: the file `kansa sigma convert RULES --out rules.json` wrote, picked here, installed paused into
 * the folder "Kansa Sigma", where each rule is enabled on its own in Grafana's rule list.
 */
export function SigmaInstall({ dataSourceUid }: { dataSourceUid: string }) {
  const [file, setFile] = useState<{ name: string; parsed: SigmaFile }>();
  const [result, setResult] = useState<SigmaInstallResult>();
  const [busy, setBusy] = useState(false);

  const pick = async (e: FormEvent<HTMLInputElement>) => {
    const chosen = e.currentTarget.files?.[0];
    setResult(undefined);
    if (!chosen) {
      return;
    }
    setFile({ name: chosen.name, parsed: parseSigmaFile(await readText(chosen), chosen.name) });
  };
  const install = async () => {
    if (!file?.parsed.ok) {
      return;
    }
    setBusy(true);
    setResult(await installSigmaRules(getBackendSrv(), dataSourceUid, file.parsed.groups));
    setBusy(false);
  };

  return (
    <FieldSet label={t('sigma.heading', 'Sigma rules')}>
      <Stack direction="column" gap={1}>
        <Text color="secondary">
          {t(
            'sigma.help',
            'Convert Sigma rules with `kansa sigma convert RULES --out rules.json`, pick the file here and install it. The rules arrive paused in the folder "Kansa Sigma"; enable the ones you want in Grafana\'s alert rule list.',
          )}
        </Text>
        <Stack direction="row" gap={1} alignItems="center">
          <FileUpload accept=".json,application/json" onFileUpload={pick} showFileName>
            {t('sigma.pick', 'Choose converted rules (.json)')}
          </FileUpload>
          <Button icon="bell" variant="secondary" disabled={!file?.parsed.ok || busy} onClick={install}>
            {t('sigma.install', 'Install Sigma rules')}
          </Button>
        </Stack>
        {file?.parsed.ok && (
          <Text>
            {t('sigma.ready', '{{rules}} rules in {{groups}} groups, ready to install', {
              rules: file.parsed.rules,
              groups: file.parsed.groups.length,
            })}
          </Text>
        )}
        {file && !file.parsed.ok && <Alert title={file.parsed.error} severity="error" />}
        {result?.status === 'success' && (
          <Alert
            title={t(
              'sigma.installed',
              'Installed {{installed}} Sigma rules into "Kansa Sigma"; {{enabled}} of them enabled',
              { installed: result.installed, enabled: result.enabled },
            )}
            severity="success"
          />
        )}
        {result?.status === 'success' && result.skipped.length > 0 && (
          <Alert
            title={t('sigma.skipped', 'Left to file provisioning (read-only in Grafana): ') + result.skipped.join(', ')}
            severity="info"
          />
        )}
        {result?.status === 'failed' && <Alert title={result.error} severity="error" />}
      </Stack>
    </FieldSet>
  );
}
