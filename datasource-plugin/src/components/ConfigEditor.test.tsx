import '../testing/dom';

import type { DataSourceSettings } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';

import { setUserLanguage } from '../testing/fixtures';
import type { KansaDataSourceOptions, KansaSecureJsonData } from '../types';
import { ConfigEditor } from './ConfigEditor';

type Settings = DataSourceSettings<KansaDataSourceOptions, KansaSecureJsonData>;

const baseSettings = {
  id: 1,
  uid: 'kansa',
  orgId: 1,
  name: 'Kansa',
  type: 'kansa-logs-datasource',
  typeName: 'Kansa Logs',
  typeLogoUrl: '',
  access: 'proxy',
  url: 'http://opensearch:9200',
  user: '',
  database: '',
  basicAuth: false,
  basicAuthUser: '',
  isDefault: false,
  jsonData: {},
  secureJsonFields: {},
  readOnly: false,
  withCredentials: false,
} as Settings;

// Keeps the edited settings in state like Grafana's settings page, and exposes the latest value.
function renderEditor(initial: Partial<Settings> = {}) {
  const latest: { current: Settings } = { current: { ...baseSettings, ...initial } };
  function Harness() {
    const [options, setOptions] = useState<Settings>(latest.current);
    return (
      <ConfigEditor
        options={options}
        onOptionsChange={(next) => {
          latest.current = next;
          setOptions(next);
        }}
      />
    );
  }
  render(<Harness />);
  return latest;
}

const SECRETS = ['s3cret', 'os_key', 'CA-PEM', 'CERT-PEM', 'KEY-PEM'];

// No secret may appear anywhere in what Grafana stores unencrypted.
function expectNoSecretsOutsideSecureJsonData(settings: Settings) {
  const { secureJsonData, ...rest } = settings;
  const plain = JSON.stringify(rest);
  for (const secret of SECRETS) {
    expect(plain).not.toContain(secret);
  }
  return secureJsonData;
}

afterEach(() => setUserLanguage(undefined));

