import type { KansaEvent } from '@kansa/schema';
import { FileAccessCondenser } from '.';

/**
 * The accounting invariant on a long mixed stream: every raw object-access event that goes in comes out
 * exactly once, either inside one condensed record (its kansa.count and event.original) or as itself.
 */

const T0 = Date.parse('2026-10-01T00:00:00.000Z');
const OTHER_TYPES = ['Key', 'Key', 'Key', 'SERVICE OBJECT', 'SAM_DOMAIN', 'SAM_ALIAS', 'Token', 'Process', 'Mutant'];

/** A small deterministic generator (LCG), so the stream is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Gen {
  events: KansaEvent[];
  byCode: Record<string, number>;
}

/**
 * ~`n` raw events from interleaved handle lifetimes: file handles with and without 4663, deletes,
 * denied requests, 4663 without 4656, closes whose open was never seen, registry keys, services, SAM
 * and other objects whose 4658 carries no ObjectType, and handle values reused across object types.
 */
function mixedStream(n: number, seed: number): Gen {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const events: KansaEvent[] = [];
  const byCode: Record<string, number> = {};
  let t = T0;
  let id = 0;
  const live: Array<{ steps: Array<[string, Record<string, string>, string[] | undefined, string?]> }> = [];
  const emit = (code: string, data: Record<string, string>, rights?: string[], outcome = 'success'): void => {
    id++;
    byCode[code] = (byCode[code] ?? 0) + 1;
    const e: KansaEvent = {
      '@timestamp': new Date(t).toISOString(),
      'event.code': code,
      'event.module': 'windows',
      'event.outcome': outcome,
      'host.name': data.host,
      'user.name': data.u,
      'winlog.provider_name': 'Microsoft-Windows-Security-Auditing',
      'winlog.record_id': String(id),
      'winlog.event_data': data,
      'event.original': `r${id}`,
    };
    if (rights) e['kansa.access.rights'] = rights;
    events.push(e);
  };
  while (events.length < n) {
    // NXLog writes whole seconds; sometimes minutes pass between bursts.
    t += r() < 0.02 ? Math.floor(r() * 15 * 60_000) : r() < 0.5 ? 0 : 1000;
    if (live.length < 12 && r() < 0.5) {
      const u = pick(['tanaka', 'sato', 'suzuki', 'SYSTEM']);
      const host = pick(['FS01', 'FS02', 'DC01']);
      const pid = pick(['0x4', '0x2b1c', '0x1a0']);
      const handle = `0x${(Math.floor(r() * 24) * 4).toString(16)}`;
      const file = r() < 0.6;
      const data: Record<string, string> = {
        u,
        host,
        SubjectUserName: u,
        HandleId: handle,
        ProcessId: pid,
        ObjectType: file ? 'File' : pick(OTHER_TYPES),
        ObjectName: file
          ? `C:\\Shares\\d${Math.floor(r() * 4)}\\f${Math.floor(r() * 40)}.docx`
          : `\\REGISTRY\\MACHINE\\SOFTWARE\\K${Math.floor(r() * 30)}`,
      };
      const close = { u, host, SubjectUserName: u, HandleId: handle, ProcessId: pid };
      const steps: Array<[string, Record<string, string>, string[] | undefined, string?]> = [];
      const kind = r();
      if (kind < 0.05) steps.push(['4656', data, ['WriteData'], 'failure']);
      else if (kind < 0.1) steps.push(['4658', close, undefined]);
      else {
        if (kind > 0.15)
          steps.push([
            '4656',
            data,
            pick([['ReadData'], ['ReadData', 'WriteData'], ['DELETE'], ['QueryValue'], ['ReadAttributes']]),
          ]);
        const uses = r() < 0.35 ? 0 : 1 + Math.floor(r() * 3);
        for (let i = 0; i < uses; i++)
          steps.push(['4663', data, [pick(['ReadData', 'WriteData', 'DELETE', 'QueryValue', 'AppendData'])]]);
        if (r() < 0.1) steps.push(['4660', { ...close, ObjectServer: 'Security' }, undefined]);
        if (r() < 0.92) steps.push(['4658', close, undefined]);
      }
      if (steps.length > 0) live.push({ steps });
    }
    const at = Math.floor(r() * live.length);
    const s = live[at];
    if (!s) continue;
    const [code, data, rights, outcome] = s.steps.shift()!;
    emit(code, data, rights, outcome);
    if (s.steps.length === 0) live.splice(at, 1);
  }
  return { events, byCode };
}

function account(
  stage: FileAccessCondenser,
  events: KansaEvent[],
): { seen: Map<string, number>; records: number; passed: number; countSum: number; bad: string[] } {
  const seen = new Map<string, number>();
  const bad: string[] = [];
  let records = 0;
  let passed = 0;
  let countSum = 0;
  const take = (out: KansaEvent): void => {
    const ids = String(out['event.original']).split('\n');
    if (out['kansa.count'] !== undefined) {
      records++;
      countSum += out['kansa.count'] as number;
      if (out['kansa.count'] !== ids.length)
        bad.push(`record with kansa.count ${out['kansa.count']} holds ${ids.length} raw events`);
    } else {
      passed++;
      if (ids.length !== 1) bad.push(`passed-through event holds ${ids.length} raw events`);
    }
    for (const x of ids) seen.set(x, (seen.get(x) ?? 0) + 1);
  };
  for (const e of events) for (const out of stage.push(e)) take(out);
  for (const out of stage.flush()) take(out);
  return { seen, records, passed, countSum, bad };
}

describe('object-access accounting on long mixed streams', () => {
  it.each([
    ['100k events, seed 1', 100_000, 1],
    ['100k events, seed 2', 100_000, 2],
  ])('%s: every raw event is in exactly one record or passed through', (_name, n, seed) => {
    const { events, byCode } = mixedStream(n, seed);
    // The stream really is mixed: all four codes, non-file objects and closes of them.
    for (const code of ['4656', '4663', '4658', '4660']) expect(byCode[code]).toBeGreaterThan(1000);
    const stage = new FileAccessCondenser({ maxOpenHandles: 500, maxBuffered: 2000, maxPending: 500 });
    const { seen, records, passed, countSum, bad } = account(stage, events);
    expect(bad.slice(0, 5)).toEqual([]);
    const missing = events
      .filter((e) => seen.get(e['event.original'] as string) !== 1)
      .map((e) => `${e['event.original']}:${seen.get(e['event.original'] as string) ?? 0}`);
    expect(missing.slice(0, 10)).toEqual([]);
    expect(seen.size).toBe(events.length);
    expect(countSum + passed).toBe(events.length);
    // Condensation actually happens: far fewer outputs than inputs.
    const ratio = events.length / (records + passed);
    expect(ratio).toBeGreaterThan(2);
  });
});
