import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from '../../../config/schema';
import { memoryContext, testPullOptions } from '../testing/context';
import { FakeM365 } from '../testing/fake-m365';
import { M365Intake } from './intake';
import { MAX_CURSOR_BYTES, MAX_SEEN, pruneSeen, type M365Cursor } from './stream';

const HOUR = 3600_000;
const TENANT = '5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c';
const SECRET = 'm365-client-secret-value-~x9';

/** The intake against the API stand-in, on the test's clock (testPullOptions). */
function harness(contentTypes = ['Audit.SharePoint', 'Audit.Exchange']) {
  const { clock, slept, options } = testPullOptions('m365');
  const stateDir = options.stateDir;
  const fake = new FakeM365(TENANT, 'app-1234', SECRET, () => clock.now);
  const mem = memoryContext();
  const make = (secret = SECRET, ctx = mem.ctx) => {
    const config = configSchema.parse({
      pull: {
        m365: {
          enabled: true,
          tenantId: TENANT,
          clientId: 'app-1234',
          contentTypes,
          loginUrl: fake.url,
          apiUrl: fake.url,
          initialLookbackHours: 36,
          overlapMinutes: 60,
        },
      },
    }).pull;
    return new M365Intake(ctx, config.m365, options, { KANSA_M365_CLIENT_SECRET: secret });
  };
  return { clock, slept, fake, stateDir, mem, make };
}

const cursorOf = (dir: string, type: string) =>
  JSON.parse(readFileSync(join(dir, `m365-${TENANT}-${type}.json`), 'utf8')) as M365Cursor;

