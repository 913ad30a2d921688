import type { DataSourcePluginOptionsEditorProps, SelectableValue } from '@grafana/data';
import { Field, FieldSet, Input, RadioButtonGroup, SecretInput, SecretTextArea, Switch } from '@grafana/ui';
import { t } from '@grafana/i18n';
import type { ChangeEvent } from 'react';

import { withPatch } from '../query/patch';
import {
  DEFAULT_INDEX_PATTERN,
  DEFAULT_LANGUAGE,
  type AuthType,
  type KansaDataSourceOptions,
  type KansaSecureJsonData,
  type Language,
} from '../types';
import { NumberInput } from './inputs/NumberInput';
import { WorkdayEditor } from './workday/WorkdayEditor';

type Props = DataSourcePluginOptionsEditorProps<KansaDataSourceOptions, KansaSecureJsonData>;
type SecretKey = keyof KansaSecureJsonData;

const LANGUAGE_OPTIONS: Array<SelectableValue<Language>> = [
  { value: 'ja', label: '日本語' },
  { value: 'en', label: 'English' },
];

// The backend accepts http(s) URLs with a host; an empty one is only "required", not wrong yet.
function urlIsValid(url: string | undefined): boolean {
  return !url?.trim() || /^https?:\/\/[^\s/]+/.test(url.trim());
}

