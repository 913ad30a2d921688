import { FIELD as F } from '@kansa/schema';
import type { Measure } from './correlation';
import { fieldKind } from './fields';
import type { SigmaRule } from './rule';

/**
 * Converted Sigma rules as Grafana alert rules in the shape of the app's own (app-plugin/src/content/rules/grafana.ts:
 * query A on the Kansa datasource, reduce Ar, threshold C, the same labels), so they sit beside Kansa's rules. The
 * bridge cannot import the app's TypeScript (its build has its own root), so alert.test.ts checks that the data
 * section here equals what the app's ruleData builds for the same query.
 */

export const SIGMA_FOLDER_TITLE = 'Kansa Sigma';
export const SIGMA_GROUP = 'kansa-sigma';
export const SIGMA_INTERVAL_SECONDS = 60;
export const DATASOURCE_TYPE = 'kansa-logs-datasource';
/** A plain Sigma rule alerts on any match per host over the last five minutes (room for ingest delay). */
export const MATCH_WINDOW_SECONDS = 300;

type Json = Record<string, unknown>;

/** Sigma levels in the app's severity labels (critical, high, warning); the Sigma level stays in sigma_level. */
const SEVERITY: Record<string, string> = {
  critical: 'critical',
  high: 'high',
  medium: 'warning',
  low: 'warning',
  informational: 'warning',
};

/** Grafana uids are at most 40 characters: `sigma-` and the rule id without dashes fit. */
export function sigmaUid(rule: SigmaRule): string {
  const key = (rule.id ?? rule.name ?? rule.title).toLowerCase().replace(/[^a-z0-9]/g, '');
  return `sigma-${key.slice(0, 34)}`;
}

/** ATT&CK tags (attack.t1059.001, attack.execution) as two comma-separated labels. */
export function attackLabels(tags: string[]): Record<string, string> {
  const techniques = tags.filter((t) => /^attack\.t\d{4}(\.\d{3})?$/i.test(t)).map((t) => t.slice(7).toUpperCase());
  const tactics = tags
    .filter((t) => /^attack\.[a-z][a-z_-]+$/i.test(t) && !/^attack\.[gs]\d{4}$/i.test(t))
    .map((t) => t.slice(7).toLowerCase().replace(/_/g, '-'));
  return {
    ...(techniques.length ? { attack_technique: techniques.join(',') } : {}),
    ...(tactics.length ? { attack_tactic: tactics.join(',') } : {}),
  };
}

/** What a plain (non-correlation) rule measures: its matches per host (or per source address for network logs). */
export function matchMeasure(query: string, entity: string = F.hostName): Measure {
  return {
    query,
    groupBy: [entity],
    metric: { type: 'count' },
    windowSeconds: MATCH_WINDOW_SECONDS,
    intervalSeconds: 60,
    reducer: 'sum',
    above: 0,
  };
}

/** True when the whole string is one parenthesised group (as the app's query helper decides). */
function enclosed(p: string): boolean {
  if (!p.startsWith('(') || !p.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '(') depth++;
    else if (p[i] === ')' && --depth === 0 && i < p.length - 1) return false;
  }
  return true;
}

const interval = (s: number) => (s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`);

/** Grafana's alert query list: A (the Kansa metrics query), Ar (reduce), C (threshold). */
export function alertData(m: Measure, datasourceUid: string): Json[] {
  const metric =
    m.metric.type === 'count'
      ? { id: 'count', type: 'count' }
      : { id: `distinct ${m.metric.field}`, type: 'cardinality', field: m.metric.field };
  const query = /\s(OR|AND)\s/.test(m.query) && !enclosed(m.query) ? `(${m.query})` : m.query;
  return [
    {
      refId: 'A',
      queryType: 'metrics',
      relativeTimeRange: { from: m.windowSeconds, to: 0 },
      datasourceUid,
      model: {
        refId: 'A',
        datasource: { type: DATASOURCE_TYPE, uid: datasourceUid },
        queryType: 'metrics',
        query,
        metrics: [metric],
        // Events without a keyword field still count, under "-", rather than vanish (an IP field has no such value).
        groupBy: m.groupBy.map((field) => ({
          field,
          size: 50,
          ...(fieldKind(field) === 'keyword' ? { missing: '-' } : {}),
        })),
        interval: interval(m.intervalSeconds),
        intervalMs: m.intervalSeconds * 1000,
        maxDataPoints: 43200,
      },
    },
    {
      refId: 'Ar',
      relativeTimeRange: { from: 0, to: 0 },
      datasourceUid: '__expr__',
      model: {
        refId: 'Ar',
        type: 'reduce',
        expression: 'A',
        reducer: m.reducer,
        settings: { mode: 'replaceNN', replaceWithValue: 0 },
        datasource: { type: '__expr__', uid: '__expr__' },
      },
    },
    {
      refId: 'C',
      relativeTimeRange: { from: 0, to: 0 },
      datasourceUid: '__expr__',
      model: {
        refId: 'C',
        type: 'threshold',
        expression: 'Ar',
        conditions: [{ evaluator: { type: 'gt', params: [m.above] } }],
        datasource: { type: '__expr__', uid: '__expr__' },
      },
    },
  ];
}

/**
 * One Grafana rule, paused: a Sigma corpus holds many rules written for other estates, so users turn on the ones
 * they want (Grafana keeps a file-provisioned rule's pause state as written, so the file is where to enable them).
 */
export function alertRule(rule: SigmaRule, m: Measure, datasourceUid: string, notes: string[] = []): Json {
  const level = rule.level ?? 'medium';
  const description = [rule.description ?? '', ...notes].filter(Boolean).join('\n\n');
  return {
    uid: sigmaUid(rule),
    title: `Sigma: ${rule.title}`.slice(0, 190),
    condition: 'C',
    data: alertData(m, datasourceUid),
    noDataState: 'OK',
    execErrState: 'Error',
    for: '0s',
    annotations: {
      summary: m.groupBy.length
        ? `${rule.title} (${m.groupBy.map((g) => `{{ index $labels "${g}" }}`).join(', ')})`
        : rule.title,
      ...(description ? { description } : {}),
      ...(rule.references.length ? { references: rule.references.join('\n') } : {}),
      ...(rule.falsepositives.length ? { falsepositives: rule.falsepositives.join('\n') } : {}),
      threshold: `${m.above} — ${m.metric.type === 'count' ? 'events' : `distinct ${m.metric.field}`} over ${interval(m.windowSeconds)}`,
    },
    labels: {
      severity: SEVERITY[level] ?? 'warning',
      use_case: 'cyber',
      kansa_rule_id: sigmaUid(rule),
      sigma_id: rule.id ?? rule.name ?? '',
      sigma_level: level,
      ...attackLabels(rule.tags),
    },
    isPaused: true,
  };
}

/** Grafana's file provisioning format (apiVersion 1): one group in the Kansa Sigma folder. */
export function provisioningFile(rules: Json[]): Json {
  return {
    apiVersion: 1,
    groups: [
      { orgId: 1, name: SIGMA_GROUP, folder: SIGMA_FOLDER_TITLE, interval: `${SIGMA_INTERVAL_SECONDS}s`, rules },
    ],
  };
}
