import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './datasource';
import { QueryHelp } from './help/QueryHelp';
import type { KansaDataSourceOptions, KansaQuery, KansaSecureJsonData } from './types';

export const plugin = new DataSourcePlugin<DataSource, KansaQuery, KansaDataSourceOptions, KansaSecureJsonData>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor)
  .setQueryEditorHelp(QueryHelp);