describe('Microsoft 365 Management Activity API pull', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(async () => {
    h = harness();
    await h.fake.server.listen();
  });
  afterEach(() => h.fake.server.close());

  it('gets a token, starts the subscriptions, lists two pages, fetches each blob and translates every record', async () => {
    const { fake, clock, mem } = h;
    const at = (hoursAgo: number) => new Date(clock.now - hoursAgo * HOUR);
    fake.pageSize = 1;
    for (const ago of [20, 10, 1]) fake.addBlob('Audit.SharePoint', at(ago), 4, 'sp.example');
    fake.addBlob('Audit.Exchange', at(3), 2, 'ex.example');
    // Older than the 36 h look-back: not fetched.
    fake.addBlob('Audit.SharePoint', at(40), 5, 'old.example');
    const intake = h.make();
    await intake.pollOnce();

    expect(fake.tokensIssued).toBe(1);
    expect([...fake.subscriptions].sort()).toEqual(['Audit.Exchange', 'Audit.SharePoint']);
    expect(fake.server.count(/\/audit\//)).toBe(4);
    const docs = [...mem.docs.values()];
    expect(docs).toHaveLength(14);
    expect(docs.every((d) => d['kansa.source_type'] === 'm365-audit' && d['kansa.parse.status'] === 'ok')).toBe(true);
    expect(docs.filter((d) => d['user.domain'] === 'sp.example')).toHaveLength(12);
    expect(docs.every((d) => d['event.action'] === 'file-accessed')).toBe(true);
    // Each record's JSON is its event's original text, and its id the document id.
    const blob = fake.blobs[0].records[0] as { Id: string };
    expect(JSON.parse(String(mem.docs.get(`m365-${blob.Id}`)?.['event.original'])).Id).toBe(blob.Id);
    // Windows of at most 24 h within 7 days (the fake answers 400 otherwise): 36 h = two windows.
    const lists = fake.server.requests.filter((r) => r.path.includes('subscriptions/content'));
    for (const r of lists) {
      const u = new URL(r.path, fake.url);
      const span = Date.parse(`${u.searchParams.get('endTime')}Z`) - Date.parse(`${u.searchParams.get('startTime')}Z`);
      expect(span).toBeLessThanOrEqual(24 * HOUR);
    }
    // SharePoint: window 1 (one blob), window 2 two pages (NextPageUri); Exchange: one page per window.
    expect(lists.filter((r) => r.path.includes('Audit.SharePoint'))).toHaveLength(3);
    expect(lists.some((r) => r.path.includes('nextPage='))).toBe(true);
    expect(cursorOf(h.stateDir, 'Audit.SharePoint').from).toBe(new Date(clock.now).toISOString());

    // The next poll starts an hour before the cursor: the blob of an hour ago is listed again but not fetched again.
    clock.now += 5 * 60_000;
    fake.addBlob('Audit.SharePoint', new Date(clock.now - 60_000), 3, 'sp.example');
    const blobsBefore = fake.server.count(/\/audit\//);
    await intake.pollOnce();
    expect(fake.server.count(/\/audit\//) - blobsBefore).toBe(1);
    expect(mem.docs.size).toBe(17);
    expect(mem.appended.events).toBe(17);
    // Already enabled subscriptions are not started again by the same process; a new one gets AF20024 and carries on.
    expect(fake.server.count(/subscriptions\/start/)).toBe(2);
    const again = h.make();
    await again.pollOnce();
    expect(fake.server.count(/subscriptions\/start/)).toBe(4);
    expect(mem.docs.size).toBe(17);
    expect(mem.ctx.metrics.render()).toMatch(
      /kansa_pull_records_total\{input="pull-m365",stream="Audit.SharePoint"\} 15/,
    );
    // One log line per poll that brought records: the first poll's SharePoint stream stored 12.
    expect(mem.logs.filter((l) => l.includes('"msg":"polled"') && l.includes('"records":12'))).toHaveLength(1);
  });

  it('does not start without its secret, naming where it looked', async () => {
    await expect(h.make('').start()).rejects.toThrow(
      'pull-m365: the client secret is missing: set KANSA_M365_CLIENT_SECRET or give a file',
    );
    expect(h.fake.server.requests).toHaveLength(0);
  });

  it('waits for Retry-After on 429, backs off with jitter on 503, and refreshes the token once on 401', async () => {
    const { fake, clock, mem, slept } = h;
    fake.addBlob('Audit.SharePoint', new Date(clock.now - 2 * HOUR), 3, 'sp.example');
    fake.server.faults.push({
      path: /\/audit\//,
      status: 429,
      headers: { 'Retry-After': '7' },
      body: '{"error":{"code":"AF429","message":"Too many requests"}}',
    });
    fake.server.faults.push({ path: /subscriptions\/content/, status: 503, body: 'Service Unavailable' });
    const intake = h.make();
    await intake.pollOnce();
    expect(mem.docs.size).toBe(3);
    // 503 without Retry-After: base 1 s, half fixed, half jitter (random 0.5) = 750 ms; 429: the 7 s it asked for.
    expect(slept).toEqual([750, 7000]);

    // The token is revoked: the next request gets 401, a fresh token is fetched, the request repeated.
    fake.revoke();
    clock.now += 10 * 60_000;
    fake.addBlob('Audit.SharePoint', new Date(clock.now - 60_000), 2, 'sp.example');
    await intake.pollOnce();
    expect(fake.tokensIssued).toBe(2);
    expect(mem.docs.size).toBe(5);
    const metrics = mem.ctx.metrics.render();
    expect(metrics).toMatch(/kansa_pull_retries_total\{input="pull-m365",reason="429"\} 1/);
    expect(metrics).toMatch(/kansa_pull_retries_total\{input="pull-m365",reason="503"\} 1/);
    expect(metrics).toMatch(/kansa_pull_retries_total\{input="pull-m365",reason="401"\} 1/);

    // An admin stopped the subscription: the listing's AF20022 fails this poll; the next one starts it again.
    fake.subscriptions.delete('Audit.SharePoint');
    clock.now += 5 * 60_000;
    fake.addBlob('Audit.SharePoint', new Date(clock.now - 60_000), 1, 'sp.example');
    await intake.pollOnce();
    expect(mem.logs.join('\n')).toContain('AF20022');
    expect(mem.docs.size).toBe(5);
    await intake.pollOnce();
    expect(fake.subscriptions.has('Audit.SharePoint')).toBe(true);
    expect(mem.docs.size).toBe(6);
  });

  it('names the endpoint and status when it gives up, keeps the cursor, and never logs the secret', async () => {
    const { fake, clock, mem, stateDir } = h;
    fake.addBlob('Audit.SharePoint', new Date(clock.now - 2 * HOUR), 3, 'sp.example');
    // A wrong secret: the token endpoint's 401 is not retried (no token to refresh).
    await h.make('wrong-secret-value-123').pollOnce();
    const refused = mem.logs.find((l) => l.includes('poll failed'));
    expect(refused).toContain(`POST ${fake.url}/${TENANT}/oauth2/v2.0/token: HTTP 401: invalid_client`);
    expect(mem.logs.join('\n')).not.toMatch(/wrong-secret-value|m365-client-secret/);

    // 503 on every attempt: 3 retries, then the poll fails naming the listing endpoint; nothing stored, cursor unmoved.
    for (let i = 0; i < 4; i++)
      fake.server.faults.push({ path: /subscriptions\/content/, status: 503, headers: { 'Retry-After': '2' } });
    const intake = h.make();
    await intake.pollOnce();
    expect(mem.docs.size).toBe(0);
    expect(mem.logs.join('\n')).toContain(
      `GET ${fake.url}/api/v1.0/${TENANT}/activity/feed/subscriptions/content: HTTP 503`,
    );
    expect(mem.ctx.metrics.render()).toMatch(
      /kansa_pull_errors_total\{input="pull-m365",stream="Audit.SharePoint",status="503"\} 1/,
    );
    expect(() => cursorOf(stateDir, 'Audit.SharePoint')).toThrow();
    await intake.pollOnce();
    expect(mem.docs.size).toBe(3);
    expect(mem.logs.join('\n')).not.toMatch(/m365-client-secret/);
  });

  it('resumes after a crash from the persisted cursor (mid-window, on the saved page): nothing lost, nothing twice', async () => {
    const { fake, clock, mem, stateDir } = h;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const b = fake.addBlob('Audit.SharePoint', new Date(clock.now - (34 - i * 5) * HOUR), 3, 'sp.example');
      ids.push(...b.records.map((r) => `m365-${(r as { Id: string }).Id}`));
    }
    // The process dies right after the queue took the 5th blob, before its cursor was written.
    let blobs = 0;
    const dying = {
      ...mem.ctx,
      enqueue: (...args: Parameters<typeof mem.ctx.enqueue>) => {
        const r = mem.ctx.enqueue(...args);
        if (++blobs === 5) throw new Error('killed');
        return r;
      },
    };
    await h.make(SECRET, dying).pollOnce();
    expect(mem.docs.size).toBe(15);
    const saved = cursorOf(stateDir, 'Audit.SharePoint');
    expect(saved.window?.next).toContain('nextPage=');
    expect(saved.seen).toHaveLength(4);

    const listed = fake.server.requests.length;
    await h.make().pollOnce();
    // The restart lists the saved page first, fetches the 5th blob again (its records stored once), then the rest.
    expect(fake.server.requests.slice(listed).find((r) => r.path.includes('subscriptions/content'))?.path).toContain(
      'nextPage=',
    );
    expect([...mem.docs.keys()].sort()).toEqual([...ids].sort());
    expect(mem.appended.events).toBe(21 + 3);
    expect(cursorOf(stateDir, 'Audit.SharePoint').window).toBeUndefined();
  });

  it('keeps its cursor bounded, warns past the 7 days the API keeps, and keeps a damaged blob as a parse failure', async () => {
    const { fake, clock, mem, stateDir } = h;
    // A cursor 10 days old (the bridge was down): the window starts within the 7 days, with a warning.
    writeFileSync(
      join(stateDir, `m365-${TENANT}-Audit.SharePoint.json`),
      JSON.stringify({ from: new Date(clock.now - 240 * HOUR).toISOString(), seen: [] }),
    );
    const blob = fake.addBlob('Audit.SharePoint', new Date(clock.now - 2 * HOUR), 2, 'sp.example');
    blob.records = 'not json' as unknown as unknown[];
    fake.addBlob('Audit.SharePoint', new Date(clock.now - HOUR / 2), 2, 'sp.example');
    await h.make().pollOnce();
    expect(mem.logs.join('\n')).toContain('older than the 7 days');
    const docs = [...mem.docs.values()];
    expect(docs).toHaveLength(3);
    const failed = docs.filter((d) => d['kansa.parse.status'] === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]['event.original']).toBe('"not json"');

    // Bound of the cursor: MAX_SEEN remembered blobs of real-sized content ids stay under MAX_CURSOR_BYTES.
    const id = `20261205120000${'0'.repeat(18)}$${'a'.repeat(32)}$audit_sharepoint$Audit_SharePoint$emea0026`;
    const big: M365Cursor = {
      from: new Date(clock.now).toISOString(),
      seen: Array.from({ length: MAX_SEEN }, (_, i) => [`${id}${i}`, new Date(clock.now - i * 1000).toISOString()]),
    };
    const pruned = pruneSeen(
      [...big.seen, [`${id}new`, new Date(clock.now + 1000).toISOString()]],
      -Infinity,
      MAX_SEEN,
    );
    expect(pruned).toHaveLength(MAX_SEEN);
    expect(pruned[pruned.length - 1][0]).toBe(`${id}new`);
    expect(pruned.some(([i]) => i === `${id}${MAX_SEEN - 1}`)).toBe(false);
    expect(Buffer.byteLength(JSON.stringify({ ...big, seen: pruned }))).toBeLessThan(MAX_CURSOR_BYTES);
    // Past the overlap, remembered blobs are forgotten (a later listing cannot return them).
    expect(pruneSeen(big.seen, clock.now - 10_000, MAX_SEEN)).toHaveLength(11);
  });
});