/** Which authentication applies; settings saved before authType existed are read from Grafana's own flags. */
export function authTypeOf(options: Props['options']): AuthType {
  if (options.jsonData.authType) {
    return options.jsonData.authType;
  }
  if (options.basicAuth) {
    return 'basic';
  }
  return options.secureJsonFields?.apiKey ? 'apiKey' : 'none';
}

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields } = options;
  const secureJsonData = options.secureJsonData ?? {};
  const authType = authTypeOf(options);

  const setJsonData = (patch: Partial<KansaDataSourceOptions>) =>
    onOptionsChange({ ...options, jsonData: withPatch(jsonData, patch) });

  const setSecret = (key: SecretKey, value: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...secureJsonData, [key]: value } });

  // Grafana never sends a stored secret back; resetting clears the stored one so a new one can be typed.
  const resetSecret = (key: SecretKey) =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...secureJsonFields, [key]: false },
      secureJsonData: { ...secureJsonData, [key]: '' },
    });

  const secretInput = (key: SecretKey, id: string) => (
    <SecretInput
      id={id}
      width={40}
      isConfigured={Boolean(secureJsonFields?.[key])}
      value={secureJsonData[key] ?? ''}
      onChange={(e: ChangeEvent<HTMLInputElement>) => setSecret(key, e.currentTarget.value)}
      onReset={() => resetSecret(key)}
    />
  );

  const secretTextArea = (key: SecretKey, id: string) => (
    <SecretTextArea
      id={id}
      cols={60}
      rows={6}
      placeholder="-----BEGIN ..."
      isConfigured={Boolean(secureJsonFields?.[key])}
      value={secureJsonData[key] ?? ''}
      onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setSecret(key, e.currentTarget.value)}
      onReset={() => resetSecret(key)}
    />
  );

  return (
    <>
      <FieldSet label={t('config-editor.connection', 'Connection')}>
        <Field
          label={t('config-editor.url', 'URL')}
          description={t(
            'config-editor.url-tip',
            'Where the Grafana server reaches OpenSearch, e.g. http://opensearch:9200',
          )}
          required
          invalid={!urlIsValid(options.url)}
          error={t('config-editor.bad-url', 'Enter a URL starting with http:// or https://')}
        >
          <Input
            id="kansa-url"
            width={60}
            placeholder="http://opensearch:9200"
            value={options.url}
            onChange={(e: ChangeEvent<HTMLInputElement>) => onOptionsChange({ ...options, url: e.currentTarget.value })}
          />
        </Field>
        <Field
          label={t('config-editor.timeout', 'Timeout (seconds)')}
          description={t('config-editor.timeout-tip', 'Queries taking longer are cancelled (default 30, 1 to 300)')}
        >
          <NumberInput
            id="kansa-timeout"
            value={jsonData.timeoutSeconds}
            placeholder="30"
            min={1}
            max={300}
            onChange={(timeoutSeconds) => setJsonData({ timeoutSeconds })}
          />
        </Field>
      </FieldSet>

      <FieldSet label={t('config-editor.auth', 'Authentication')}>
        <Field label={t('config-editor.method', 'Method')}>
          <RadioButtonGroup<AuthType>
            options={[
              { value: 'none', label: t('config-editor.none', 'None') },
              { value: 'basic', label: t('config-editor.basic', 'Basic auth') },
              { value: 'apiKey', label: t('config-editor.api-key', 'API key') },
            ]}
            value={authType}
            onChange={(next) =>
              onOptionsChange({ ...options, basicAuth: next === 'basic', jsonData: { ...jsonData, authType: next } })
            }
          />
        </Field>
        {authType === 'basic' && (
          <>
            <Field label={t('config-editor.user', 'User')}>
              <Input
                id="kansa-basic-auth-user"
                width={40}
                value={options.basicAuthUser}
                onChange={(e: ChangeEvent<HTMLInputElement>) =>
                  onOptionsChange({ ...options, basicAuthUser: e.currentTarget.value })
                }
              />
            </Field>
            <Field label={t('config-editor.password', 'Password')}>
              {secretInput('basicAuthPassword', 'kansa-basic-auth-password')}
            </Field>
          </>
        )}
        {authType === 'apiKey' && (
          <Field
            label={t('config-editor.api-key', 'API key')}
            description={t('config-editor.api-key-tip', 'Sent as Authorization: ApiKey <key>')}
          >
            {secretInput('apiKey', 'kansa-api-key')}
          </Field>
        )}
      </FieldSet>

      <FieldSet label={t('config-editor.tls', 'TLS')}>
        <Field
          label={t('config-editor.skip-verify', 'Skip certificate verification')}
          description={t(
            'config-editor.skip-verify-tip',
            'For self-signed test setups only; do not use in production.',
          )}
        >
          <Switch
            id="kansa-tls-skip-verify"
            value={Boolean(jsonData.tlsSkipVerify)}
            onChange={(e) => setJsonData({ tlsSkipVerify: e.currentTarget.checked || undefined })}
          />
        </Field>
        <Field label={t('config-editor.with-ca', 'With CA certificate')}>
          <Switch
            id="kansa-tls-with-ca"
            value={Boolean(jsonData.tlsAuthWithCACert)}
            onChange={(e) => setJsonData({ tlsAuthWithCACert: e.currentTarget.checked || undefined })}
          />
        </Field>
        {jsonData.tlsAuthWithCACert && (
          <Field label={t('config-editor.ca-cert', 'CA certificate (PEM)')}>
            {secretTextArea('tlsCACert', 'kansa-tls-ca-cert')}
          </Field>
        )}
        <Field label={t('config-editor.client-auth', 'Client certificate authentication')}>
          <Switch
            id="kansa-tls-client-auth"
            value={Boolean(jsonData.tlsAuth)}
            onChange={(e) => setJsonData({ tlsAuth: e.currentTarget.checked || undefined })}
          />
        </Field>
        {jsonData.tlsAuth && (
          <>
            <Field label={t('config-editor.client-cert', 'Client certificate (PEM)')}>
              {secretTextArea('tlsClientCert', 'kansa-tls-client-cert')}
            </Field>
            <Field label={t('config-editor.client-key', 'Client key (PEM)')}>
              {secretTextArea('tlsClientKey', 'kansa-tls-client-key')}
            </Field>
          </>
        )}
      </FieldSet>

      <FieldSet label={t('config-editor.kansa', 'Kansa')}>
        <Field
          label={t('config-editor.index-pattern', 'Index pattern')}
          description={t('config-editor.index-pattern-tip', 'The indices the Kansa bridge writes to')}
        >
          <Input
            id="kansa-index-pattern"
            width={60}
            placeholder={DEFAULT_INDEX_PATTERN}
            value={jsonData.indexPattern ?? ''}
            onChange={(e: ChangeEvent<HTMLInputElement>) =>
              setJsonData({ indexPattern: e.currentTarget.value || undefined })
            }
          />
        </Field>
        <Field
          label={t('config-editor.language', 'Message language')}
          description={t(
            'config-editor.language-tip',
            'Which translation of each event’s sentence log lines show (queries can override it)',
          )}
        >
          <RadioButtonGroup<Language>
            options={LANGUAGE_OPTIONS}
            value={jsonData.language ?? DEFAULT_LANGUAGE}
            onChange={(language) => setJsonData({ language })}
          />
        </Field>
      </FieldSet>

      <FieldSet label={t('config-editor.workday', 'Working-day defaults')}>
        <p>{t('config-editor.workday-tip', 'Defaults for attendance queries; each query can override them.')}</p>
        <WorkdayEditor
          idPrefix="kansa-config-workday"
          value={jsonData.workday}
          onChange={(workday) => setJsonData({ workday })}
        />
      </FieldSet>
    </>
  );
}
