import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../config/load';
import { createClient } from '../../opensearch/client';
import { Bridge } from '../../serve/bridge';
import { marker, until } from '../../serve/testing/helpers';
import { FakeGoogle, serviceAccountKey } from './testing/fake-google';
import { FakeM365 } from './testing/fake-m365';

jest.setTimeout(180_000);

const HOUR = 3600_000;

/**
 * `kansa serve` with both pull inputs enabled against local stand-ins of the two APIs, into real
 * OpenSearch; stopped and started again on the same queue directory (cursors in <queue.dir>/pull).
 */
describe('pull inputs into OpenSearch', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  afterAll(() => client.close());
  // Whatever a failed expectation left running (a bridge polls, the stand-ins listen) would keep jest alive.
  const running: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const stop of running.splice(0).reverse()) await stop().catch(() => undefined);
  });

  const count = async (sourceType: string, domain: string) => {
    await client.transport.request({ method: 'POST', path: '/kansa-events-*/_refresh' });
    const res = await client.transport.request({
      method: 'POST',
      path: '/kansa-events-*/_count',
      body: {
        query: {
          bool: { filter: [{ term: { 'kansa.source_type': sourceType } }, { term: { 'user.domain': domain } }] },
        },
      },
    });
    return (res.body as { count: number }).count;
  };

  it('stores every pulled record once, across a restart from the persisted cursors', async () => {
    const domain = `${marker('pull')}.example`;
    const dir = mkdtempSync(join(tmpdir(), 'kansa-pull-it-'));
    const secretFile = join(dir, 'm365-secret');
    writeFileSync(secretFile, 'integration-client-secret\n');
    const key = serviceAccountKey();
    const keyFile = join(dir, 'google-key.json');
    writeFileSync(keyFile, key.json);
    const m365 = new FakeM365('contoso.onmicrosoft.com', 'app-it', 'integration-client-secret', Date.now);
    const google = new FakeGoogle(key.publicKey, key.clientEmail, 'admin@example.co.jp');
    await m365.server.listen();
    await google.server.listen();
    running.push(
      () => m365.server.close(),
      () => google.server.close(),
    );
    const now = Date.now();
    for (const ago of [5, 3, 2]) m365.addBlob('Audit.SharePoint', new Date(now - ago * HOUR), 4, domain);
    m365.addBlob('Audit.Exchange', new Date(now - HOUR), 2, domain);
    google.add('login', new Date(now - 20 * 60_000), 5, domain);
    google.add('drive', new Date(now - 3 * HOUR), 3, domain);

    const config = loadConfig({
      env: {},
      raw: {
        opensearch: { url: process.env.OPENSEARCH_URL },
        queue: { dir: join(dir, 'queue') },
        http: { enabled: false },
        pull: {
          m365: {
            enabled: true,
            tenantId: 'contoso.onmicrosoft.com',
            clientId: 'app-it',
            clientSecretFile: secretFile,
            contentTypes: ['Audit.SharePoint', 'Audit.Exchange'],
            loginUrl: m365.url,
            apiUrl: m365.url,
          },
          google: {
            enabled: true,
            credentialsFile: keyFile,
            subject: 'admin@example.co.jp',
            applications: ['login', 'drive'],
            tokenUrl: `${google.url}/token`,
            apiUrl: google.url,
            maxResults: 2,
          },
        },
      },
    });
    const run = async () => {
      const b = new Bridge(config, { logger: pino({ level: 'silent' }) });
      await b.start();
      running.push(() => b.stop());
      return b;
    };
    const settled = async (b: Bridge, m: number, g: number) => {
      await until(
        () => count('m365-audit', domain),
        (n) => n >= m,
        `${m} m365 documents`,
      );
      await until(
        () => count('google-workspace', domain),
        (n) => n >= g,
        `${g} google documents`,
      );
      await until(
        () => b.queue.depthEvents,
        (n) => n === 0,
        'queue drained',
      );
      return [await count('m365-audit', domain), await count('google-workspace', domain)];
    };

    let bridge = await run();
    expect(await settled(bridge, 14, 8)).toEqual([14, 8]);
    await bridge.stop();

    // While the bridge is down: more content in both APIs.
    m365.addBlob('Audit.SharePoint', new Date(Date.now() - 60_000), 3, domain);
    google.add('login', new Date(Date.now() - 60_000), 2, domain);
    const requestsBefore = m365.server.requests.length;
    bridge = await run();
    expect(await settled(bridge, 17, 10)).toEqual([17, 10]);
    // M365: only the new blob was fetched (the others are remembered in the cursor); Google re-read its overlap
    // hour, and those activities were 409s in OpenSearch, not new documents.
    // Distinct blobs: a request retried after a network error asks for the same blob again, which is fine.
    const fetched = new Set(
      m365.server.requests
        .slice(requestsBefore)
        .map((r) => r.path.split('?')[0])
        .filter((path) => /\/audit\//.test(path)),
    );
    expect(fetched.size).toBe(1);
    expect(bridge.metrics.duplicates.get({ output: 'opensearch' })).toBeGreaterThanOrEqual(5);
    expect(bridge.metrics.received.get({ input: 'pull-m365' })).toBe(3);
  });
});
