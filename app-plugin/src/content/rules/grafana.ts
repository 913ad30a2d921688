import { FIELD as F } from '@kansa/schema/fields';

import { personUrl } from '../../routes';
import { panelIds, panelTarget, type DashboardDef } from '../dashboard';
import { title } from '../text';
import { guidanceLabels } from './guidance';
import type { RuleDef, RuleSettings } from './model';

/**
 * Grafana's rule list treats a rule labelled `__grafana_origin: plugin/<installed app>` as the app's own: no edit,
 * delete or duplicate in the UI. Kansa puts it only on the file-provisioned rules, which Grafana keeps read-only
 * anyway (provenance "file"); the installer's rules go without it, so users can edit them in Grafana.
 */
export const APP_ORIGIN_LABEL = { __grafana_origin: 'plugin/kansa-logs-app' };
/**
 * The one folder for Kansa's dashboards and rules. Alert file provisioning names a folder only by title (and creates
 * it with a random uid when missing), so the title is what file provisioning, the dashboards provider and the
 * installer share; the uid is the one the installer gives the folder when it has to create it.
 */
export const KANSA_FOLDER = { uid: 'kansa', title: 'Kansa' };
/** Who puts the rules into Grafana: file provisioning (read-only there) or the app's installer (editable). */
export type RuleOrigin = 'file' | 'installer';
export const GROUP_INTERVAL_SECONDS: Record<string, number> = {
  cyber: 60,
  insider: 300,
  audit: 300,
  attendance: 300,
  failure: 60,
};
export const groupName = (useCase: string) => `kansa-${useCase}`;
export const ruleUid = (id: string) => `kansa-${id}`;

type Json = Record<string, unknown>;

/**
 * The person page of the alert's user, from Grafana's external URL since notifications are read outside Grafana.
 * `index` and `urlquery` because Go templates cannot name a label with a dot and an account may hold `\` or `@`.
 */
export const PERSON_PAGE_ANNOTATION = `{{ externalURL }}${personUrl(`{{ index $labels "${F.userName}" | urlquery }}`)}`;

/** Whether each alert of the rule is about one user (its series carry user.name), so their person page applies. */
export function perUser(rule: RuleDef, settings: RuleSettings): boolean {
  return rule.queries(settings).some((q) =>
    q.query.queryType === 'risk'
      ? (q.query.riskEntity ?? 'user') === 'user'
      : q.query.queryType === 'attendance' // the -series views are labelled by user.name
        ? /-series$/.test(q.query.attendanceView ?? '')
        : (q.query.groupBy ?? []).some((g) => g.field === F.userName),
  );
}

export const reductions = (rule: RuleDef) => rule.reducers ?? [{ refId: 'Ar', of: 'A', reducer: rule.reducer }];

/** Grafana's alert query list: the Kansa queries, a reduce per query, then the condition C (threshold or math). */
export function ruleData(rule: RuleDef, settings: RuleSettings, datasourceUid: string): Json[] {
  const threshold = settings.thresholds[rule.id] ?? rule.threshold;
  const queries = rule.queries(settings);
  const data: Json[] = queries.map((q) => ({
    refId: q.refId,
    queryType: q.query.queryType,
    relativeTimeRange: { from: q.fromSeconds, to: q.toSeconds ?? 0 },
    datasourceUid,
    model: {
      ...panelTarget(q.query, 0),
      refId: q.refId,
      datasource: { type: 'kansa-logs-datasource', uid: datasourceUid },
      intervalMs: q.intervalMs,
      maxDataPoints: 43200,
    },
  }));
  for (const r of reductions(rule)) {
    data.push({
      refId: r.refId,
      relativeTimeRange: { from: 0, to: 0 },
      datasourceUid: '__expr__',
      model: {
        refId: r.refId,
        type: 'reduce',
        expression: r.of,
        reducer: r.reducer,
        settings: { mode: 'replaceNN', replaceWithValue: 0 },
        datasource: { type: '__expr__', uid: '__expr__' },
      },
    });
  }
  const condition = rule.math
    ? { type: 'math', expression: rule.math.replace(/\$T\b/g, String(threshold)) }
    : { type: 'threshold', expression: 'Ar', conditions: [{ evaluator: { type: 'gt', params: [threshold] } }] };
  data.push({
    refId: 'C',
    relativeTimeRange: { from: 0, to: 0 },
    datasourceUid: '__expr__',
    model: { refId: 'C', ...condition, datasource: { type: '__expr__', uid: '__expr__' } },
  });
  return data;
}

