import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { DataSource } from '../datasource';
import type { KansaQuery } from '../types';
import { QueryEditor } from './QueryEditor';

function setup(query: Partial<KansaQuery> = {}) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const fullQuery: KansaQuery = { refId: 'A', queryType: 'logs', query: '', ...query };
  const editor = (q: KansaQuery) => (
    <QueryEditor datasource={{} as DataSource} query={q} onChange={onChange} onRunQuery={onRunQuery} />
  );
  const { rerender } = render(editor(fullQuery));
  return { onChange, onRunQuery, fullQuery, rerender: (q: KansaQuery) => rerender(editor(q)) };
}

describe('QueryEditor', () => {
  it('shows every query type with the current one selected', () => {
    setup({ queryType: 'attendance' });
    for (const label of ['Logs', 'Metrics', 'Table', 'Attendance', 'Risk']) {
      expect(screen.getByRole('radio', { name: label })).toBeInTheDocument();
    }
    expect(screen.getByRole('radio', { name: 'Attendance' })).toBeChecked();
  });

  it('changes the query type and runs the query', async () => {
    const { onChange, onRunQuery, fullQuery } = setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Metrics' }));
    expect(onChange).toHaveBeenCalledWith({ ...fullQuery, queryType: 'metrics' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('commits the Lucene query on Enter, not per keystroke', async () => {
    const { onChange, onRunQuery, fullQuery } = setup();
    const input = screen.getByRole('textbox', { name: 'Lucene query' });
    await userEvent.type(input, 'event.code:4625');
    expect(onChange).not.toHaveBeenCalled();
    await userEvent.keyboard('{Enter}');
    expect(onChange).toHaveBeenCalledWith({ ...fullQuery, query: 'event.code:4625' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('commits on blur and leaves an unchanged query alone', async () => {
    const { onChange } = setup({ query: 'user.name:yamada' });
    const input = screen.getByRole('textbox', { name: 'Lucene query' });
    expect(input).toHaveValue('user.name:yamada');
    await userEvent.click(input);
    await userEvent.tab();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('shows a query replaced from outside, as Explore history does', () => {
    const { fullQuery, rerender } = setup({ query: 'user.name:yamada' });
    rerender({ ...fullQuery, query: 'host.name:FS01' });
    expect(screen.getByRole('textbox', { name: 'Lucene query' })).toHaveValue('host.name:FS01');
  });
});
