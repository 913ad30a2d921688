import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

import { RULES } from '../../app-plugin/src/content/rules';
import { alertRule, matchMeasure } from '../../backend-bridge/src/sigma/alert';
import { parseRules } from '../../backend-bridge/src/sigma/rule';

// Grafana expands rule labels and annotations with Go's text/template: a template it cannot parse (for example
// `$labels["user.name"]`, which Go does not read) shows up in every notification as an error instead of the text.
// alert-templates/ expands each text as Grafana does, with the series labels the rule's queries produce.

const repo = join(__dirname, '..', '..');
jest.setTimeout(120_000);

type Rule = { uid: string; labels: Record<string, string>; annotations: Record<string, string> };

function expand(rules: Rule[]): { status: number | null; out: string } {
  const run = spawnSync('go', ['run', '.'], {
    cwd: join(__dirname, 'alert-templates'),
    input: JSON.stringify(rules),
    encoding: 'utf8',
  });
  if (run.error) throw run.error;
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

/** The labels of one alert instance: the rule's own plus the group-by fields of its queries. */
function instanceLabels(rule: Rule, seriesLabels: string[]): Record<string, string> {
  return { ...rule.labels, ...Object.fromEntries(seriesLabels.map((k) => [k, `sample-${k}`])) };
}

describe('alert templates expand as Grafana expands them', () => {
  it('every Kansa rule: each label and annotation parses and expands, naming its series labels', () => {
    const file = parse(readFileSync(join(repo, 'provisioning/alerting/kansa-rules.yaml'), 'utf8'));
    const rules = file.groups.flatMap((g: { rules: Rule[] }) => g.rules) as Rule[];
    expect(rules.length).toBe(RULES.length);
    const withSeries = rules.map((r) => {
      const def = RULES.find((d) => `kansa-${d.id}` === r.uid)!;
      const fields = def
        .queries({
          thresholds: {},
          permittedPorts: [],
          timezone: 'Asia/Tokyo',
          lateNightStart: '22:00',
          lateNightEnd: '05:00',
          holidays: [],
          calendars: {},
          offHoursDepartments: [],
        })
        .flatMap((q) =>
          (q.query.groupBy ?? []).map((g) => g.field).concat(q.query.queryType === 'risk' ? ['user.name'] : []),
        );
      return { ...r, labels: instanceLabels(r, fields) };
    });
    const { status, out } = expand(withSeries);
    expect(out).toMatch(new RegExp(`checked \\d+ texts of ${RULES.length} rules, 0 failed`));
    expect(status).toBe(0);
  });

  it('a Sigma rule grouped by host', () => {
    const { rules } = parseRules(
      [
        'title: Thing happened',
        'id: 5f0c1e2a-1111-4222-8333-944455556666',
        'level: high',
        'description: d',
        'logsource: {product: windows, category: process_creation}',
        'detection: {sel: {Image|endswith: x.exe}, condition: sel}',
      ].join('\n'),
      'thing.yml',
    );
    const rule = alertRule(rules[0], matchMeasure('process.executable:*x.exe'), 'kansa') as unknown as Rule;
    const { status, out } = expand([{ ...rule, labels: instanceLabels(rule, ['host.name']) }]);
    expect(out).toMatch(/0 failed/);
    expect(status).toBe(0);
  });

  it('catches the text Grafana cannot expand', () => {
    const { status, out } = expand([
      { uid: 'bad', labels: { 'user.name': 'a' }, annotations: { summary: '{{ $labels["user.name"] }}' } },
    ]);
    expect(out).toContain('bad annotation summary');
    expect(status).toBe(1);
  });
});
