import type { BackendSrv } from '@grafana/runtime';

import { installSigmaRules, MAX_SIGMA_RULES, parseSigmaFile, SIGMA_FOLDER } from './sigma';

/** A rule as `kansa sigma convert --out rules.json` writes it (query A on the Kansa datasource, reduce, threshold). */
const rule = (uid: string) => ({
  uid,
  title: `Sigma: ${uid}`,
  condition: 'C',
  data: [
    {
      refId: 'A',
      queryType: 'metrics',
      datasourceUid: 'kansa',
      model: { refId: 'A', datasource: { type: 'kansa-logs-datasource', uid: 'kansa' }, query: 'event.code:4720' },
    },
    { refId: 'Ar', datasourceUid: '__expr__', model: { refId: 'Ar', type: 'reduce', expression: 'A' } },
    { refId: 'C', datasourceUid: '__expr__', model: { refId: 'C', type: 'threshold', expression: 'Ar' } },
  ],
  labels: { severity: 'high', sigma_id: uid },
  isPaused: true,
});
const file = (rules: unknown[], interval: unknown = '60s') =>
  JSON.stringify({
    apiVersion: 1,
    groups: [{ orgId: 1, name: 'kansa-sigma', folder: 'Kansa Sigma', interval, rules }],
  });

/** A fake of Grafana's folder and rule-group provisioning API (not of OpenSearch), keeping what was PUT. */
function fakeGrafana() {
  const folders = new Map<string, string>();
  const groups = new Map<string, { rules: Array<Record<string, any>> }>();
  const notFound = () => Object.assign(new Error('not found'), { status: 404 });
  const fake = {
    folders,
    groups,
    get: jest.fn(async (url: string) => {
      if (url === '/api/folders') {
        return [...folders].map(([uid, title]) => ({ uid, title }));
      }
      const folder = /^\/api\/folders\/(.+)$/.exec(url);
      if (folder) {
        if (!folders.has(folder[1])) {
          throw notFound();
        }
        return { uid: folder[1], title: folders.get(folder[1]) };
      }
      const group = /^\/api\/v1\/provisioning\/folder\/(.+)\/rule-groups\/(.+)$/.exec(url);
      if (group) {
        const g = groups.get(`${group[1]}/${group[2]}`);
        if (!g) {
          throw notFound();
        }
        return g;
      }
      throw new Error(`unexpected GET ${url}`);
    }),
    post: jest.fn(async (_url: string, body: any) => {
      folders.set(body.uid, body.title);
      return body;
    }),
    put: jest.fn(async (url: string, body: any, options: any) => {
      expect(options).toEqual({ headers: { 'X-Disable-Provenance': 'true' } });
      const g = /^\/api\/v1\/provisioning\/folder\/(.+)\/rule-groups\/(.+)$/.exec(url)!;
      groups.set(`${g[1]}/${g[2]}`, { rules: body.rules.map((r: any) => ({ ...r, provenance: '' })) });
      return body;
    }),
  };
  return fake as typeof fake & Pick<BackendSrv, 'get' | 'post' | 'put'>;
}

describe('the converted Sigma rules file', () => {
  it('is read as groups of Sigma rules with their interval in seconds', () => {
    const parsed = parseSigmaFile(`\uFEFF${file([rule('sigma-a'), rule('sigma-b')], '5m')}`, 'rules.json');
    expect(parsed).toEqual({
      ok: true,
      rules: 2,
      groups: [{ name: 'kansa-sigma', intervalSeconds: 300, rules: [rule('sigma-a'), rule('sigma-b')] }],
    });
  });

  it('is refused with the place and what was expected when it is not one', () => {
    expect(parseSigmaFile('apiVersion: 1\ngroups: []\n', 'rules.yaml')).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^rules\.yaml: not JSON .*; expected the file of `kansa sigma convert RULES --out rules\.json`$/,
      ),
    });
    expect(parseSigmaFile('{"dashboard": {}}', 'd.json')).toEqual({
      ok: false,
      error: expect.stringContaining("d.json: expected Grafana's alert provisioning format"),
    });
    expect(parseSigmaFile(file([rule('sigma-a'), { ...rule('kansa-cyber-x') }]), 'r.json')).toEqual({
      ok: false,
      error: 'r.json: groups[0].rules[1]: expected a converted Sigma rule (uid "sigma-…", title, data)',
    });
    expect(parseSigmaFile(file([rule('sigma-a')], 'often'), 'r.json')).toEqual({
      ok: false,
      error: 'r.json: groups[0]: interval "often" is not a duration such as 60s',
    });
    expect(parseSigmaFile(file([]), 'r.json')).toMatchObject({
      ok: false,
      error: expect.stringContaining('holds no rules'),
    });
    const many = file(Array.from({ length: MAX_SIGMA_RULES + 1 }, (_, i) => rule(`sigma-${i}`)));
    expect(parseSigmaFile(many, 'big.json')).toEqual({
      ok: false,
      error: `big.json: more than ${MAX_SIGMA_RULES} rules; convert a smaller set of Sigma rules`,
    });
  });
});

