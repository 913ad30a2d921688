import { type Backend, ensureFolder, failureMessage, quiet, statusOf } from './installer';

/**
 * Installs the alert rules `kansa sigma convert --out rules.json` wrote (Grafana's alert provisioning format) through
 * Grafana's alerting provisioning API, into their own folder "Kansa Sigma". The rules arrive paused; the installer
 * sends them with X-Disable-Provenance so each can be enabled, edited or deleted in Grafana's rule list, and a
 * rule already installed keeps the pause state the user gave it when the file is installed again.
 */

export const SIGMA_FOLDER = { uid: 'kansa-sigma', title: 'Kansa Sigma' };
/** Rules a file may hold: a SigmaHQ checkout converts to a few thousand; Grafana evaluates every one of them. */
export const MAX_SIGMA_RULES = 5000;

type Json = Record<string, unknown>;

export interface SigmaGroup {
  name: string;
  intervalSeconds: number;
  rules: Json[];
}

export type SigmaFile = { ok: true; groups: SigmaGroup[]; rules: number } | { ok: false; error: string };

export type SigmaInstallResult =
  | { status: 'success'; folderUid: string; installed: number; enabled: number; skipped: string[] }
  | { status: 'failed'; error: string };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "60s", "5m", "1h" or a number of seconds, as Grafana's provisioning files write a group's interval. */
function seconds(interval: unknown): number | undefined {
  if (typeof interval === 'number') {
    return interval > 0 ? interval : undefined;
  }
  const m = /^(\d+)(s|m|h)$/.exec(String(interval ?? ''));
  return m ? Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'] : undefined;
}

/**
 * Reads the converter's JSON output. Every refusal names where the file went wrong and what was expected, so a user
 * who picked the wrong file (the YAML output, a dashboard) learns what to run instead.
 */
export function parseSigmaFile(text: string, name: string): SigmaFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      ok: false,
      error: `${name}: not JSON (${(e as Error).message}); expected the file of \`kansa sigma convert RULES --out rules.json\``,
    };
  }
  if (!isObject(doc) || doc.apiVersion !== 1 || !Array.isArray(doc.groups)) {
    return {
      ok: false,
      error: `${name}: expected Grafana's alert provisioning format ({"apiVersion": 1, "groups": [...]}) as \`kansa sigma convert --out rules.json\` writes it`,
    };
  }
  const groups: SigmaGroup[] = [];
  let rules = 0;
  for (const [gi, g] of doc.groups.entries()) {
    const where = `${name}: groups[${gi}]`;
    if (!isObject(g) || typeof g.name !== 'string' || g.name === '' || !Array.isArray(g.rules)) {
      return { ok: false, error: `${where}: expected a group with a name and rules` };
    }
    const intervalSeconds = seconds(g.interval);
    if (intervalSeconds === undefined) {
      return { ok: false, error: `${where}: interval ${JSON.stringify(g.interval)} is not a duration such as 60s` };
    }
    for (const [ri, r] of g.rules.entries()) {
      const uid = isObject(r) ? r.uid : undefined;
      if (
        !isObject(r) ||
        typeof uid !== 'string' ||
        !uid.startsWith('sigma-') ||
        typeof r.title !== 'string' ||
        !Array.isArray(r.data) ||
        r.data.length === 0
      ) {
        return {
          ok: false,
          error: `${where}.rules[${ri}]: expected a converted Sigma rule (uid "sigma-…", title, data)`,
        };
      }
    }
    rules += g.rules.length;
    if (rules > MAX_SIGMA_RULES) {
      return { ok: false, error: `${name}: more than ${MAX_SIGMA_RULES} rules; convert a smaller set of Sigma rules` };
    }
    groups.push({ name: g.name, intervalSeconds, rules: g.rules as Json[] });
  }
  if (rules === 0) {
    return {
      ok: false,
      error: `${name}: the file holds no rules (did every Sigma rule fail to convert? see the coverage report)`,
    };
  }
  return { ok: true, groups, rules };
}

/** The rule's queries on this data source: the converter wrote the uid it was given (--datasource, default kansa). */
function onDataSource(rule: Json, datasourceUid: string): Json {
  const data = (rule.data as Json[]).map((q) => {
    if (q.datasourceUid === '__expr__') {
      return q;
    }
    const model = isObject(q.model)
      ? {
          ...q.model,
          ...(isObject(q.model.datasource) ? { datasource: { ...q.model.datasource, uid: datasourceUid } } : {}),
        }
      : q.model;
    return { ...q, datasourceUid, model };
  });
  return { ...rule, data };
}

/** The group as Grafana has it now, or undefined when there is none. */
async function existingGroup(backend: Backend, folderUid: string, group: string): Promise<Json[] | undefined> {
  try {
    const g = await backend.get<{ rules?: Json[] }>(
      `/api/v1/provisioning/folder/${folderUid}/rule-groups/${group}`,
      undefined,
      undefined,
      quiet,
    );
    return g.rules ?? [];
  } catch (e) {
    if (statusOf(e) === 404) {
      return undefined;
    }
    throw e;
  }
}

export async function installSigmaRules(
  backend: Backend,
  datasourceUid: string,
  groups: SigmaGroup[],
): Promise<SigmaInstallResult> {
  try {
    const folderUid = await ensureFolder(backend, SIGMA_FOLDER);
    let installed = 0;
    let enabled = 0;
    const skipped: string[] = [];
    for (const g of groups) {
      const existing = (await existingGroup(backend, folderUid, g.name)) ?? [];
      if (existing.some((r) => r.provenance === 'file')) {
        // File provisioning owns this group (the same file placed in provisioning/alerting): Grafana refuses changes.
        skipped.push(g.name);
        continue;
      }
      const paused = new Map(existing.map((r) => [String(r.uid), r.isPaused === true]));
      const rules = g.rules.map((r) => {
        const kept = paused.get(String(r.uid));
        const rule = onDataSource(r, datasourceUid);
        return { ...rule, isPaused: kept ?? rule.isPaused ?? true, folderUID: folderUid, ruleGroup: g.name, orgID: 1 };
      });
      await backend.put(
        `/api/v1/provisioning/folder/${folderUid}/rule-groups/${g.name}`,
        { title: g.name, folderUid, interval: g.intervalSeconds, rules },
        {
          headers: { 'X-Disable-Provenance': 'true' },
        },
      );
      installed += rules.length;
      enabled += rules.filter((r) => r.isPaused === false).length;
    }
    return { status: 'success', folderUid, installed, enabled, skipped };
  } catch (e) {
    return { status: 'failed', error: failureMessage(e) };
  }
}
