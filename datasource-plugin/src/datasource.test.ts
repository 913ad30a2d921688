import { CoreApp, type DataSourceInstanceSettings } from '@grafana/data';

import { DataSource } from './datasource';
import type { KansaDataSourceOptions } from './types';

describe('DataSource', () => {
  const ds = new DataSource({
    id: 1,
    uid: 'kansa',
    type: 'kansa-logs-datasource',
    name: 'Kansa Logs',
    jsonData: {},
  } as DataSourceInstanceSettings<KansaDataSourceOptions>);

  it('starts new queries as logs queries', () => {
    expect(ds.getDefaultQuery(CoreApp.Explore)).toEqual({ queryType: 'logs', query: '' });
  });

  it('supports standard annotation queries', () => {
    expect(ds.annotations).toEqual({});
  });
});
