import '../testing/dom';

import { dateTime, type DataQueryRequest } from '@grafana/data';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FIELD } from '@kansa/schema/fields';
import { firstValueFrom } from 'rxjs';

import { EDITOR_FIELDS, makeDataSource, setUserLanguage } from '../testing/fixtures';
import { toVariableQuery, type KansaVariableQuery } from './types';
import { VariableQueryEditor } from './VariableQueryEditor';

const range = {
  from: dateTime('2026-10-01T00:00:00Z'),
  to: dateTime('2026-10-31T00:00:00Z'),
  raw: { from: '2026-10-01T00:00:00Z', to: '2026-10-31T00:00:00Z' },
};

function request(target: unknown): DataQueryRequest<KansaVariableQuery> {
  return { targets: [target], range, scopedVars: {} } as unknown as DataQueryRequest<KansaVariableQuery>;
}

describe('variable support', () => {
  it('lists a field’s values under a filter that may use other variables', async () => {
    const { ds, calls } = makeDataSource(
      {
        values: {
          [FIELD.userName]: [
            { value: 'sakamoto.a', count: 812 },
            { value: 'shimizu.m', count: 640 },
          ],
        },
      },
      {},
      { dept: '人事' },
    );
    const response = await firstValueFrom(
      ds.variables.query(
        request({ refId: 'v', field: FIELD.userName, query: `${FIELD.kansaUserDepartment}:$dept`, size: 5000 }),
      ),
    );
    expect(response.data).toEqual([
      { text: 'sakamoto.a', value: 'sakamoto.a' },
      { text: 'shimizu.m', value: 'shimizu.m' },
    ]);
    expect(calls).toEqual([
      {
        path: 'values',
        params: {
          field: FIELD.userName,
          query: `${FIELD.kansaUserDepartment}:"人事"`,
          from: Date.parse('2026-10-01T00:00:00Z'),
          to: Date.parse('2026-10-31T00:00:00Z'),
          size: 500,
        },
      },
    ]);
  });

  it('returns nothing without a field and fails with the backend’s message for an unknown one', async () => {
    const { ds, calls } = makeDataSource({ values: {} });
    expect((await firstValueFrom(ds.variables.query(request({ refId: 'v', field: '' })))).data).toEqual([]);
    expect(calls).toHaveLength(0);
    await expect(firstValueFrom(ds.variables.query(request('no.such')))).rejects.toEqual({
      status: 400,
      data: { message: 'unknown field no.such' },
    });
  });

  it('reads plain-string variable queries written by hand', () => {
    expect(toVariableQuery(`${FIELD.hostName} | ${FIELD.eventAction}:logged-in`)).toEqual({
      refId: 'KansaVariable',
      field: FIELD.hostName,
      query: `${FIELD.eventAction}:logged-in`,
    });
    expect(toVariableQuery(undefined)).toEqual({ refId: 'KansaVariable', field: '' });
  });
});

describe('VariableQueryEditor', () => {
  afterEach(() => setUserLanguage(undefined));

  async function renderEditor(query: KansaVariableQuery) {
    const { ds } = makeDataSource({ fields: EDITOR_FIELDS });
    const onChange = jest.fn();
    render(<VariableQueryEditor datasource={ds} query={query} onChange={onChange} onRunQuery={() => {}} />);
    await act(async () => {});
    return onChange;
  }

  it('edits the field, filter and size in English', async () => {
    setUserLanguage('en-US');
    const onChange = await renderEditor({ refId: 'v', field: FIELD.userName });
    await userEvent.click(screen.getByLabelText('Field'));
    const menu = await screen.findByLabelText('Select options menu');
    await userEvent.click(within(menu).getByText(FIELD.hostName));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'v', field: FIELD.hostName });
    await userEvent.type(screen.getByLabelText('Filter (Lucene)'), 'event.action:logged-in{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'v', field: FIELD.userName, query: 'event.action:logged-in' });
    await userEvent.type(screen.getByLabelText('Max values'), '50{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'v', field: FIELD.userName, size: 50 });
  });

  it('labels the editor in Japanese', async () => {
    setUserLanguage('ja-JP');
    await renderEditor({ refId: 'v', field: '' });
    expect(screen.getByLabelText('フィールド')).toBeInTheDocument();
    expect(screen.getByLabelText('絞り込み (Lucene)')).toBeInTheDocument();
    expect(screen.getByLabelText('最大件数')).toHaveAttribute('placeholder', '100');
  });
});
