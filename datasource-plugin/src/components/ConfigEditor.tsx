import type { DataSourcePluginOptionsEditorProps, SelectableValue } from '@grafana/data';
import { Field, FieldSet, Input, RadioButtonGroup, SecretInput, Switch } from '@grafana/ui';
import type { ChangeEvent } from 'react';

import {
  DEFAULT_INDEX_PATTERN,
  DEFAULT_LANGUAGE,
  type KansaDataSourceOptions,
  type KansaSecureJsonData,
  type Language,
} from '../types';

type Props = DataSourcePluginOptionsEditorProps<KansaDataSourceOptions, KansaSecureJsonData>;

const LANGUAGE_OPTIONS: Array<SelectableValue<Language>> = [
  { value: 'ja', label: '日本語' },
  { value: 'en', label: 'English' },
];

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields } = options;
  const secureJsonData = options.secureJsonData ?? {};

  const setJsonData = (patch: Partial<KansaDataSourceOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });

  const setSecret = (key: keyof KansaSecureJsonData, value: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...secureJsonData, [key]: value } });

  // Grafana never sends a stored secret back; resetting clears the stored one so a new one can be typed.
  const resetSecret = (key: keyof KansaSecureJsonData) =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...secureJsonFields, [key]: false },
      secureJsonData: { ...secureJsonData, [key]: '' },
    });

  return (
    <>
      <FieldSet label="OpenSearch">
        <Field label="URL" description="Where the Grafana server reaches OpenSearch, e.g. http://opensearch:9200" required>
          <Input
            id="kansa-url"
            width={60}
            placeholder="http://opensearch:9200"
            value={options.url}
            onChange={(e: ChangeEvent<HTMLInputElement>) => onOptionsChange({ ...options, url: e.currentTarget.value })}
          />
        </Field>
        <Field label="Index pattern" description="The indices the Kansa bridge writes to">
          <Input
            id="kansa-index-pattern"
            width={60}
            placeholder={DEFAULT_INDEX_PATTERN}
            value={jsonData.indexPattern ?? ''}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setJsonData({ indexPattern: e.currentTarget.value })}
          />
        </Field>
        <Field label="Message language" description="Which translation of each event's readable sentence log lines show">
          <RadioButtonGroup<Language>
            options={LANGUAGE_OPTIONS}
            value={jsonData.language ?? DEFAULT_LANGUAGE}
            onChange={(language) => setJsonData({ language })}
          />
        </Field>
      </FieldSet>

      <FieldSet label="Authentication">
        <Field label="Basic auth" description="Off for a local stack with the security plugin disabled">
          <Switch
            id="kansa-basic-auth"
            value={options.basicAuth}
            onChange={(e) => onOptionsChange({ ...options, basicAuth: e.currentTarget.checked })}
          />
        </Field>
        {options.basicAuth && (
          <>
            <Field label="User">
              <Input
                id="kansa-basic-auth-user"
                width={40}
                value={options.basicAuthUser}
                onChange={(e: ChangeEvent<HTMLInputElement>) =>
                  onOptionsChange({ ...options, basicAuthUser: e.currentTarget.value })
                }
              />
            </Field>
            <Field label="Password">
              <SecretInput
                id="kansa-basic-auth-password"
                width={40}
                isConfigured={Boolean(secureJsonFields?.basicAuthPassword)}
                value={secureJsonData.basicAuthPassword ?? ''}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setSecret('basicAuthPassword', e.currentTarget.value)}
                onReset={() => resetSecret('basicAuthPassword')}
              />
            </Field>
          </>
        )}
        {!options.basicAuth && (
          <Field label="API key" description="An OpenSearch API key, sent as Authorization: ApiKey <key>">
            <SecretInput
              id="kansa-api-key"
              width={40}
              isConfigured={Boolean(secureJsonFields?.apiKey)}
              value={secureJsonData.apiKey ?? ''}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setSecret('apiKey', e.currentTarget.value)}
              onReset={() => resetSecret('apiKey')}
            />
          </Field>
        )}
      </FieldSet>
    </>
  );
}
