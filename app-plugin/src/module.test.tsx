import { AppPlugin } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';

import { setLanguage } from './testing/i18n';
import { plugin } from './module';

jest.setTimeout(30000);

describe('module', () => {
  it('exports an app plugin with a root page and a configuration page', async () => {
    await setLanguage('en-US');
    expect(plugin).toBeInstanceOf(AppPlugin);
    expect(plugin.configPages).toEqual([expect.objectContaining({ id: 'configuration', title: 'Configuration' })]);
    await setLanguage('ja-JP');
    expect(plugin.configPages![0].title).toBe('設定');
  });

  it('loads the root page after the translations, as Grafana renders it', async () => {
    await setLanguage('ja-JP');
    const Root = plugin.root!;
    render(
      <MemoryRouter
        initialEntries={['/a/kansa-logs-app/risk']}
        future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
      >
        <Routes>
          <Route
            path="/a/kansa-logs-app/*"
            element={
              <Root
                meta={{ jsonData: {} } as never}
                path="/a/kansa-logs-app"
                query={{}}
                basename="/a/kansa-logs-app"
                onNavChanged={() => {}}
              />
            }
          />
        </Routes>
      </MemoryRouter>,
    );
    expect(await screen.findByRole('heading', { name: 'リスクランキング' })).toBeInTheDocument();
  });
});