/** One rule in the shape both the file provisioning format and the provisioning HTTP API accept. */
export function grafanaRule(
  rule: RuleDef,
  settings: RuleSettings,
  datasourceUid: string,
  dashboards: readonly DashboardDef[],
  origin: RuleOrigin,
): Json {
  const dashboard = dashboards.find((d) => d.uid === rule.dashboardUid);
  const panelId = dashboard && panelIds(dashboard).get(rule.panelKey);
  if (!panelId) {
    throw new Error(`rule ${rule.id}: panel ${rule.panelKey} is not on dashboard ${rule.dashboardUid}`);
  }
  const threshold = settings.thresholds[rule.id] ?? rule.threshold;
  return {
    uid: ruleUid(rule.id),
    title: title(rule.title),
    condition: 'C',
    data: ruleData(rule, settings, datasourceUid),
    noDataState: 'OK',
    execErrState: 'Error',
    for: rule.for,
    annotations: {
      summary: `${rule.summary.ja} / ${rule.summary.en}`,
      description: `${rule.description.ja}\n\n${rule.description.en}`,
      runbook: `${rule.runbook.ja}\n\n${rule.runbook.en}`,
      threshold: `${threshold} — ${rule.thresholdWhy.ja} / ${rule.thresholdWhy.en}`,
      ...(perUser(rule, settings) ? { person_page: PERSON_PAGE_ANNOTATION } : {}),
      __dashboardUid__: rule.dashboardUid,
      __panelId__: String(panelId),
    },
    labels: {
      severity: rule.severity,
      use_case: rule.useCase,
      kansa_rule_id: rule.id,
      ...guidanceLabels(rule),
      ...(origin === 'file' ? APP_ORIGIN_LABEL : {}),
    },
    isPaused: false,
  };
}

export interface RuleGroup {
  name: string;
  useCase: string;
  intervalSeconds: number;
  rules: Json[];
}

export function ruleGroups(
  rules: readonly RuleDef[],
  settings: RuleSettings,
  datasourceUid: string,
  dashboards: readonly DashboardDef[],
  origin: RuleOrigin,
): RuleGroup[] {
  const useCases = [...new Set(rules.map((r) => r.useCase))];
  return useCases.map((useCase) => ({
    name: groupName(useCase),
    useCase,
    intervalSeconds: GROUP_INTERVAL_SECONDS[useCase],
    rules: rules
      .filter((r) => r.useCase === useCase)
      .map((r) => grafanaRule(r, settings, datasourceUid, dashboards, origin)),
  }));
}

/** Grafana's file provisioning format (apiVersion 1) for the compose stack. */
export function provisioningFile(groups: RuleGroup[]): Json {
  return {
    apiVersion: 1,
    groups: groups.map((g) => ({
      orgId: 1,
      name: g.name,
      folder: KANSA_FOLDER.title,
      interval: `${g.intervalSeconds}s`,
      rules: g.rules,
    })),
  };
}

/** The body of PUT /api/v1/provisioning/folder/{uid}/rule-groups/{group}. */
export function ruleGroupBody(g: RuleGroup, folderUid: string): Json {
  return {
    title: g.name,
    folderUid,
    interval: g.intervalSeconds,
    rules: g.rules.map((r) => ({ ...r, folderUID: folderUid, ruleGroup: g.name, orgID: 1 })),
  };
}
