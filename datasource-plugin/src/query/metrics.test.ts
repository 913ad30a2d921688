import { FIELD } from '@kansa/schema/fields';

import { REGISTRY_FIELDS } from '../testing/fixtures';
import { fieldsForMetric } from './fields';
import { addMetric, isValidInterval, metricId, parsePercents, removeMetric, updateMetric } from './metrics';

describe('metric ids', () => {
  it('name the series by type and field and stay unique', () => {
    expect(metricId({ type: 'count' }, [])).toBe('count');
    expect(metricId({ type: 'sum', field: FIELD.destinationBytes }, [])).toBe(`sum ${FIELD.destinationBytes}`);
    expect(metricId({ type: 'count' }, ['count', 'count 2'])).toBe('count 3');
  });

  it('follow a field change and carry group-bys ordered by the old id along', () => {
    const metrics = [
      { id: 'count', type: 'count' as const },
      { id: `max ${FIELD.sourceBytes}`, type: 'max' as const, field: FIELD.sourceBytes },
    ];
    const groupBy = [{ field: FIELD.userName, orderBy: metrics[1].id }];
    const next = updateMetric(metrics, groupBy, 1, { type: 'max', field: FIELD.destinationBytes });
    expect(next.metrics[1]).toEqual({
      id: `max ${FIELD.destinationBytes}`,
      type: 'max',
      field: FIELD.destinationBytes,
    });
    expect(next.groupBy).toEqual([{ field: FIELD.userName, orderBy: `max ${FIELD.destinationBytes}` }]);
    expect(removeMetric(next.metrics, next.groupBy, 1).groupBy).toEqual([{ field: FIELD.userName, orderBy: '_count' }]);
  });

  it('add count first, then a metric that needs a field', () => {
    expect(addMetric([])).toEqual([{ id: 'count', type: 'count' }]);
    expect(addMetric([{ id: 'count', type: 'count' }])[1]).toEqual({ id: 'cardinality', type: 'cardinality' });
  });
});

describe('field pickers per metric type', () => {
  it('offer numeric aggregatable fields for sum and groupable ones for cardinality', () => {
    const sum = fieldsForMetric('sum', REGISTRY_FIELDS).map((f) => f.name);
    expect(sum).toContain(FIELD.destinationBytes);
    expect(sum).not.toContain(FIELD.userName);
    expect(sum).not.toContain(FIELD.timestamp);
    const cardinality = fieldsForMetric('cardinality', REGISTRY_FIELDS).map((f) => f.name);
    expect(cardinality).toEqual(expect.arrayContaining([FIELD.userName, FIELD.sourceIp, FIELD.message]));
    expect(fieldsForMetric('count', REGISTRY_FIELDS)).toEqual([]);
  });
});

describe('parsePercents and intervals', () => {
  it('parses, sorts and de-duplicates percents, naming a bad entry', () => {
    expect(parsePercents('99, 50 95,50')).toEqual({ percents: [50, 95, 99] });
    expect(parsePercents('50, 101')).toEqual({ error: '101' });
    expect(parsePercents('p95')).toEqual({ error: 'p95' });
    expect(parsePercents(' ')).toEqual({ error: '' });
  });

  it('accepts auto, units and variables', () => {
    for (const ok of ['auto', '30s', '5m', '1h', '1d', '1w', '$__interval']) {
      expect(isValidInterval(ok)).toBe(true);
    }
    for (const bad of ['', '0m', '5 m', '1.5h', 'hourly', '1M']) {
      expect(isValidInterval(bad)).toBe(false);
    }
  });
});
