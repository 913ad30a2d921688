import type { BackendSrv } from '@grafana/runtime';

import { DASHBOARDS } from '../content/dashboards';
import { RULES } from '../content/rules';
import { ruleGroupBody, ruleGroups, RULE_FOLDER } from '../content/rules/grafana';
import type { RuleSettings } from '../content/rules/model';
import { defaultSettings } from '../content/rules/settings';

export type InstallResult = { status: 'success'; groups: string[] } | { status: 'failed'; error: string };

const statusOf = (e: unknown) => (e as { status?: number })?.status;

/**
 * Installs Kansa's rule groups through Grafana's alerting provisioning API: the folder first (created when
 * missing), then one PUT per group, which replaces the group, so running it again updates rather than duplicates.
 * X-Disable-Provenance keeps the rules editable in the UI.
 */
export async function installRules(
  backend: Pick<BackendSrv, 'get' | 'post' | 'put'>,
  datasourceUid: string,
  overrides: Partial<RuleSettings> = {}
): Promise<InstallResult> {
  const settings = { ...defaultSettings(RULES), ...overrides, thresholds: { ...defaultSettings(RULES).thresholds, ...overrides.thresholds } };
  try {
    try {
      await backend.get(`/api/folders/${RULE_FOLDER.uid}`, undefined, undefined, { showErrorAlert: false });
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
      await backend.post('/api/folders', { uid: RULE_FOLDER.uid, title: RULE_FOLDER.title });
    }
    const groups = ruleGroups(RULES, settings, datasourceUid, DASHBOARDS);
    for (const g of groups) {
      await backend.put(`/api/v1/provisioning/folder/${RULE_FOLDER.uid}/rule-groups/${g.name}`, ruleGroupBody(g, RULE_FOLDER.uid), {
        headers: { 'X-Disable-Provenance': 'true' },
      });
    }
    return { status: 'success', groups: groups.map((g) => g.name) };
  } catch (e) {
    const data = (e as { data?: { message?: string } })?.data;
    return { status: 'failed', error: data?.message ?? (e instanceof Error ? e.message : String(e)) };
  }
}
