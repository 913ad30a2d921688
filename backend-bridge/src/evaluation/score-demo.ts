import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { FIELD, RISK_INDEX_PATTERN } from '@kansa/schema';
import { createClient, openSearchUrl, redactUrl } from '../opensearch/client';
import { DEFAULT_HOLIDAYS_FILE, loadHolidays } from '../risk/holidays';
import { LocalTime } from '../risk/localtime';
import { rebuild } from '../risk/rebuild';
import { DEFAULT_SETTINGS } from '../risk/settings';
import { loadState } from '../risk/store/state-store';

/**
 * After `kansa demo` imported a month: scores it (`kansa risk rebuild` over the whole month) unless
 * OpenSearch holds summaries for it and the saved profiles are learned through its last day, so the
 * ranking has something to show right away.
 */
export async function scoreDemoMonth(out: string, io: { stderr: Writable }): Promise<number> {
  const meta = JSON.parse(readFileSync(join(out, 'scenarios.json'), 'utf8')) as {
    start: string;
    days: number;
    timeZone: string;
  };
  const holidaysFile = join(out, 'holidays.txt');
  const settings = {
    ...DEFAULT_SETTINGS,
    timeZone: meta.timeZone,
    holidays: loadHolidays(existsSync(holidaysFile) ? holidaysFile : DEFAULT_HOLIDAYS_FILE),
  };
  const clock = new LocalTime(meta.timeZone);
  const first = LocalTime.dayOf(meta.start);
  const to = LocalTime.dateOf(first + meta.days - 1);
  const url = openSearchUrl();
  const client = createClient(url);
  try {
    const range = {
      range: {
        [FIELD.timestamp]: {
          gte: new Date(clock.dayStart(first)).toISOString(),
          lt: new Date(clock.dayStart(first + meta.days)).toISOString(),
        },
      },
    };
    const count = (
      await client.transport.request({
        method: 'POST',
        path: `/${RISK_INDEX_PATTERN}/_count?ignore_unavailable=true&allow_no_indices=true`,
        body: { query: range },
      })
    ).body as { count: number };
    // Scored through this month's last day, not just any summary in its range: another month on the
    // same dates (e.g. the small profile) must not stand in for it.
    const learned = (await loadState(client)).state.day;
    if (count.count > 0 && learned !== undefined && learned >= first + meta.days - 1) {
      io.stderr.write(`kansa demo: risk scores already there (${count.count} daily summaries)\n`);
      return 0;
    }
    io.stderr.write(`kansa demo: scoring risk from ${meta.start} to ${to} (kansa risk rebuild)\n`);
    const r = await rebuild(client, settings, meta.start, to);
    io.stderr.write(`kansa demo: ${r.summaries} daily risk summaries, ${r.marked} events marked\n`);
    for (const e of r.errors.slice(0, 10)) io.stderr.write(`kansa demo: risk: refused: ${e}\n`);
    return r.errors.length > 0 ? 1 : 0;
  } catch (err) {
    io.stderr.write(`kansa demo: risk scoring against ${redactUrl(url)} failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await client.close();
  }
}
