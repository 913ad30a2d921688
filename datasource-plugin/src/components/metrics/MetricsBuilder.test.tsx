import '../../testing/dom';

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FIELD } from '@kansa/schema/fields';

import { setUserLanguage } from '../../testing/fixtures';
import { pick, setup } from '../../testing/queryEditorHarness';
import type { MetricAgg } from '../../types';

const COUNT: MetricAgg = { id: 'count', type: 'count' };

afterEach(() => setUserLanguage(undefined));
beforeEach(() => setUserLanguage('en-US'));

describe('the metric and group-by builder', () => {
  it('builds sum, percentiles and cardinality metrics with fields of a fitting type', async () => {
    const { last, onRunQuery } = await setup({ queryType: 'metrics', metrics: [COUNT] });
    await userEvent.click(screen.getByRole('button', { name: 'Add metric' }));
    expect(last().metrics).toEqual([COUNT, { id: 'cardinality', type: 'cardinality' }]);
    // A metric without a field cannot run yet; the editor says why instead of sending it.
    expect(onRunQuery).not.toHaveBeenCalled();
    expect(screen.getByText('Choose a field for the metric "cardinality"')).toBeInTheDocument();

    await pick(screen.getByLabelText('Field'), FIELD.userName);
    expect(last().metrics?.[1]).toEqual({
      id: `cardinality ${FIELD.userName}`,
      type: 'cardinality',
      field: FIELD.userName,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);

    const types = screen.getAllByLabelText('Metric');
    await pick(types[1], 'Percentiles');
    // user.name is not numeric, so percentiles drops it and asks for a numeric field.
    expect(last().metrics?.[1]).toEqual({ id: 'percentiles', type: 'percentiles', percents: [50, 95, 99] });
  });

  it('offers only numeric fields for sum and keeps percents valid', async () => {
    const { last } = await setup({ queryType: 'metrics', metrics: [COUNT, { id: 'sum', type: 'sum' }] });
    await userEvent.click(screen.getByLabelText('Field'));
    expect(await screen.findByText(FIELD.destinationBytes)).toBeInTheDocument();
    expect(screen.queryByText(FIELD.userName)).not.toBeInTheDocument();
    await userEvent.click(screen.getByText(FIELD.destinationBytes));
    expect(last().metrics?.[1]).toEqual({
      id: `sum ${FIELD.destinationBytes}`,
      type: 'sum',
      field: FIELD.destinationBytes,
    });

    await pick(screen.getAllByLabelText('Metric')[1], 'Percentiles');
    const percents = screen.getByLabelText('Percentiles');
    await userEvent.clear(percents);
    await userEvent.type(percents, '99.9, 50, 150{Enter}');
    expect(screen.getByText('"150" is not a number from 0 to 100')).toBeInTheDocument();
    expect(last().metrics?.[1].percents).toEqual([50, 95, 99]);
    await userEvent.clear(percents);
    await userEvent.type(percents, '99.9 50{Enter}');
    expect(last().metrics?.[1]).toEqual({
      id: `percentiles ${FIELD.destinationBytes}`,
      type: 'percentiles',
      field: FIELD.destinationBytes,
      percents: [50, 99.9],
    });
  });

  it('adds up to two terms group-bys with size, order and order by a metric', async () => {
    const sum: MetricAgg = { id: `sum ${FIELD.destinationBytes}`, type: 'sum', field: FIELD.destinationBytes };
    const { last } = await setup({ queryType: 'metrics', metrics: [COUNT, sum] });
    await userEvent.click(screen.getByRole('button', { name: 'Add group by' }));
    await pick(screen.getByLabelText('Group by'), FIELD.sourceIp);
    await userEvent.clear(screen.getByLabelText('Size'));
    await userEvent.type(screen.getByLabelText('Size'), '5{Enter}');
    await pick(screen.getByLabelText('Order by'), sum.id);
    await userEvent.click(screen.getByRole('radio', { name: 'Asc' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add group by' }));
    await pick(screen.getByLabelText('Then by'), FIELD.userName);
    expect(screen.queryByRole('button', { name: 'Add group by' })).not.toBeInTheDocument();
    expect(last().groupBy).toEqual([
      { field: FIELD.sourceIp, size: 5, order: 'asc', orderBy: sum.id },
      { field: FIELD.userName, size: 10, order: 'desc', orderBy: '_count' },
    ]);

    // Removing the metric a group-by orders by falls back to the document count.
    await userEvent.click(screen.getAllByRole('button', { name: 'Remove metric' })[1]);
    expect(last().metrics).toEqual([COUNT]);
    expect(last().groupBy?.[0].orderBy).toBe('_count');
  });

  it('stores a text field by its registry name; the backend aggregates its keyword sub-field', async () => {
    const { last } = await setup({ queryType: 'metrics', metrics: [COUNT], groupBy: [{ field: '', size: 10 }] });
    await pick(screen.getByLabelText('Group by'), FIELD.message);
    expect(last().groupBy?.[0].field).toBe(FIELD.message);
  });

  it('validates the interval and stores auto when emptied', async () => {
    const { last, changes } = await setup({ queryType: 'metrics', metrics: [COUNT], interval: 'auto' });
    const interval = screen.getByLabelText('Interval');
    await userEvent.clear(interval);
    await userEvent.type(interval, '5 minutes{Enter}');
    expect(screen.getByText('Use auto or an interval like 30s, 5m, 1h, 1d')).toBeInTheDocument();
    expect(changes).toHaveLength(0);
    await userEvent.clear(interval);
    await userEvent.type(interval, '15m{Enter}');
    expect(last().interval).toBe('15m');
    await userEvent.clear(interval);
    await userEvent.type(interval, '{Enter}');
    expect(last().interval).toBe('auto');
  });

  it('builds a top table, then raw columns in the order picked', async () => {
    const { last } = await setup({ queryType: 'table', tableMode: 'top', metrics: [COUNT] });
    expect(screen.getByText('A top table needs at least one group by')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Add group by' }));
    await pick(screen.getByLabelText('Group by'), FIELD.eventAction);
    expect(last()).toMatchObject({
      tableMode: 'top',
      metrics: [COUNT],
      groupBy: [{ field: FIELD.eventAction, size: 10 }],
    });

    await userEvent.click(screen.getByRole('radio', { name: 'Raw events' }));
    await pick(screen.getByLabelText('Columns'), FIELD.hostName);
    await pick(screen.getByLabelText('Columns'), FIELD.timestamp);
    expect(last()).toMatchObject({ tableMode: 'raw', columns: [FIELD.hostName, FIELD.timestamp] });
  });
});

describe('attendance and risk settings', () => {
  it('picks users from the values resource and overrides working-day rules', async () => {
    const { last, calls } = await setup({ queryType: 'attendance', attendanceView: 'sheet' });
    await pick(screen.getByLabelText('Users'), 'shimizu.m');
    expect(last().users).toEqual(['shimizu.m']);
    expect(calls.find((c) => c.path === 'values')?.params).toMatchObject({ field: FIELD.userName, size: 500 });

    await userEvent.click(screen.getByText('Working-day overrides'));
    await userEvent.type(screen.getByLabelText('Standard day (min)'), '450{Enter}');
    await userEvent.type(screen.getByLabelText('Time zone'), 'Asia/Tokio{Enter}');
    expect(screen.getByText('"Asia/Tokio" is not an IANA time zone (e.g. Asia/Tokyo)')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Late night from'), '23:00{Enter}');
    await userEvent.type(screen.getByLabelText('Holidays'), '2026-10-12{Enter}');
    await userEvent.type(screen.getByLabelText('Holidays'), '2026-13-01{Enter}');
    expect(screen.getByText('"2026-13-01" is not a date like YYYY-MM-DD and was not added')).toBeInTheDocument();
    expect(last().workday).toEqual({ standardDayMinutes: 450, lateNightStart: '23:00', holidays: ['2026-10-12'] });
  });

  it('shows the data source defaults as placeholders', async () => {
    await setup({ queryType: 'attendance', workday: { graceMinutes: 10 } });
    expect(screen.getByLabelText('Missing logoff grace (min)')).toHaveValue('10');
    expect(screen.getByLabelText('Standard day (min)')).toHaveAttribute('placeholder', '480');
    expect(screen.getByLabelText('Time zone')).toHaveAttribute('placeholder', 'Asia/Tokyo');
  });

  it('ranks hosts instead of users', async () => {
    const { last } = await setup({ queryType: 'risk', riskEntity: 'user' });
    await userEvent.click(screen.getByRole('radio', { name: 'Hosts' }));
    expect(last().riskEntity).toBe('host');
  });
});
