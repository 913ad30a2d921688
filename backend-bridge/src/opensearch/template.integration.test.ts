import { loadConfig } from '../config/load';
import { installRiskTemplates } from '../risk/store/templates';
import { createClient } from './client';
import { installTemplate } from './template';

const client = createClient();
afterAll(() => client.close());

type Templates = {
  index_templates: Array<{
    name: string;
    index_template: { template: { settings?: { index?: { number_of_replicas?: string } } } };
  }>;
};

async function replicasOf(name: string): Promise<string | undefined> {
  const res = (await client.transport.request({ method: 'GET', path: `/_index_template/${name}` })).body as Templates;
  return res.index_templates[0].index_template.template.settings?.index?.number_of_replicas;
}

const NAMES = ['kansa-events', 'kansa-deadletter', 'kansa-risk', 'kansa-state-risk'];

describe('opensearch.replicas', () => {
  it('the installed events, dead-letter and risk templates carry the configured replicas', async () => {
    const { replicas } = loadConfig({ env: { KANSA_OPENSEARCH_REPLICAS: '2' } }).opensearch;
    expect(replicas).toBe(2);
    try {
      await installTemplate(client, replicas);
      await installRiskTemplates(client, replicas);
      for (const name of NAMES) expect({ name, replicas: await replicasOf(name) }).toEqual({ name, replicas: '2' });
      // A command run without --replicas (kansa import, kansa risk rebuild) keeps what is installed.
      await installTemplate(client);
      await installRiskTemplates(client);
      for (const name of NAMES) expect({ name, kept: await replicasOf(name) }).toEqual({ name, kept: '2' });
    } finally {
      // The node is shared with other tests: back to the single-node default at once.
      await installTemplate(client, 0);
      await installRiskTemplates(client, 0);
    }
    for (const name of NAMES) expect({ name, replicas: await replicasOf(name) }).toEqual({ name, replicas: '0' });
  });
});
