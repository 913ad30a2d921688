import { RULES } from '../content/rules';
import { APP_ORIGIN_LABEL, KANSA_FOLDER } from '../content/rules/grafana';
import { installRules } from './installer';

const GROUPS = ['kansa-cyber', 'kansa-insider', 'kansa-attendance', 'kansa-audit', 'kansa-failure'];
const uidsOf = (useCase: string) => RULES.filter((r) => r.useCase === useCase).map((r) => `kansa-${r.id}`);

interface StoredRule {
  uid: string;
  folderUID: string;
  ruleGroup: string;
  provenance: string;
  body: Record<string, any>;
}

/**
 * A fake of the parts of Grafana's HTTP API the installer uses (not of OpenSearch): folders, and alert rules with
 * their provenance. Like Grafana, it refuses to change a rule whose provenance is "file" through the API.
 */
function fakeGrafana() {
  const folders = new Map<string, string>();
  const rules = new Map<string, StoredRule>();
  /** Data sources by uid, as GET /api/datasources/uid/{uid} answers (none: 404). */
  const datasources = new Map<string, { jsonData: Record<string, unknown> }>();
  const calls: string[] = [];
  const notFound = (what: string) => Object.assign(new Error(`${what} not found`), { status: 404 });
  return {
    folders,
    rules,
    datasources,
    calls,
    /** What docker compose's file provisioning leaves behind: a "Kansa" folder with its own uid, rules with provenance file. */
    fileProvision(useCases: string[], folderUid = 'aB3xYz9') {
      folders.set(folderUid, KANSA_FOLDER.title);
      for (const useCase of useCases) {
        for (const uid of uidsOf(useCase)) {
          rules.set(uid, {
            uid,
            folderUID: folderUid,
            ruleGroup: `kansa-${useCase}`,
            provenance: 'file',
            body: { uid },
          });
        }
      }
    },
    get: jest.fn(async (url: string) => {
      calls.push(`GET ${url}`);
      if (url === '/api/folders') {
        return [...folders].map(([uid, title]) => ({ uid, title }));
      }
      const folder = /^\/api\/folders\/(.+)$/.exec(url);
      if (folder) {
        if (!folders.has(folder[1])) {
          throw notFound('folder');
        }
        return { uid: folder[1], title: folders.get(folder[1]) };
      }
      const datasource = /^\/api\/datasources\/uid\/(.+)$/.exec(url);
      if (datasource) {
        if (!datasources.has(datasource[1])) {
          throw notFound('data source');
        }
        return datasources.get(datasource[1]);
      }
      const rule = /^\/api\/v1\/provisioning\/alert-rules\/(.+)$/.exec(url);
      if (rule) {
        const stored = rules.get(rule[1]);
        if (!stored) {
          throw notFound('rule');
        }
        return {
          ...stored.body,
          uid: stored.uid,
          folderUID: stored.folderUID,
          ruleGroup: stored.ruleGroup,
          provenance: stored.provenance,
        };
      }
      throw new Error(`unexpected GET ${url}`);
    }),
    post: jest.fn(async (url: string, body: any) => {
      calls.push(`POST ${url}`);
      if (folders.has(body.uid)) {
        throw Object.assign(new Error('folder exists'), { status: 409 });
      }
      folders.set(body.uid, body.title);
      return { uid: body.uid, title: body.title };
    }),
    put: jest.fn(async (url: string, body: any, options: any) => {
      const noProvenance = options?.headers?.['X-Disable-Provenance'] === 'true';
      calls.push(`PUT ${url}${noProvenance ? ' (no provenance)' : ''}`);
      const [, folderUid, group] = /^\/api\/v1\/provisioning\/folder\/([^/]+)\/rule-groups\/([^/]+)$/.exec(url)!;
      if (!folders.has(folderUid)) {
        throw notFound('folder');
      }
      for (const r of body.rules) {
        if (rules.get(r.uid)?.provenance === 'file') {
          throw Object.assign(new Error('forbidden'), {
            status: 403,
            data: { message: `cannot change provenance of ${r.uid} from file` },
          });
        }
      }
      for (const r of body.rules) {
        rules.set(r.uid, {
          uid: r.uid,
          folderUID: folderUid,
          ruleGroup: group,
          provenance: noProvenance ? '' : 'api',
          body: r,
        });
      }
      return body;
    }),
  };
}

