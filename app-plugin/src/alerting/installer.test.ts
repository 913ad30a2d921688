import { installRules } from './installer';

/** A fake of Grafana's HTTP API (not of OpenSearch): folders and rule groups held in memory. */
function fakeGrafana() {
  const folders = new Map<string, unknown>();
  const groups = new Map<string, any>();
  const calls: string[] = [];
  return {
    folders,
    groups,
    calls,
    get: jest.fn(async (url: string) => {
      calls.push(`GET ${url}`);
      const uid = url.split('/').pop()!;
      if (!folders.has(uid)) throw Object.assign(new Error('folder not found'), { status: 404 });
      return folders.get(uid);
    }),
    post: jest.fn(async (url: string, body: any) => {
      calls.push(`POST ${url}`);
      folders.set(body.uid, body);
      return body;
    }),
    put: jest.fn(async (url: string, body: any, options: any) => {
      calls.push(`PUT ${url} ${options.headers['X-Disable-Provenance']}`);
      groups.set(url, body);
      return body;
    }),
  };
}

describe('installRules', () => {
  it('creates the folder, then PUTs every group without provenance', async () => {
    const grafana = fakeGrafana();
    const result = await installRules(grafana as any, 'my-kansa');
    expect(result).toEqual({ status: 'success', groups: ['kansa-cyber', 'kansa-insider', 'kansa-attendance'] });
    expect(grafana.calls).toEqual([
      'GET /api/folders/kansa-alerts',
      'POST /api/folders',
      'PUT /api/v1/provisioning/folder/kansa-alerts/rule-groups/kansa-cyber true',
      'PUT /api/v1/provisioning/folder/kansa-alerts/rule-groups/kansa-insider true',
      'PUT /api/v1/provisioning/folder/kansa-alerts/rule-groups/kansa-attendance true',
    ]);
    const cyber = grafana.groups.get('/api/v1/provisioning/folder/kansa-alerts/rule-groups/kansa-cyber');
    expect(cyber.rules[0].data[0].datasourceUid).toBe('my-kansa');
    expect(cyber.rules[0].labels.__grafana_origin).toBe('plugin/kansa-logs-app');
  });

  it('is idempotent: a second run keeps the folder and replaces the same groups', async () => {
    const grafana = fakeGrafana();
    await installRules(grafana as any, 'kansa');
    const first = JSON.stringify([...grafana.groups]);
    await installRules(grafana as any, 'kansa');
    expect(grafana.post).toHaveBeenCalledTimes(1);
    expect(JSON.stringify([...grafana.groups])).toBe(first);
  });

  it('applies configured thresholds', async () => {
    const grafana = fakeGrafana();
    await installRules(grafana as any, 'kansa', { thresholds: { 'cyber-logon-failures': 99 } });
    const rule = grafana.groups.get('/api/v1/provisioning/folder/kansa-alerts/rule-groups/kansa-cyber').rules.find((r: any) => r.uid === 'kansa-cyber-logon-failures');
    expect(rule.data.find((d: any) => d.refId === 'C').model.conditions[0].evaluator.params).toEqual([99]);
  });

  it('reports a failure with Grafana’s message instead of throwing', async () => {
    const grafana = fakeGrafana();
    grafana.put.mockRejectedValueOnce({ status: 403, data: { message: 'permissions needed: alert.provisioning:write' } });
    expect(await installRules(grafana as any, 'kansa')).toEqual({ status: 'failed', error: 'permissions needed: alert.provisioning:write' });
  });
});
