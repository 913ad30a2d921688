import type { BackendSrv } from '@grafana/runtime';

import { DASHBOARDS } from '../content/dashboards';
import { RULES } from '../content/rules';
import { KANSA_FOLDER, ruleGroupBody, ruleGroups, type RuleGroup } from '../content/rules/grafana';
import type { RuleSettings } from '../content/rules/model';
import { defaultSettings } from '../content/rules/settings';

/** A group the installer left alone, with the uids of the rules that made it do so. */
export interface SkippedGroup {
  group: string;
  rules: string[];
  reason: 'file-provisioned';
}

export type InstallResult =
  | { status: 'success'; folderUid: string; groups: string[]; skipped: SkippedGroup[] }
  | { status: 'failed'; error: string };

export type Backend = Pick<BackendSrv, 'get' | 'post' | 'put'>;
interface Folder {
  uid: string;
  title: string;
}
/** The fields of GET /api/v1/provisioning/alert-rules/{uid} the installer reads. */
interface ExistingRule {
  uid?: string;
  provenance?: string;
}

export const statusOf = (e: unknown) => (e as { status?: number })?.status;
export const quiet = { showErrorAlert: false };

/** What a failed Grafana API call says: its JSON message, else the error's own. */
export function failureMessage(e: unknown): string {
  const data = (e as { data?: { message?: string } })?.data;
  return data?.message ?? (e instanceof Error ? e.message : String(e));
}

/**
 * The folder with this uid, else a top-level folder with its title (file provisioning creates a folder by title
 * with a uid of its own), else a new one with the uid and title. Kansa's dashboards and rules share KANSA_FOLDER.
 */
export async function ensureFolder(backend: Backend, wanted: Folder): Promise<string> {
  try {
    const folder = await backend.get<Folder>(`/api/folders/${wanted.uid}`, undefined, undefined, quiet);
    return folder.uid;
  } catch (e) {
    if (statusOf(e) !== 404) {
      throw e;
    }
  }
  const topLevel = await backend.get<Folder[]>('/api/folders', { limit: 1000 }, undefined, quiet);
  const byTitle = (Array.isArray(topLevel) ? topLevel : []).find((f) => f.title === wanted.title);
  if (byTitle) {
    return byTitle.uid;
  }
  const created = await backend.post<Folder>('/api/folders', { uid: wanted.uid, title: wanted.title });
  return created?.uid ?? wanted.uid;
}

/** The rule with this uid as Grafana's provisioning API has it, or undefined when there is none. */
async function existingRule(backend: Backend, uid: string): Promise<ExistingRule | undefined> {
  try {
    return await backend.get<ExistingRule>(`/api/v1/provisioning/alert-rules/${uid}`, undefined, undefined, quiet);
  } catch (e) {
    if (statusOf(e) === 404) {
      return undefined;
    }
    throw e;
  }
}

/** The group's rules that file provisioning owns: Grafana refuses to let the API change them, and so does Kansa. */
async function fileProvisioned(backend: Backend, group: RuleGroup): Promise<string[]> {
  const owned: string[] = [];
  for (const rule of group.rules) {
    const uid = String(rule.uid);
    if ((await existingRule(backend, uid))?.provenance === 'file') {
      owned.push(uid);
    }
  }
  return owned;
}

/**
 * The data source's working calendars (jsonData.workday.calendars, which the attendance engine reads), so the
 * late-night rule judges each person by the same calendar; undefined when the data source defines none.
 */
async function datasourceCalendars(backend: Backend, uid: string): Promise<RuleSettings['calendars'] | undefined> {
  try {
    const ds = await backend.get<{ jsonData?: { workday?: { calendars?: RuleSettings['calendars'] } } }>(
      `/api/datasources/uid/${uid}`,
      undefined,
      undefined,
      quiet,
    );
    return ds?.jsonData?.workday?.calendars;
  } catch (e) {
    if (statusOf(e) === 404) {
      return undefined;
    }
    throw e;
  }
}

/**
 * Installs Kansa's rule groups through Grafana's alerting provisioning API into the Kansa folder, one PUT per group
 * with X-Disable-Provenance, so the rules stay editable in Grafana's UI. A group with a file-provisioned rule is
 * skipped and reported: file provisioning owns it (docker compose provisions all of them). Running it again
 * replaces the same groups with the same content, so it changes nothing the second time. The late-night rule
 * reads the data source's working calendars unless the app's settings name their own.
 */
export async function installRules(
  backend: Backend,
  datasourceUid: string,
  overrides: Partial<RuleSettings> = {},
): Promise<InstallResult> {
  const defaults = defaultSettings(RULES);
  try {
    // Calendars: the app's own setting if it has one, else the data source's, else the defaults (the demo's).
    const calendars = overrides.calendars ?? (await datasourceCalendars(backend, datasourceUid)) ?? defaults.calendars;
    const settings = {
      ...defaults,
      ...overrides,
      calendars,
      thresholds: { ...defaults.thresholds, ...overrides.thresholds },
    };
    const folderUid = await ensureFolder(backend, KANSA_FOLDER);
    const installed: string[] = [];
    const skipped: SkippedGroup[] = [];
    for (const g of ruleGroups(RULES, settings, datasourceUid, DASHBOARDS, 'installer')) {
      const owned = await fileProvisioned(backend, g);
      if (owned.length > 0) {
        skipped.push({ group: g.name, rules: owned, reason: 'file-provisioned' });
        continue;
      }
      await backend.put(`/api/v1/provisioning/folder/${folderUid}/rule-groups/${g.name}`, ruleGroupBody(g, folderUid), {
        headers: { 'X-Disable-Provenance': 'true' },
      });
      installed.push(g.name);
    }
    return { status: 'success', folderUid, groups: installed, skipped };
  } catch (e) {
    return { status: 'failed', error: failureMessage(e) };
  }
}