describe('installRules', () => {
  it('creates the Kansa folder when Grafana has none, then PUTs every group without provenance', async () => {
    const grafana = fakeGrafana();
    const result = await installRules(grafana as any, 'my-kansa');
    expect(result).toEqual({ status: 'success', folderUid: 'kansa', groups: GROUPS, skipped: [] });
    expect(grafana.folders).toEqual(new Map([['kansa', 'Kansa']]));
    expect(grafana.calls.filter((c) => !c.startsWith('GET /api/v1/provisioning/alert-rules/'))).toEqual([
      'GET /api/datasources/uid/my-kansa',
      'GET /api/folders/kansa',
      'GET /api/folders',
      'POST /api/folders',
      ...GROUPS.map((g) => `PUT /api/v1/provisioning/folder/kansa/rule-groups/${g} (no provenance)`),
    ]);
    expect(grafana.rules.size).toBe(RULES.length);
    for (const r of grafana.rules.values()) {
      expect(r).toEqual(expect.objectContaining({ folderUID: 'kansa', provenance: '' }));
      expect(r.body.data[0].datasourceUid).toBe('my-kansa');
    }
  });

  it('leaves Kansa rules editable in Grafana: no provenance and no __grafana_origin label', async () => {
    const grafana = fakeGrafana();
    await installRules(grafana as any, 'kansa');
    const labels = [...grafana.rules.values()].map((r) => r.body.labels);
    expect(labels.length).toBe(RULES.length);
    for (const l of labels) {
      expect(l).toEqual({
        severity: expect.any(String),
        use_case: expect.any(String),
        kansa_rule_id: expect.any(String),
        ipa_threat: expect.any(String),
        jpcert_log: expect.any(String),
      });
      expect(Object.keys(l)).not.toContain(Object.keys(APP_ORIGIN_LABEL)[0]);
    }
  });

  it('installs into the folder file provisioning made (found by title), never a second Kansa folder', async () => {
    const grafana = fakeGrafana();
    grafana.folders.set('aB3xYz9', 'Kansa');
    grafana.folders.set('other', 'Kansa reports');
    const result = await installRules(grafana as any, 'kansa');
    expect(result).toEqual(expect.objectContaining({ status: 'success', folderUid: 'aB3xYz9', groups: GROUPS }));
    expect(grafana.post).not.toHaveBeenCalled();
    expect([...grafana.folders.values()].filter((t) => t === 'Kansa')).toHaveLength(1);
  });

  it('skips and reports every group file provisioning owns, and PUTs nothing over it', async () => {
    const grafana = fakeGrafana();
    grafana.fileProvision(GROUPS.map((g) => g.replace('kansa-', '')));
    const before = JSON.stringify([...grafana.rules]);
    const result = await installRules(grafana as any, 'kansa');
    expect(result).toEqual({
      status: 'success',
      folderUid: 'aB3xYz9',
      groups: [],
      skipped: GROUPS.map((g) => ({ group: g, rules: uidsOf(g.replace('kansa-', '')), reason: 'file-provisioned' })),
    });
    expect(grafana.put).not.toHaveBeenCalled();
    expect(JSON.stringify([...grafana.rules])).toBe(before);
  });

  it('installs the groups file provisioning does not own next to the ones it does', async () => {
    const grafana = fakeGrafana();
    grafana.fileProvision(['cyber']);
    const result = await installRules(grafana as any, 'kansa');
    expect(result).toEqual(
      expect.objectContaining({
        groups: GROUPS.slice(1),
        skipped: [expect.objectContaining({ group: 'kansa-cyber' })],
      }),
    );
    expect(grafana.put.mock.calls.map((c) => c[0])).toEqual(
      GROUPS.slice(1).map((g) => `/api/v1/provisioning/folder/aB3xYz9/rule-groups/${g}`),
    );
    expect(grafana.rules.get('kansa-cyber-logon-failures')!.provenance).toBe('file');
  });

  it('is idempotent: a second run keeps the one folder and leaves the rules as they were', async () => {
    const grafana = fakeGrafana();
    const first = await installRules(grafana as any, 'kansa');
    const state = JSON.stringify([...grafana.rules]);
    const second = await installRules(grafana as any, 'kansa');
    expect(second).toEqual(first);
    expect(grafana.post).toHaveBeenCalledTimes(1);
    expect(grafana.folders.size).toBe(1);
    expect(JSON.stringify([...grafana.rules])).toBe(state);
  });

  it("judges late night by the data source's working calendars, else the app's defaults", async () => {
    const offHoursQuery = (grafana: ReturnType<typeof fakeGrafana>) =>
      String(grafana.rules.get('kansa-attendance-off-hours')!.body.data[0].model.query);
    const plain = fakeGrafana();
    await installRules(plain as any, 'kansa');
    expect(offHoursQuery(plain)).toContain('kansa.user.calendar:"jp-night-shift"');
    const shifts = fakeGrafana();
    shifts.datasources.set('kansa', {
      jsonData: { workday: { calendars: { rota: { shiftStart: '22:00', shiftEnd: '07:00', breakMinutes: 60 } } } },
    });
    await installRules(shifts as any, 'kansa');
    expect(offHoursQuery(shifts)).toContain('kansa.user.calendar:"rota"');
    expect(offHoursQuery(shifts)).not.toContain('jp-night-shift');
    shifts.datasources.set('kansa', { jsonData: { workday: { calendars: { rota: { shiftStart: '22:00' } } } } });
    expect(await installRules(shifts as any, 'kansa')).toEqual({
      status: 'failed',
      error: 'calendar rota: shiftStart and shiftEnd go together',
    });
  });

  it('applies configured thresholds', async () => {
    const grafana = fakeGrafana();
    await installRules(grafana as any, 'kansa', { thresholds: { 'cyber-logon-failures': 99 } });
    const rule = grafana.rules.get('kansa-cyber-logon-failures')!.body;
    expect(rule.data.find((d: any) => d.refId === 'C').model.conditions[0].evaluator.params).toEqual([99]);
  });

  it('reports a failure with Grafana’s message instead of throwing', async () => {
    const grafana = fakeGrafana();
    grafana.put.mockRejectedValueOnce({
      status: 403,
      data: { message: 'permissions needed: alert.provisioning:write' },
    });
    expect(await installRules(grafana as any, 'kansa')).toEqual({
      status: 'failed',
      error: 'permissions needed: alert.provisioning:write',
    });
  });
});
