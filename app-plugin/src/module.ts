import { AppPlugin } from '@grafana/data';

import { App } from './components/App/App';
import { AppConfig } from './components/AppConfig/AppConfig';
import type { KansaAppSettings } from './types';

export const plugin = new AppPlugin<KansaAppSettings>().setRootPage(App).addConfigPage({
  id: 'configuration',
  title: 'Configuration',
  icon: 'cog',
  body: AppConfig,
});
