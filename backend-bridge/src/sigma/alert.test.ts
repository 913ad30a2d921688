import { parse } from 'yaml';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { FIELD as F } from '@kansa/schema';
import { by, metrics } from '../../../app-plugin/src/content/queries';
import type { RuleDef, RuleSettings } from '../../../app-plugin/src/content/rules/model';
import { ruleData } from '../../../app-plugin/src/content/rules/grafana';
import { alertData, alertRule, attackLabels, matchMeasure, sigmaUid } from './alert';
import { sigmaCommand } from '../cli/sigma';
import { convertCorpus } from './corpus';
import { parseRules } from './rule';

const sink = () => {
  let text = '';
  return { stream: new Writable({ write: (c, _e, done) => ((text += String(c)), done()) }), text: () => text };
};

describe('alert rules in the app rules’ shape', () => {
  it('the data section equals what the app builds for the same metrics query (A, reduce Ar, threshold C)', () => {
    const query = 'event.action:started-process AND (process.executable:"x")';
    const def = {
      id: 'same-shape',
      threshold: 0,
      reducer: 'sum',
      queries: () => [
        {
          refId: 'A',
          query: metrics(query, { groupBy: [{ ...by(F.hostName, 50), missing: '-' }], interval: '1m' }),
          fromSeconds: 300,
          intervalMs: 60000,
        },
      ],
    } as unknown as RuleDef;
    const settings = { thresholds: {} } as unknown as RuleSettings;
    expect(alertData(matchMeasure(query), 'ds-uid')).toEqual(ruleData(def, settings, 'ds-uid'));
  });

  const { rules } = parseRules(
    [
      'title: Thing happened',
      'id: 5f0c1e2a-1111-4222-8333-944455556666',
      'level: medium',
      'description: d',
      'references: [https://example.org/a, https://example.org/b]',
      'tags: [attack.execution, attack.t1059.001, attack.g0007, attack.defense_evasion, car.2016-04-005]',
      'logsource: {product: windows, category: process_creation}',
      'detection: {sel: {Image: x}, condition: sel}',
    ].join('\n'),
    'a.yml',
  );

  it('is paused, labelled with sigma_id, severity, the Sigma level and ATT&CK, with the references as an annotation', () => {
    const r = alertRule(rules[0], matchMeasure('q'), 'kansa') as {
      uid: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
      isPaused: boolean;
    };
    expect(r.isPaused).toBe(true);
    expect(r.uid).toBe('sigma-5f0c1e2a111142228333944455556666');
    expect(r.uid.length).toBeLessThanOrEqual(40);
    expect(r.labels).toEqual({
      severity: 'warning',
      use_case: 'cyber',
      kansa_rule_id: r.uid,
      sigma_id: '5f0c1e2a-1111-4222-8333-944455556666',
      sigma_level: 'medium',
      attack_technique: 'T1059.001',
      attack_tactic: 'execution,defense-evasion',
    });
    expect(r.annotations.references).toBe('https://example.org/a\nhttps://example.org/b');
  });

  it('ATT&CK labels leave groups and software out; a rule without an id takes its uid from the title, 40 characters at most', () => {
    expect(attackLabels(['attack.s0002', 'attack.t1003', 'attack.credential-access'])).toEqual({
      attack_technique: 'T1003',
      attack_tactic: 'credential-access',
    });
    expect(sigmaUid({ ...rules[0], id: undefined, title: 'A very long title with many words that goes on' })).toBe(
      'sigma-averylongtitlewithmanywordsthatgoe',
    );
  });
});

