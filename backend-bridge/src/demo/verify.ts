import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEnricher, parseAssets, parseDirectory } from '../translate/directory';
import { TranslateStream } from '../translate/engine';
import type { KansaEvent } from '../translate/types';
import { FORMATS, STAGES } from '../translators';

/**
 * A tiny evaluator for the scenario queries: `term AND term AND …`, where a term is `field:value`
 * (exact, case-insensitive; `*` is a wildcard; quotes allowed), `field:>=N` / `field:<=N`, or
 * `field:[A TO B]` (inclusive; ISO times compare as instants). Arrays match when any element does.
 */
export type Query = (e: KansaEvent) => boolean;

export function compileQuery(query: string): Query {
  const terms = query.split(/\s+AND\s+/).map((raw) => {
    const term = raw.trim();
    const colon = term.indexOf(':');
    if (colon <= 0) throw new Error(`query term "${term}" is not field:value`);
    const field = term.slice(0, colon);
    let value = term.slice(colon + 1);
    const range = /^\[(.+) TO (.+)\]$/.exec(value);
    if (range) {
      const [lo, hi] = [range[1], range[2]];
      const num = (v: unknown, bound: string): [number, number] | undefined => {
        const a = typeof v === 'number' ? v : Date.parse(String(v));
        const b = /^-?\d+(\.\d+)?$/.test(bound) ? Number(bound) : Date.parse(bound);
        return Number.isNaN(a) || Number.isNaN(b) ? undefined : [a, b];
      };
      return (v: unknown): boolean => {
        const l = num(v, lo);
        const h = num(v, hi);
        return !!l && !!h && l[0] >= l[1] && h[0] <= h[1];
      };
    }
    const cmp = /^(>=|<=)(-?\d+(?:\.\d+)?)$/.exec(value);
    if (cmp) {
      const n = Number(cmp[2]);
      return (v: unknown): boolean => typeof v === 'number' && (cmp[1] === '>=' ? v >= n : v <= n);
    }
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    // Lucene escapes: `\:` is a colon, `\\` a backslash.
    value = value.replace(/\\(.)/g, '$1');
    const re = new RegExp(
      `^${value
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      'is',
    );
    return { field, test: (v: unknown): boolean => re.test(String(v)) } as unknown as (v: unknown) => boolean;
  });
  const fields = query.split(/\s+AND\s+/).map((t) => t.trim().slice(0, t.trim().indexOf(':')));
  const tests = terms.map((t) =>
    typeof t === 'function' ? t : (t as unknown as { test: (v: unknown) => boolean }).test,
  );
  return (e) =>
    tests.every((test, i) => {
      const v = (e as Record<string, unknown>)[fields[i]];
      if (v === undefined || v === null) return false;
      return Array.isArray(v) ? v.some((x) => test(x)) : test(v);
    });
}

export interface FileCheck {
  name: string;
  format: string;
  records: number;
  events: number;
  failures: Map<string, number>;
  actions: Map<string, number>;
}

/**
 * Translates every log file of a generated directory through the real engine (registered formats and
 * stages, directory enrichment from its users.csv and assets.csv) and counts the matches of each query.
 */
export function translateDemo(
  dir: string,
  files: string[],
  queries: string[],
  year: number,
  onEvent?: (file: string, e: KansaEvent) => void,
): { files: FileCheck[]; counts: number[] } {
  const users = parseDirectory(readFileSync(join(dir, 'users.csv'), 'utf8'), 'users.csv');
  const assets = parseAssets(readFileSync(join(dir, 'assets.csv'), 'utf8'), 'assets.csv');
  const enrich = createEnricher(users, assets);
  const compiled = queries.map(compileQuery);
  const counts = queries.map(() => 0);
  const out: FileCheck[] = [];
  for (const name of files) {
    const actions = new Map<string, number>();
    const stream = new TranslateStream(
      {
        source: name,
        ctx: { year, timeZone: 'Asia/Tokyo', now: new Date(Date.UTC(year, 11, 31)) },
        formats: FORMATS,
        stages: STAGES.map((m) => m()),
        enrich,
      },
      (events) => {
        for (const e of events) {
          const a = String(e['event.action'] ?? '-');
          actions.set(a, (actions.get(a) ?? 0) + 1);
          compiled.forEach((q, i) => {
            if (q(e)) counts[i]++;
          });
          onEvent?.(name, e);
        }
      },
    );
    const buf = readFileSync(join(dir, name));
    for (let off = 0; off < buf.length; off += 1 << 20) stream.write(buf.subarray(off, off + (1 << 20)));
    stream.end();
    out.push({
      name,
      format: stream.format?.id ?? '?',
      records: stream.summary.records,
      events: [...actions.values()].reduce((a, b) => a + b, 0),
      failures: stream.summary.failures,
      actions,
    });
  }
  return { files: out, counts };
}
