import type { DataSourceSettings } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';

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

describe('ConfigEditor', () => {
  it('shows the defaults: the bridge index pattern and Japanese messages', () => {
    renderEditor();
    expect(screen.getByLabelText(/^URL/)).toHaveValue('http://opensearch:9200');
    expect(screen.getByLabelText(/^Index pattern/)).toHaveAttribute('placeholder', 'kansa-events-*');
    expect(screen.getByRole('radio', { name: '日本語' })).toBeChecked();
  });

  it('stores the index pattern and language in jsonData', async () => {
    const latest = renderEditor();
    await userEvent.type(screen.getByLabelText(/^Index pattern/), 'audit-*');
    await userEvent.click(screen.getByRole('radio', { name: 'English' }));
    expect(latest.current.jsonData).toEqual({ indexPattern: 'audit-*', language: 'en' });
  });

  it('keeps the API key in secureJsonData and can reset a stored one', async () => {
    const latest = renderEditor({ secureJsonFields: { apiKey: true } });
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(latest.current.secureJsonFields.apiKey).toBe(false);
    await userEvent.type(screen.getByLabelText(/^API key/), 'os_key');
    expect(latest.current.secureJsonData).toEqual({ apiKey: 'os_key' });
    expect(latest.current.jsonData).toEqual({});
  });

  it('switches to basic auth with a user and a secret password', async () => {
    const latest = renderEditor();
    await userEvent.click(screen.getByLabelText(/^Basic auth/));
    expect(screen.queryByLabelText(/^API key/)).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^User/), 'kansa');
    await userEvent.type(screen.getByLabelText(/^Password/), 'secret');
    expect(latest.current).toMatchObject({
      basicAuth: true,
      basicAuthUser: 'kansa',
      secureJsonData: { basicAuthPassword: 'secret' },
    });
  });
});
