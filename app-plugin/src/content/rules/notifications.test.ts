import { parse } from 'yaml';

import { generatedFiles } from '../generate';
import { RULES } from './index';
import { IPA_THREATS, JPCERT_CHECKS, RULE_GUIDANCE } from './guidance';
import { type Matcher, RECEIVERS, type Route } from './notifications';

const file = parse(generatedFiles().get('provisioning/alerting/kansa-notifications.yaml.example')!);
const rulesFile = parse(generatedFiles().get('provisioning/alerting/kansa-rules.yaml')!);
const provisioned: Array<{ labels: Record<string, string> }> = rulesFile.groups.flatMap(
  (g: { rules: unknown[] }) => g.rules,
);

/** Grafana's matcher: regexes are anchored; a missing label is the empty string. */
function matches(labels: Record<string, string>, [name, op, value]: Matcher): boolean {
  const v = labels[name] ?? '';
  const re = new RegExp(`^(?:${value})$`);
  return op === '=' ? v === value : op === '!=' ? v !== value : op === '=~' ? re.test(v) : !re.test(v);
}

/** Alertmanager's walk: depth first, first matching child wins unless it says `continue`; no match → the node itself. */
function receivers(route: Route, labels: Record<string, string>): string[] {
  const out: string[] = [];
  for (const child of route.routes ?? []) {
    if ((child.object_matchers ?? []).every((m) => matches(labels, m))) {
      out.push(...receivers(child, labels));
      if (!child.continue) {
        return out;
      }
    }
  }
  return out.length ? out : [route.receiver];
}

const root: Route = file.policies[0];
const expected = (labels: Record<string, string>): string[] => {
  if (labels.use_case === 'cyber') {
    return [...(labels.severity === 'critical' ? [RECEIVERS.teams] : []), RECEIVERS.slack, RECEIVERS.securityEmail];
  }
  return labels.use_case === 'failure' ? [RECEIVERS.teams] : [RECEIVERS.complianceEmail];
};

describe('notification policy', () => {
  it('covers every shipped rule', () => {
    expect(provisioned).toHaveLength(RULES.length);
  });

  it.each(provisioned.map((r) => ({ id: r.labels.kansa_rule_id, labels: r.labels })))(
    '$id reaches the receivers its use case and severity call for',
    ({ labels }) => {
      expect(receivers(root, labels)).toEqual(expected(labels));
    },
  );

  it('never sends an insider, attendance or audit alert to a chat channel', () => {
    for (const useCase of ['insider', 'attendance', 'audit']) {
      for (const severity of ['critical', 'high', 'warning']) {
        const got = receivers(root, { use_case: useCase, severity, kansa_rule_id: 'x' });
        expect(got).toEqual([RECEIVERS.complianceEmail]);
      }
    }
  });

  it('groups Kansa alerts by every label, the wildcard alone as Alertmanager requires', () => {
    const kansa = root.routes!.find((r) => r.object_matchers?.some(([l]) => l === 'kansa_rule_id'))!;
    expect(kansa.group_by).toEqual(['...']);
  });

  it('leaves alerts that are not Kansa rules to the root receiver', () => {
    expect(receivers(root, { alertname: 'disk full', severity: 'critical', use_case: 'cyber' })).toEqual([
      RECEIVERS.securityEmail,
    ]);
  });

  it('names only contact points the file defines, each with an environment placeholder', () => {
    const names = file.contactPoints.map((c: { name: string }) => c.name);
    const used = new Set<string>();
    const walk = (r: Route) => {
      used.add(r.receiver);
      (r.routes ?? []).forEach(walk);
    };
    walk(root);
    expect([...used].sort()).toEqual([...names].sort());
    for (const c of file.contactPoints) {
      expect(JSON.stringify(c.receivers[0].settings)).toMatch(/\$KANSA_ALERT_[A-Z_]+/);
    }
  });
});

describe('guidance labels', () => {
  it('maps every rule and names no rule that does not exist', () => {
    expect(Object.keys(RULE_GUIDANCE).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it.each(provisioned.map((r) => ({ id: r.labels.kansa_rule_id, labels: r.labels })))(
    '$id carries known IPA and JPCERT keys',
    ({ labels }) => {
      const ipa = labels.ipa_threat.split(',');
      const jp = labels.jpcert_log.split(',');
      expect(ipa.length).toBeGreaterThan(0);
      expect(jp.length).toBeGreaterThan(0);
      ipa.forEach((k) => expect(Object.keys(IPA_THREATS)).toContain(k));
      jp.forEach((k) => expect(Object.keys(JPCERT_CHECKS)).toContain(k));
    },
  );
});
