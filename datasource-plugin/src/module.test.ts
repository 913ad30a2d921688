import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './datasource';
import { QueryHelp } from './help/QueryHelp';
import { plugin } from './module';

describe('module', () => {
  it('exports a data source plugin wired to the Kansa class, editors and query help', () => {
    expect(plugin).toBeInstanceOf(DataSourcePlugin);
    expect(plugin.DataSourceClass).toBe(DataSource);
    expect(plugin.components.ConfigEditor).toBe(ConfigEditor);
    expect(plugin.components.QueryEditor).toBe(QueryEditor);
    expect(plugin.components.QueryEditorHelp).toBe(QueryHelp);
  });
});
