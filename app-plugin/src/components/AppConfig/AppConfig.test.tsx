import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { config } from '@grafana/runtime';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { KansaAppSettings } from '../../types';
import { AppConfig } from './AppConfig';

const post = jest.fn();
const get = jest.fn();
const put = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ post, get, put }),
}));

const reload = jest.fn();

function renderConfig(meta: Partial<AppPluginMeta<KansaAppSettings>>) {
  const props = {
    plugin: { meta: { id: 'kansa-logs-app', pinned: false, ...meta } },
    query: {},
  } as unknown as PluginConfigPageProps<AppPluginMeta<KansaAppSettings>>;
  render(<AppConfig {...props} />);
}

jest.setTimeout(30000);

describe('AppConfig', () => {
  beforeAll(() => {
    Object.defineProperty(window, 'location', { configurable: true, value: { ...window.location, reload } });
    config.bootData.user.language = 'en-US';
  });
  beforeEach(() => {
    post.mockReset().mockResolvedValue({});
    reload.mockReset();
  });

  it('enables a disabled app and reloads so the menu shows it', async () => {
    renderConfig({ enabled: false, jsonData: {} });
    expect(screen.getByText(/Kansa is disabled/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Enable' }));
    expect(post).toHaveBeenCalledWith('/api/plugins/kansa-logs-app/settings', {
      enabled: true,
      pinned: false,
      jsonData: {},
    });
    expect(reload).toHaveBeenCalled();
  });

  it('saves the data source UID in jsonData', async () => {
    renderConfig({ enabled: true, jsonData: {} });
    await userEvent.type(screen.getByLabelText(/^Kansa Logs data source UID/), 'audit-logs');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(post).toHaveBeenCalledWith('/api/plugins/kansa-logs-app/settings', {
      enabled: true,
      pinned: false,
      jsonData: { dataSourceUid: 'audit-logs' },
    });
  });

  it('shows why saving failed', async () => {
    post.mockRejectedValue(new Error('Permission denied'));
    renderConfig({ enabled: true, jsonData: {} });
    await userEvent.click(screen.getByRole('button', { name: 'Disable' }));
    expect(await screen.findByText('Permission denied')).toBeInTheDocument();
    expect(reload).not.toHaveBeenCalled();
  });

  it('installs the alert rules into the Kansa folder and says which groups', async () => {
    get.mockResolvedValue({ uid: 'kansa-alerts' });
    put.mockReset().mockResolvedValue({});
    renderConfig({ enabled: true, jsonData: { dataSourceUid: 'audit-logs' } });
    await userEvent.click(screen.getByRole('button', { name: 'Install alert rules' }));
    expect(
      await screen.findByText(
        'Installed rule groups: kansa-cyber, kansa-insider, kansa-attendance, kansa-audit, kansa-failure',
      ),
    ).toBeInTheDocument();
    expect(put).toHaveBeenCalledWith(
      '/api/v1/provisioning/folder/kansa-alerts/rule-groups/kansa-cyber',
      expect.objectContaining({ folderUid: 'kansa-alerts' }),
      { headers: { 'X-Disable-Provenance': 'true' } },
    );
    expect(put.mock.calls[0][1].rules[0].data[0].datasourceUid).toBe('audit-logs');
  });

  it('says which rule groups it left to file provisioning instead of overwriting them', async () => {
    // Grafana answers every GET with a file-provisioned cyber rule: the Kansa folder exists, each rule has provenance file.
    get
      .mockReset()
      .mockImplementation(async (url: string) =>
        url.startsWith('/api/folders')
          ? { uid: 'kansa', title: 'Kansa' }
          : { uid: url.split('/').pop(), provenance: 'file' },
      );
    put.mockReset().mockResolvedValue({});
    renderConfig({ enabled: true, jsonData: {} });
    await userEvent.click(screen.getByRole('button', { name: 'Install alert rules' }));
    expect(
      await screen.findByText(
        'Left to file provisioning (read-only in Grafana): kansa-cyber, kansa-insider, kansa-attendance, kansa-audit, kansa-failure',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Installed rule groups/)).not.toBeInTheDocument();
    expect(put).not.toHaveBeenCalled();
  });

  it('saves thresholds, working-day settings and important folders', async () => {
    get.mockResolvedValue({ uid: 'kansa-alerts' });
    put.mockReset().mockResolvedValue({});
    renderConfig({ enabled: true, jsonData: {} });
    const threshold = screen.getByLabelText(/^Mass logon failures \(cyber-logon-failures\)/);
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '35');
    await userEvent.clear(screen.getByLabelText(/^Minimum rest interval/));
    await userEvent.type(screen.getByLabelText(/^Minimum rest interval/), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const saved = post.mock.calls[0][1].jsonData;
    expect(saved.ruleSettings.thresholds['cyber-logon-failures']).toBe(35);
    expect(saved.workday).toEqual(
      expect.objectContaining({ restIntervalHours: 10, standardDayMinutes: 480, timezone: 'Asia/Tokyo' }),
    );
    expect(saved.importantFolders).toEqual(['*\\\\機密\\\\*', '*\\\\製品設計\\\\*']);
  });

  it('names a bad field instead of saving', async () => {
    renderConfig({ enabled: true, jsonData: {} });
    await userEvent.clear(screen.getByLabelText(/^Permitted destination ports/));
    await userEvent.type(screen.getByLabelText(/^Permitted destination ports/), '443, 70000');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText('permitted ports: a number from 1 to 65535 expected, got "70000"')).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
  });

  it('installs a picked file of converted Sigma rules into the Kansa Sigma folder, and names a wrong file', async () => {
    get.mockImplementation(async (url: string) => {
      if (url === '/api/folders/kansa-sigma') {
        return { uid: 'kansa-sigma', title: 'Kansa Sigma' };
      }
      throw Object.assign(new Error('not found'), { status: 404 });
    });
    put.mockReset().mockResolvedValue({});
    renderConfig({ enabled: true, jsonData: { dataSourceUid: 'audit-logs' } });
    const install = screen.getByRole('button', { name: 'Install Sigma rules' });
    expect(install).toBeDisabled();
    const picker = document.querySelector('input[type=file]') as HTMLInputElement;
    // The file dialog offers .json only; a user can still choose "all files" and pick the YAML output.
    await userEvent
      .setup({ applyAccept: false })
      .upload(picker, new File(['apiVersion: 1'], 'rules.yaml', { type: 'application/yaml' }));
    expect(await screen.findByText(/^rules\.yaml: not JSON/)).toBeInTheDocument();
    const converted = {
      apiVersion: 1,
      groups: [
        {
          name: 'kansa-sigma',
          interval: '60s',
          rules: [
            {
              uid: 'sigma-a',
              title: 'Sigma: A',
              data: [{ refId: 'A', datasourceUid: 'kansa', model: {} }],
              isPaused: true,
            },
          ],
        },
      ],
    };
    await userEvent.upload(picker, new File([JSON.stringify(converted)], 'rules.json', { type: 'application/json' }));
    expect(await screen.findByText('1 rules in 1 groups, ready to install')).toBeInTheDocument();
    await userEvent.click(install);
    expect(
      await screen.findByText('Installed 1 Sigma rules into "Kansa Sigma"; 0 of them enabled'),
    ).toBeInTheDocument();
    expect(put).toHaveBeenCalledWith(
      '/api/v1/provisioning/folder/kansa-sigma/rule-groups/kansa-sigma',
      expect.objectContaining({
        interval: 60,
        rules: [
          expect.objectContaining({
            uid: 'sigma-a',
            isPaused: true,
            data: [expect.objectContaining({ datasourceUid: 'audit-logs' })],
          }),
        ],
      }),
      { headers: { 'X-Disable-Provenance': 'true' } },
    );
  });
});
