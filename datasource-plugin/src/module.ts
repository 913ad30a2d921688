import { DataSourcePlugin } from '@grafana/data';
import { initPluginTranslations } from '@grafana/i18n';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './datasource';
import { QueryHelp } from './help/QueryHelp';
import { loadResources } from './locales/loadResources';
import pluginJson from './plugin.json';
import type { KansaDataSourceOptions, KansaQuery, KansaSecureJsonData } from './types';

// Not awaited (no top-level await, so AMD hosts get the plugin at once): Grafana has loaded the locales before
// the module, and the editors render long after this binds the plugin's namespace.
void initPluginTranslations(pluginJson.id, [loadResources]);

export const plugin = new DataSourcePlugin<DataSource, KansaQuery, KansaDataSourceOptions, KansaSecureJsonData>(
  DataSource,
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor)
  .setQueryEditorHelp(QueryHelp);