describe('correlation rules', () => {
  const base = [
    'title: Failed logon',
    'name: failed',
    'logsource: {product: windows, service: security}',
    'detection: {sel: {EventID: 4625}, condition: sel}',
  ].join('\n');
  const corr = (body: string) =>
    convertCorpus(parseRules(`${base}\n---\ntitle: C\nid: c1\ncorrelation:\n${body}`, 'c.yml').rules)[1];

  it('event_count is a sum of counts per group over the timespan, gte N firing above N-1', () => {
    const c = corr(
      '  type: event_count\n  rules: [failed]\n  group-by: [IpAddress]\n  timespan: 15m\n  condition: {gte: 20}',
    );
    expect(c.outcome).toBe('full');
    expect(c.measure).toEqual({
      query: 'winlog.channel:"Security" AND (event.code:"4625")',
      groupBy: [F.sourceIp],
      metric: { type: 'count' },
      windowSeconds: 900,
      intervalSeconds: 60,
      reducer: 'sum',
      above: 19,
    });
  });
  it('value_count is a distinct count per group in one bucket of the timespan', () => {
    const body =
      "  type: value_count\n  rules: [failed]\n  group-by: [IpAddress]\n  timespan: 1h\n  condition: {field: 'EventID', gt: 3}";
    expect(corr(body).measure).toMatchObject({
      metric: { type: 'cardinality', field: F.eventCode },
      windowSeconds: 3600,
      intervalSeconds: 3600,
      reducer: 'max',
      above: 3,
    });
  });
  it('temporal, "fewer than", raw group-by fields and unknown rules are unsupported with the reason', () => {
    expect(corr('  type: temporal\n  rules: [failed]\n  timespan: 5m').issues[0].reason).toMatch(/several rules/);
    expect(
      corr('  type: event_count\n  rules: [failed]\n  timespan: 5m\n  condition: {lt: 2}').issues[0].reason,
    ).toMatch(/only "gt" or "gte"/);
    expect(
      corr(
        '  type: event_count\n  rules: [failed]\n  group-by: [TargetUserName]\n  timespan: 5m\n  condition: {gte: 2}',
      ).issues[0].reason,
    ).toMatch(/flat_object/);
    expect(
      corr('  type: event_count\n  rules: [other]\n  timespan: 5m\n  condition: {gte: 2}').issues[0].reason,
    ).toMatch(/not in the converted set: other/);
  });
});

describe('kansa sigma convert', () => {
  it('prints the coverage and writes a provisioning file with one paused group in the Kansa Sigma folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-sigma-'));
    try {
      const out = sink();
      const err = sink();
      const file = join(dir, 'sigma.yaml');
      const code = await sigmaCommand(
        ['convert', join(__dirname, 'fixtures'), join(__dirname, 'convert.test.ts'), '--out', file],
        { stdout: out.stream, stderr: err.stream },
      );
      expect(code).toBe(0);
      expect(out.text()).toMatch(/Sigma coverage: 12 rules/);
      expect(out.text()).toMatch(/full\s+12\s+100\.0 %/);
      const prov = parse(readFileSync(file, 'utf8'));
      expect(prov.apiVersion).toBe(1);
      expect(prov.groups).toHaveLength(1);
      expect(prov.groups[0]).toMatchObject({ orgId: 1, name: 'kansa-sigma', folder: 'Kansa Sigma', interval: '60s' });
      expect(prov.groups[0].rules).toHaveLength(11);
      expect(prov.groups[0].rules.map((r: { title: string }) => r.title)).not.toContain('Sigma: Failed network logon');
      expect(prov.groups[0].rules.every((r: { isPaused: boolean }) => r.isPaused)).toBe(true);
      expect(err.text()).toBe(`wrote 11 alert rules to ${file}\n`);
      // The same rules as JSON, for the app's configuration page.
      const json = join(dir, 'sigma.json');
      await sigmaCommand(['convert', join(__dirname, 'fixtures'), '--out', json], {
        stdout: sink().stream,
        stderr: sink().stream,
      });
      expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(prov);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports files that are not rules and counts partial and unconvertible rules with their reasons', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-sigma-'));
    try {
      const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
      write(
        'partial.yml',
        'title: P\nlogsource: {product: windows, category: process_creation}\ndetection: {sel: {Image: x, Description|contains: y}, condition: sel}\n',
      );
      write(
        'web.yml',
        'title: W\nlogsource: {category: webserver}\ndetection: {sel: {cs-uri-query|contains: x}, condition: sel}\n',
      );
      write('broken.yml', 'title: [unclosed\n');
      write('notes.yml', 'just: a map\n');
      const out = sink();
      expect(await sigmaCommand(['convert', dir, '--list'], { stdout: out.stream, stderr: sink().stream })).toBe(0);
      const text = out.text();
      expect(text).toMatch(/Sigma coverage: 2 rules \(2 files or documents not read as rules\)/);
      expect(text).toMatch(/partial\s+1\s+50\.0 %/);
      expect(text).toMatch(/none\s+1\s+50\.0 %/);
      expect(text).toMatch(/most often missing fields \(rules\):\n\s+1\s+Description/);
      expect(text).toMatch(/1\s+no web server access-log translator/);
      expect(text).toMatch(/error\s+\S+broken\.yml\s+YAML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
