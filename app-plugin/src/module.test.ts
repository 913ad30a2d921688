import { AppPlugin } from '@grafana/data';

import { App } from './components/App/App';
import { AppConfig } from './components/AppConfig/AppConfig';
import { plugin } from './module';

describe('module', () => {
  it('exports an app plugin with the Kansa root page and its configuration page', () => {
    expect(plugin).toBeInstanceOf(AppPlugin);
    expect(plugin.root).toBe(App);
    expect(plugin.configPages).toEqual([
      expect.objectContaining({ id: 'configuration', title: 'Configuration', body: AppConfig }),
    ]);
  });
});