describe('ConfigEditor in English', () => {
  beforeEach(() => setUserLanguage('en-US'));

  it('shows the defaults: the bridge index pattern, Japanese messages, no authentication', () => {
    renderEditor();
    expect(screen.getByLabelText(/^URL/)).toHaveValue('http://opensearch:9200');
    expect(screen.getByLabelText(/^Index pattern/)).toHaveAttribute('placeholder', 'kansa-events-*');
    expect(screen.getByRole('radio', { name: '日本語' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'None' })).toBeChecked();
    expect(screen.getByLabelText(/^Timeout/)).toHaveAttribute('placeholder', '30');
    expect(screen.getByLabelText('Standard day (min)')).toHaveAttribute('placeholder', '480');
  });

  it('says when the URL is not an http(s) URL', async () => {
    renderEditor({ url: '' });
    expect(screen.queryByText('Enter a URL starting with http:// or https://')).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^URL/), 'opensearch:9200');
    expect(screen.getByText('Enter a URL starting with http:// or https://')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText(/^URL/));
    await userEvent.type(screen.getByLabelText(/^URL/), 'https://search.example.co.jp:9200');
    expect(screen.queryByText('Enter a URL starting with http:// or https://')).not.toBeInTheDocument();
  });

  it('stores the index pattern, language and timeout in jsonData', async () => {
    const latest = renderEditor();
    await userEvent.type(screen.getByLabelText(/^Index pattern/), 'audit-*');
    await userEvent.click(screen.getByRole('radio', { name: 'English' }));
    await userEvent.type(screen.getByLabelText(/^Timeout/), '60{Enter}');
    expect(latest.current.jsonData).toEqual({ indexPattern: 'audit-*', language: 'en', timeoutSeconds: 60 });
  });

  it('keeps the API key in secureJsonData only, and can reset a stored one', async () => {
    const latest = renderEditor({ jsonData: { authType: 'apiKey' }, secureJsonFields: { apiKey: true } });
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(latest.current.secureJsonFields.apiKey).toBe(false);
    await userEvent.type(screen.getByLabelText(/^API key/, { selector: 'input[type=password]' }), 'os_key');
    expect(expectNoSecretsOutsideSecureJsonData(latest.current)).toEqual({ apiKey: 'os_key' });
    expect(latest.current.jsonData).toEqual({ authType: 'apiKey' });
  });

  it('switches to basic auth with a user and a secret password', async () => {
    const latest = renderEditor();
    await userEvent.click(screen.getByRole('radio', { name: 'Basic auth' }));
    expect(screen.queryByLabelText(/^API key/, { selector: 'input[type=password]' })).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^User/), 'kansa');
    await userEvent.type(screen.getByLabelText(/^Password/), 's3cret');
    expect(latest.current).toMatchObject({
      basicAuth: true,
      basicAuthUser: 'kansa',
      jsonData: { authType: 'basic' },
      secureJsonData: { basicAuthPassword: 's3cret' },
    });
    expectNoSecretsOutsideSecureJsonData(latest.current);
    await userEvent.click(screen.getByRole('radio', { name: 'API key' }));
    expect(latest.current.basicAuth).toBe(false);
  });

  it('reads settings saved before authType existed from Grafana’s basic auth flag', () => {
    renderEditor({ basicAuth: true, basicAuthUser: 'kansa', secureJsonFields: { basicAuthPassword: true } });
    expect(screen.getByRole('radio', { name: 'Basic auth' })).toBeChecked();
    expect(screen.getByLabelText(/^Password/)).toHaveValue('configured');
  });

  it('keeps TLS certificates and the client key in secureJsonData', async () => {
    const latest = renderEditor();
    await userEvent.click(screen.getByLabelText(/^Skip certificate verification/));
    await userEvent.click(screen.getByLabelText('With CA certificate'));
    await userEvent.type(screen.getByLabelText('CA certificate (PEM)'), 'CA-PEM');
    await userEvent.click(screen.getByLabelText('Client certificate authentication'));
    await userEvent.type(screen.getByLabelText('Client certificate (PEM)'), 'CERT-PEM');
    await userEvent.type(screen.getByLabelText('Client key (PEM)'), 'KEY-PEM');
    expect(latest.current.jsonData).toEqual({ tlsSkipVerify: true, tlsAuthWithCACert: true, tlsAuth: true });
    expect(expectNoSecretsOutsideSecureJsonData(latest.current)).toEqual({
      tlsCACert: 'CA-PEM',
      tlsClientCert: 'CERT-PEM',
      tlsClientKey: 'KEY-PEM',
    });
  });

  it('stores working-day defaults and drops them again when emptied', async () => {
    const latest = renderEditor();
    await userEvent.type(screen.getByLabelText('Standard day (min)'), '450{Enter}');
    await userEvent.type(screen.getByLabelText('Minimum rest (hours)'), '9.5{Enter}');
    expect(latest.current.jsonData.workday).toEqual({ standardDayMinutes: 450, restIntervalHours: 9.5 });
    await userEvent.clear(screen.getByLabelText('Standard day (min)'));
    await userEvent.clear(screen.getByLabelText('Minimum rest (hours)'));
    await userEvent.tab();
    expect(latest.current.jsonData).toEqual({});
  });
});

describe('ConfigEditor in Japanese', () => {
  beforeEach(() => setUserLanguage('ja-JP'));

  it('labels every section in Japanese', async () => {
    const latest = renderEditor();
    for (const legend of ['接続', '認証', 'TLS', 'Kansa', '勤務ルールの既定値']) {
      expect(screen.getByText(legend)).toBeInTheDocument();
    }
    expect(screen.getByLabelText(/^インデックスパターン/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'API キー' }));
    await userEvent.type(screen.getByLabelText(/^API キー/, { selector: 'input[type=password]' }), 'os_key');
    expect(expectNoSecretsOutsideSecureJsonData(latest.current)).toEqual({ apiKey: 'os_key' });
    expect(screen.queryByText('Authentication')).not.toBeInTheDocument();
  });
});
