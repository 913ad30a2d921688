import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { translateBuffer } from '../run';

/** The clock, year and zone every golden case runs with, unless its case.json says otherwise. */
export const GOLDEN_CONTEXT = { now: new Date('2026-11-01T00:00:00Z'), year: 2026, timeZone: 'Asia/Tokyo' };

interface CaseOptions {
  format?: string;
  year?: number;
  timeZone?: string;
}

/**
 * One jest test per `testdata/<case>/case.input`: the engine's NDJSON must equal
 * `case.expected.ndjson`. UPDATE_GOLDEN=1 rewrites the expected files; review them by eye.
 */
export function describeGoldenCases(dir: string): void {
  const root = join(dir, 'testdata');
  const cases = existsSync(root)
    ? readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'case.input')))
        .map((d) => d.name)
        .sort()
    : [];
  describe('golden cases', () => {
    it('has at least one case', () => {
      expect(cases.length).toBeGreaterThan(0);
    });
    it.each(cases)('%s', (name) => {
      const caseDir = join(root, name);
      const optionsPath = join(caseDir, 'case.json');
      const options: CaseOptions = existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {};
      const { events } = translateBuffer(readFileSync(join(caseDir, 'case.input')), {
        source: 'case.input',
        ...(options.format ? { format: options.format } : {}),
        ctx: {
          now: GOLDEN_CONTEXT.now,
          year: options.year ?? GOLDEN_CONTEXT.year,
          timeZone: options.timeZone ?? GOLDEN_CONTEXT.timeZone,
        },
      });
      const actual = events.map((e) => JSON.stringify(e)).join('\n') + '\n';
      const expectedPath = join(caseDir, 'case.expected.ndjson');
      if (process.env.UPDATE_GOLDEN === '1') {
        writeFileSync(expectedPath, actual);
      }
      if (!existsSync(expectedPath)) {
        throw new Error(`${expectedPath} is missing: run with UPDATE_GOLDEN=1 and review it`);
      }
      expect(events.length).toBeGreaterThan(0);
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  });
}
