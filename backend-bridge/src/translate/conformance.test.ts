import { isIP } from 'node:net';
import { loadRegistry, type FieldSpec } from '@kansa/schema';
import { translateBuffer } from './run';
import { allGoldenCases } from './testing/corpus';
import { GOLDEN_CONTEXT } from './testing/golden';
import type { KansaEvent } from './types';

const registry = new Map(loadRegistry().fields.map((f) => [f.name, f]));

function scalarProblem(field: FieldSpec, value: unknown): string | null {
  switch (field.type) {
    case 'keyword':
    case 'text':
      return typeof value === 'string' ? null : 'expected a string';
    case 'ip':
      return typeof value === 'string' && isIP(value) !== 0
        ? null
        : `expected an IP address, got ${JSON.stringify(value)}`;
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? null
        : `expected an ISO date, got ${JSON.stringify(value)}`;
    case 'long':
    case 'integer':
      return Number.isInteger(value) ? null : `expected an integer, got ${JSON.stringify(value)}`;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'expected a boolean';
    case 'flat_object':
    case 'object':
      return typeof value === 'object' && value !== null ? null : 'expected an object';
  }
}

export function schemaProblems(event: KansaEvent): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(event)) {
    const field = registry.get(key);
    if (!field) {
      problems.push(`${key}: not in schema/fields.yaml`);
      continue;
    }
    if (Array.isArray(value) && field.type !== 'flat_object') {
      if (!field.array) problems.push(`${key}: an array, but the registry does not mark it array`);
      for (const v of value) {
        const p = scalarProblem(field, v);
        if (p) problems.push(`${key}[]: ${p}`);
      }
      continue;
    }
    const p = scalarProblem(field, value);
    if (p) problems.push(`${key}: ${p}`);
  }
  return problems;
}

describe('every translator emits only registry fields with the registry type', () => {
  const cases = allGoldenCases();
  it('finds golden cases across many translators', () => {
    expect(new Set(cases.map((c) => c.translator)).size).toBeGreaterThan(5);
  });
  it.each(cases.map((c) => [`${c.translator}/${c.name}`, c] as const))('%s', (_label, c) => {
    const { events } = translateBuffer(c.input, {
      source: 'case.input',
      ...(c.options.format ? { format: c.options.format } : {}),
      ctx: { now: GOLDEN_CONTEXT.now, year: c.options.year ?? 2026, timeZone: c.options.timeZone ?? 'Asia/Tokyo' },
    });
    expect(events.length).toBeGreaterThan(0);
    const problems = events.flatMap((e, i) => schemaProblems(e).map((p) => `event ${i}: ${p}`));
    expect(problems).toEqual([]);
    for (const e of events) {
      expect(typeof e['kansa.message.ja']).toBe('string');
      expect(typeof e['kansa.message.en']).toBe('string');
      expect(typeof e['kansa.source_type']).toBe('string');
      expect(typeof e['event.original']).toBe('string');
    }
  });
});
