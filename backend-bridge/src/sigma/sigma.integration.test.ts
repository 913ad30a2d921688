import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexTemplate } from '@kansa/schema';
import { firing, reduce, seriesOf, thresholdGt, type FrameJson } from '../../../app-plugin/src/content/rules/evaluate';
import { createClient } from '../opensearch/client';
import { TranslateStream } from '../translate/engine';
import { GOLDEN_CONTEXT } from '../translate/testing/golden';
import type { KansaEvent } from '../translate/types';
import { FORMATS } from '../translators';
import { alertData } from './alert';
import { convertCorpus, type Entry } from './corpus';
import { loadRules } from './rule';

// Each fixture folder holds Sigma rules written for these tests and raw logs in their native formats: match.* the
// rule must fire on, benign.* it must not. The logs go through the real translators into an index of their own
// (the demo month's index stays untouched), and each converted alert query runs through kansa-dsquery, the built
// plugin driven over go-plugin as Grafana drives it, then through Grafana's reduce and threshold.

const repo = join(__dirname, '..', '..', '..');
const DSQUERY = join(repo, 'datasource-plugin/bin/kansa-dsquery');
const FIXTURES = join(__dirname, 'fixtures');
const index = `kansa-sigmatest-${process.pid}`;
const client = createClient();
jest.setTimeout(120_000);

const fixtures = readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, 'rule.yml')));
const times = new Map<string, number[]>();

function translate(file: string): KansaEvent[] {
  const out: KansaEvent[] = [];
  const stream = new TranslateStream(
    { source: file, formats: FORMATS, stages: [], ctx: { ...GOLDEN_CONTEXT } },
    (events) => out.push(...events),
  );
  stream.write(readFileSync(file));
  stream.end();
  return out;
}

/** The rules a fixture alerts with: correlation rules stand for the plain rules they count. */
function alerting(entries: Entry[]): Entry[] {
  const counted = new Set(entries.flatMap((e) => e.rule.correlation?.rules ?? []));
  return entries.filter((e) => !counted.has(e.rule.id ?? '') && !counted.has(e.rule.name ?? ''));
}

/** Grafana's evaluation of the alert at the end of the range: the label sets over the threshold. */
function fires(e: Entry, query: string, from: number, to: number): Array<Record<string, string>> {
  const [a] = alertData({ ...e.measure!, query }, 'sigma-test');
  const model = a.model as Record<string, unknown>;
  const request = {
    settings: { url: process.env.OPENSEARCH_URL, jsonData: { indexPattern: index } },
    queries: [model],
    range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
  };
  const run = spawnSync(DSQUERY, ['query', '--request', '-'], {
    input: JSON.stringify(request),
    maxBuffer: 1 << 28,
    encoding: 'utf8',
  });
  if (run.status !== 0)
    throw new Error(`kansa-dsquery exited ${run.status ?? run.signal ?? run.error?.message}: ${run.stderr}`);
  const result = JSON.parse(run.stdout).results.A as { error?: string; frames?: FrameJson[] };
  if (result.error) throw new Error(`${e.rule.title}: ${result.error}\n${query}`);
  return firing(thresholdGt(reduce(seriesOf(result.frames ?? []), e.measure!.reducer), e.measure!.above)).map(
    (i) => i.labels,
  );
}

beforeAll(async () => {
  if (!existsSync(DSQUERY))
    throw new Error(`${DSQUERY} is missing: build it with node datasource-plugin/scripts/build-backend.mjs`);
  const mappings = (indexTemplate() as { template: { mappings: unknown } }).template.mappings;
  await client.transport.request({
    method: 'PUT',
    path: `/${index}`,
    body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings },
  });
  const lines: string[] = [];
  for (const name of fixtures) {
    for (const file of readdirSync(join(FIXTURES, name)).filter((f) => /^(match|benign)\./.test(f))) {
      const kind = file.split('.')[0];
      const events = translate(join(FIXTURES, name, file));
      for (const ev of events) {
        if (ev['kansa.parse.status'] !== 'ok') throw new Error(`${name}/${file}: ${ev['kansa.parse.error']}`);
        // Which sample an event came from, so a rule's positive check counts its own sample only.
        ev['kansa.ingest.input'] = `${name}/${kind}`;
        lines.push(JSON.stringify({ create: { _index: index } }), JSON.stringify(ev));
      }
      times.set(
        `${name}/${kind}`,
        events.map((ev) => Date.parse(String(ev['@timestamp']))),
      );
    }
  }
  await client.transport.request({ method: 'POST', path: '/_bulk?refresh=true', body: `${lines.join('\n')}\n` });
});

afterAll(async () => {
  await client.transport.request({ method: 'DELETE', path: `/${index}?ignore_unavailable=true` });
  await client.close();
});

describe.each(fixtures)('Sigma fixture %s', (name) => {
  const { rules, errors } = loadRules([join(FIXTURES, name, 'rule.yml')]);
  const entries = convertCorpus(rules);

  it('converts fully', () => {
    expect(errors).toEqual([]);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((e) => ({ title: e.rule.title, outcome: e.outcome, issues: e.issues }))).toEqual(
      entries.map((e) => ({ title: e.rule.title, outcome: 'full', issues: [] })),
    );
  });

  it('fires on its positive sample, evaluated as Grafana does at the end of the sample', () => {
    const at = Math.max(...times.get(`${name}/match`)!) + 60_000;
    for (const e of alerting(entries)) {
      const own = `(${e.query}) AND kansa.ingest.input:"${name}/match"`;
      expect({ rule: e.rule.title, fired: fires(e, own, at - e.measure!.windowSeconds * 1000, at).length > 0 }).toEqual(
        { rule: e.rule.title, fired: true },
      );
    }
  });

  it('stays silent on every benign sample of every fixture', () => {
    // Over the whole day: a count that never exceeds the threshold in the day exceeds it in no window either.
    const day = Date.parse('2026-10-05T00:00:00Z');
    for (const e of alerting(entries)) {
      const benign = `(${e.query}) AND kansa.ingest.input:*\\/benign`;
      expect({ rule: e.rule.title, fired: fires(e, benign, day, day + 86_400_000) }).toEqual({
        rule: e.rule.title,
        fired: [],
      });
    }
  });
});