describe('installSigmaRules', () => {
  const groupsOf = (text: string) => {
    const parsed = parseSigmaFile(text, 'rules.json');
    if (!parsed.ok) {
      throw new Error(parsed.error);
    }
    return parsed.groups;
  };

  it('creates the Kansa Sigma folder and installs the rules paused, on the configured data source', async () => {
    const grafana = fakeGrafana();
    const result = await installSigmaRules(grafana, 'audit-logs', groupsOf(file([rule('sigma-a'), rule('sigma-b')])));
    expect(result).toEqual({ status: 'success', folderUid: SIGMA_FOLDER.uid, installed: 2, enabled: 0, skipped: [] });
    expect(grafana.folders.get(SIGMA_FOLDER.uid)).toBe('Kansa Sigma');
    const stored = grafana.groups.get('kansa-sigma/kansa-sigma')!.rules;
    expect(stored.map((r) => [r.uid, r.isPaused, r.folderUID, r.ruleGroup])).toEqual([
      ['sigma-a', true, 'kansa-sigma', 'kansa-sigma'],
      ['sigma-b', true, 'kansa-sigma', 'kansa-sigma'],
    ]);
    const [a, ar] = stored[0].data;
    expect([a.datasourceUid, a.model.datasource.uid, ar.datasourceUid]).toEqual([
      'audit-logs',
      'audit-logs',
      '__expr__',
    ]);
  });

  it('keeps the pause state a user gave a rule when the file is installed again, and uses a folder file provisioning made', async () => {
    const grafana = fakeGrafana();
    grafana.folders.set('x7Yq', 'Kansa Sigma');
    await installSigmaRules(grafana, 'kansa', groupsOf(file([rule('sigma-a'), rule('sigma-b')])));
    grafana.groups.get('x7Yq/kansa-sigma')!.rules[1].isPaused = false; // enabled in Grafana's rule list
    const again = await installSigmaRules(
      grafana,
      'kansa',
      groupsOf(file([rule('sigma-a'), rule('sigma-b'), rule('sigma-c')])),
    );
    expect(again).toEqual({ status: 'success', folderUid: 'x7Yq', installed: 3, enabled: 1, skipped: [] });
    expect(grafana.groups.get('x7Yq/kansa-sigma')!.rules.map((r) => [r.uid, r.isPaused])).toEqual([
      ['sigma-a', true],
      ['sigma-b', false],
      ['sigma-c', true],
    ]);
    expect(grafana.post).not.toHaveBeenCalled();
  });

  it('leaves a group that file provisioning owns alone, and reports a refusal from Grafana', async () => {
    const grafana = fakeGrafana();
    grafana.folders.set(SIGMA_FOLDER.uid, SIGMA_FOLDER.title);
    grafana.groups.set('kansa-sigma/kansa-sigma', { rules: [{ ...rule('sigma-a'), provenance: 'file' }] });
    expect(await installSigmaRules(grafana, 'kansa', groupsOf(file([rule('sigma-a')])))).toEqual({
      status: 'success',
      folderUid: 'kansa-sigma',
      installed: 0,
      enabled: 0,
      skipped: ['kansa-sigma'],
    });
    expect(grafana.put).not.toHaveBeenCalled();

    grafana.groups.clear();
    grafana.put.mockRejectedValueOnce({ status: 400, data: { message: 'invalid alert rule: data source not found' } });
    expect(await installSigmaRules(grafana, 'kansa', groupsOf(file([rule('sigma-a')])))).toEqual({
      status: 'failed',
      error: 'invalid alert rule: data source not found',
    });
  });
});
