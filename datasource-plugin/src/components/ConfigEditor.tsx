import type { DataSourcePluginOptionsEditorProps, SelectableValue } from '@grafana/data';
import { Field, FieldSet, Input, RadioButtonGroup, SecretInput, SecretTextArea, Switch } from '@grafana/ui';
import type { ChangeEvent } from 'react';

import { t } from '../i18n/language';
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

const L = {
  connection: { ja: '接続', en: 'Connection' },
  url: { ja: 'URL', en: 'URL' },
  badUrl: { ja: 'http:// または https:// で始まる URL を入力してください', en: 'Enter a URL starting with http:// or https://' },
  urlTip: { ja: 'Grafana サーバーから OpenSearch への URL (例: http://opensearch:9200)', en: 'Where the Grafana server reaches OpenSearch, e.g. http://opensearch:9200' },
  timeout: { ja: 'タイムアウト (秒)', en: 'Timeout (seconds)' },
  timeoutTip: { ja: 'これより長くかかるクエリは中止します (既定 30、1〜300)', en: 'Queries taking longer are cancelled (default 30, 1 to 300)' },
  auth: { ja: '認証', en: 'Authentication' },
  method: { ja: '認証方式', en: 'Method' },
  none: { ja: 'なし', en: 'None' },
  basic: { ja: 'ベーシック認証', en: 'Basic auth' },
  apiKey: { ja: 'API キー', en: 'API key' },
  apiKeyTip: { ja: 'Authorization: ApiKey <キー> として送ります', en: 'Sent as Authorization: ApiKey <key>' },
  user: { ja: 'ユーザー', en: 'User' },
  password: { ja: 'パスワード', en: 'Password' },
  tls: { ja: 'TLS', en: 'TLS' },
  skipVerify: { ja: '証明書を検証しない', en: 'Skip certificate verification' },
  skipVerifyTip: { ja: '自己署名の検証環境向けです。本番では使わないでください。', en: 'For self-signed test setups only; do not use in production.' },
  withCa: { ja: 'CA 証明書を指定', en: 'With CA certificate' },
  caCert: { ja: 'CA 証明書 (PEM)', en: 'CA certificate (PEM)' },
  clientAuth: { ja: 'クライアント証明書で認証', en: 'Client certificate authentication' },
  clientCert: { ja: 'クライアント証明書 (PEM)', en: 'Client certificate (PEM)' },
  clientKey: { ja: 'クライアント秘密鍵 (PEM)', en: 'Client key (PEM)' },
  kansa: { ja: 'Kansa', en: 'Kansa' },
  indexPattern: { ja: 'インデックスパターン', en: 'Index pattern' },
  indexPatternTip: { ja: 'Kansa ブリッジが書き込むインデックス', en: 'The indices the Kansa bridge writes to' },
  language: { ja: 'メッセージの言語', en: 'Message language' },
  languageTip: { ja: 'ログ行に表示するイベントの文章の言語 (クエリごとに変更可)', en: 'Which translation of each event’s sentence log lines show (queries can override it)' },
  workday: { ja: '勤務ルールの既定値', en: 'Working-day defaults' },
  workdayTip: { ja: '勤怠クエリの既定値です。クエリごとに上書きできます。', en: 'Defaults for attendance queries; each query can override them.' },
};

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
      <FieldSet label={t(L.connection)}>
        <Field label={t(L.url)} description={t(L.urlTip)} required invalid={!urlIsValid(options.url)} error={t(L.badUrl)}>
          <Input
            id="kansa-url"
            width={60}
            placeholder="http://opensearch:9200"
            value={options.url}
            onChange={(e: ChangeEvent<HTMLInputElement>) => onOptionsChange({ ...options, url: e.currentTarget.value })}
          />
        </Field>
        <Field label={t(L.timeout)} description={t(L.timeoutTip)}>
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

      <FieldSet label={t(L.auth)}>
        <Field label={t(L.method)}>
          <RadioButtonGroup<AuthType>
            options={[
              { value: 'none', label: t(L.none) },
              { value: 'basic', label: t(L.basic) },
              { value: 'apiKey', label: t(L.apiKey) },
            ]}
            value={authType}
            onChange={(next) =>
              onOptionsChange({ ...options, basicAuth: next === 'basic', jsonData: { ...jsonData, authType: next } })
            }
          />
        </Field>
        {authType === 'basic' && (
          <>
            <Field label={t(L.user)}>
              <Input
                id="kansa-basic-auth-user"
                width={40}
                value={options.basicAuthUser}
                onChange={(e: ChangeEvent<HTMLInputElement>) =>
                  onOptionsChange({ ...options, basicAuthUser: e.currentTarget.value })
                }
              />
            </Field>
            <Field label={t(L.password)}>{secretInput('basicAuthPassword', 'kansa-basic-auth-password')}</Field>
          </>
        )}
        {authType === 'apiKey' && (
          <Field label={t(L.apiKey)} description={t(L.apiKeyTip)}>
            {secretInput('apiKey', 'kansa-api-key')}
          </Field>
        )}
      </FieldSet>

      <FieldSet label={t(L.tls)}>
        <Field label={t(L.skipVerify)} description={t(L.skipVerifyTip)}>
          <Switch
            id="kansa-tls-skip-verify"
            value={Boolean(jsonData.tlsSkipVerify)}
            onChange={(e) => setJsonData({ tlsSkipVerify: e.currentTarget.checked || undefined })}
          />
        </Field>
        <Field label={t(L.withCa)}>
          <Switch
            id="kansa-tls-with-ca"
            value={Boolean(jsonData.tlsAuthWithCACert)}
            onChange={(e) => setJsonData({ tlsAuthWithCACert: e.currentTarget.checked || undefined })}
          />
        </Field>
        {jsonData.tlsAuthWithCACert && <Field label={t(L.caCert)}>{secretTextArea('tlsCACert', 'kansa-tls-ca-cert')}</Field>}
        <Field label={t(L.clientAuth)}>
          <Switch
            id="kansa-tls-client-auth"
            value={Boolean(jsonData.tlsAuth)}
            onChange={(e) => setJsonData({ tlsAuth: e.currentTarget.checked || undefined })}
          />
        </Field>
        {jsonData.tlsAuth && (
          <>
            <Field label={t(L.clientCert)}>{secretTextArea('tlsClientCert', 'kansa-tls-client-cert')}</Field>
            <Field label={t(L.clientKey)}>{secretTextArea('tlsClientKey', 'kansa-tls-client-key')}</Field>
          </>
        )}
      </FieldSet>

      <FieldSet label={t(L.kansa)}>
        <Field label={t(L.indexPattern)} description={t(L.indexPatternTip)}>
          <Input
            id="kansa-index-pattern"
            width={60}
            placeholder={DEFAULT_INDEX_PATTERN}
            value={jsonData.indexPattern ?? ''}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setJsonData({ indexPattern: e.currentTarget.value || undefined })}
          />
        </Field>
        <Field label={t(L.language)} description={t(L.languageTip)}>
          <RadioButtonGroup<Language>
            options={LANGUAGE_OPTIONS}
            value={jsonData.language ?? DEFAULT_LANGUAGE}
            onChange={(language) => setJsonData({ language })}
          />
        </Field>
      </FieldSet>

      <FieldSet label={t(L.workday)}>
        <p>{t(L.workdayTip)}</p>
        <WorkdayEditor idPrefix="kansa-config-workday" value={jsonData.workday} onChange={(workday) => setJsonData({ workday })} />
      </FieldSet>
    </>
  );
}
