import { dateTime, type TimeRange } from '@grafana/data';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FIELD } from '@kansa/schema/fields';
import { useState } from 'react';

import { QueryEditor } from '../components/QueryEditor';
import type { KansaQuery } from '../types';
import { EDITOR_FIELDS, makeDataSource } from './fixtures';

/** The panel's time range in every editor test: the demo month. */
export const RANGE: TimeRange = {
  from: dateTime('2026-10-01T00:00:00Z'),
  to: dateTime('2026-10-31T00:00:00Z'),
  raw: { from: '2026-10-01T00:00:00Z', to: '2026-10-31T00:00:00Z' },
};

type Backend = Parameters<typeof makeDataSource>[0];

// Keeps the query in state like a panel does, and records every change and run.
export async function setup(initial: Partial<KansaQuery> = {}, backend: Backend = {}) {
  const { ds, calls } = makeDataSource({
    fields: EDITOR_FIELDS,
    values: {
      [FIELD.eventAction]: [
        { value: 'logon-failed', count: 511 },
        { value: 'logged-in', count: 9536 },
      ],
      [FIELD.userName]: [
        { value: 'sakamoto.a', count: 812 },
        { value: 'shimizu.m', count: 640 },
      ],
    },
    ...backend,
  });
  const changes: KansaQuery[] = [];
  const onRunQuery = jest.fn();
  let replace: (q: KansaQuery) => void = () => {};
  function Harness() {
    const [query, setQuery] = useState<KansaQuery>({ refId: 'A', queryType: 'logs', query: '', ...initial });
    replace = setQuery;
    return (
      <QueryEditor
        datasource={ds}
        query={query}
        range={RANGE}
        onRunQuery={onRunQuery}
        onChange={(q) => {
          changes.push(q);
          setQuery(q);
        }}
      />
    );
  }
  render(<Harness />);
  // The field list arrives from the (fake) backend right after the first render.
  await act(async () => {});
  return {
    ds,
    calls,
    changes,
    onRunQuery,
    last: () => changes[changes.length - 1],
    replace: (q: KansaQuery) => act(() => replace(q)),
  };
}

export async function pick(input: HTMLElement, option: string | RegExp) {
  await userEvent.click(input);
  const menu = await screen.findByLabelText('Select options menu');
  await userEvent.click(within(menu).getByText(option));
}
