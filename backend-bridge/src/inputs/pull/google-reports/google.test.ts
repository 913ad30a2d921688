import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verify } from 'node:crypto';
import { configSchema } from '../../../config/schema';
import { memoryContext, testPullOptions } from '../testing/context';
import { FakeGoogle, serviceAccountKey } from '../testing/fake-google';
import { GoogleReportsIntake } from './intake';
import type { GoogleCursor } from './stream';
import { parseServiceAccount, signJwt } from './token';

const HOUR = 3600_000;
const ADMIN = 'admin@example.co.jp';

function harness() {
  const { clock, slept, options } = testPullOptions('google');
  const stateDir = options.stateDir;
  const key = serviceAccountKey();
  const fake = new FakeGoogle(key.publicKey, key.clientEmail, ADMIN);
  const mem = memoryContext();
  const make = (ctx = mem.ctx, applications = ['login', 'drive']) => {
    const config = configSchema.parse({
      pull: {
        google: {
          enabled: true,
          subject: ADMIN,
          applications,
          tokenUrl: `${fake.url}/token`,
          apiUrl: fake.url,
          maxResults: 3,
          initialLookbackHours: 48,
          overlapMinutes: 60,
        },
      },
    }).pull;
    return new GoogleReportsIntake(ctx, config.google, options, { KANSA_GOOGLE_CREDENTIALS: key.json });
  };
  return { clock, slept, key, fake, stateDir, mem, make };
}

const cursorOf = (dir: string, app: string) =>
  JSON.parse(readFileSync(join(dir, `google-${app}.json`), 'utf8')) as GoogleCursor;

describe('Google Workspace Reports API pull', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(async () => {
    h = harness();
    await h.fake.server.listen();
  });
  afterEach(() => h.fake.server.close());

  it('signs an RS256 JWT for the admin user that the public key verifies', () => {
    const key = parseServiceAccount(h.key.json);
    const jwt = signJwt({ iss: key.clientEmail, sub: ADMIN }, key.privateKey);
    const [head, body, sig] = jwt.split('.');
    expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(verify('RSA-SHA256', Buffer.from(`${head}.${body}`), h.key.publicKey, Buffer.from(sig, 'base64url'))).toBe(
      true,
    );
    expect(verify('RSA-SHA256', Buffer.from(`${head}.${body}x`), h.key.publicKey, Buffer.from(sig, 'base64url'))).toBe(
      false,
    );
    expect(() => parseServiceAccount('{"client_email":"a@b"}')).toThrow(/client_email and private_key/);
  });

  it('exchanges the JWT for a token and pages through activities.list with pageToken, each activity one record', async () => {
    const { fake, clock, mem } = h;
    const logins = fake.add('login', new Date(clock.now - 2 * HOUR), 7, 'login.example');
    fake.add('drive', new Date(clock.now - 30 * HOUR), 2, 'drive.example');
    fake.add('login', new Date(clock.now - 50 * HOUR), 4, 'old.example');
    const intake = h.make();
    await intake.pollOnce();

    expect(fake.tokensIssued).toBe(1);
    expect(fake.assertions[0]).toMatchObject({ iss: h.key.clientEmail, sub: ADMIN, aud: `${fake.url}/token` });
    // 7 logins at 3 per page: three pages, the second and third asked for by nextPageToken.
    const pages = fake.server.requests.filter((r) => r.path.includes('/applications/login'));
    expect(pages).toHaveLength(3);
    expect(pages.filter((r) => r.path.includes('pageToken='))).toHaveLength(2);
    const docs = [...mem.docs.values()];
    expect(docs).toHaveLength(9);
    expect(docs.every((d) => d['kansa.source_type'] === 'google-workspace' && d['kansa.parse.status'] === 'ok')).toBe(
      true,
    );
    expect(docs.filter((d) => d['event.action'] === 'logged-in')).toHaveLength(7);
    const first = logins[0];
    const doc = mem.docs.get(`gws-login-${first.id.time}-${first.id.uniqueQualifier}`);
    expect(JSON.parse(String(doc?.['event.original']))).toEqual(first);
    expect(cursorOf(h.stateDir, 'login')).toEqual({ from: new Date(clock.now).toISOString() });

    // The next poll re-reads the last hour (late activities); what it finds again is stored once.
    clock.now += 10 * 60_000;
    fake.add('login', new Date(clock.now - 20 * 60_000), 2, 'login.example');
    fake.add('login', new Date(clock.now - 65 * 60_000), 1, 'late.example');
    await intake.pollOnce();
    expect(mem.docs.size).toBe(12);
  });

  it('waits for Retry-After on 429, refreshes the token once on 401, and names endpoint and status when it gives up', async () => {
    const { fake, clock, mem, slept } = h;
    fake.add('login', new Date(clock.now - HOUR), 2, 'login.example');
    fake.server.faults.push({
      path: /applications\/login/,
      status: 429,
      headers: { 'Retry-After': '30' },
      body: '{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}',
    });
    fake.server.faults.push({ path: /\/token$/, status: 503 });
    const intake = h.make();
    await intake.pollOnce();
    expect(slept).toEqual([750, 30_000]);
    expect(mem.docs.size).toBe(2);

    fake.revoke();
    clock.now += 5 * 60_000;
    fake.add('login', new Date(clock.now - 60_000), 1, 'login.example');
    await intake.pollOnce();
    expect(fake.tokensIssued).toBe(2);
    expect(mem.docs.size).toBe(3);

    // A 403 (the admin lacks the Reports privilege) is not retried: one request, the error names it.
    fake.server.faults.push({
      path: /applications\/drive/,
      status: 403,
      body: '{"error":{"code":403,"message":"Not Authorized to access this resource/api","status":"PERMISSION_DENIED"}}',
    });
    const before = fake.server.count(/applications\/drive/);
    clock.now += 5 * 60_000;
    await intake.pollOnce();
    expect(fake.server.count(/applications\/drive/) - before).toBe(1);
    expect(mem.logs.join('\n')).toContain(
      `GET ${fake.url}/admin/reports/v1/activity/users/all/applications/drive: HTTP 403: 403: PERMISSION_DENIED: Not Authorized`,
    );
    expect(mem.logs.join('\n')).not.toContain('PRIVATE KEY');
    const metrics = mem.ctx.metrics.render();
    expect(metrics).toMatch(/kansa_pull_retries_total\{input="pull-google",reason="429"\} 1/);
    expect(metrics).toMatch(/kansa_pull_retries_total\{input="pull-google",reason="401"\} 1/);
    expect(metrics).toMatch(/kansa_pull_errors_total\{input="pull-google",stream="drive",status="403"\} 1/);
  });

  it('resumes after a crash from the saved page token: nothing lost, nothing twice', async () => {
    const { fake, clock, mem, stateDir } = h;
    const all = fake.add('login', new Date(clock.now - 3 * HOUR), 8, 'login.example');
    let pages = 0;
    const dying = {
      ...mem.ctx,
      enqueue: (...args: Parameters<typeof mem.ctx.enqueue>) => {
        const r = mem.ctx.enqueue(...args);
        // Killed after the queue took the second page, before its cursor was written.
        if (++pages === 2) throw new Error('killed');
        return r;
      },
    };
    await h.make(dying, ['login']).pollOnce();
    expect(mem.docs.size).toBe(6);
    expect(cursorOf(stateDir, 'login').window?.pageToken).toBeDefined();

    const seen = fake.server.requests.length;
    await h.make(mem.ctx, ['login']).pollOnce();
    expect(fake.server.requests.slice(seen).find((r) => r.path.includes('/applications/'))?.path).toContain(
      'pageToken=',
    );
    expect([...mem.docs.keys()].sort()).toEqual(
      all.map((a) => `gws-login-${a.id.time}-${a.id.uniqueQualifier}`).sort(),
    );
    // The second page was handed over twice (once before the crash): 8 + 3 appended, 8 stored.
    expect(mem.appended.events).toBe(11);
    expect(cursorOf(stateDir, 'login').window).toBeUndefined();
  });

  it('waits while the queue is full and goes on when it has room', async () => {
    const { fake, clock, mem } = h;
    fake.add('login', new Date(clock.now - HOUR), 2, 'login.example');
    mem.refuse.next = 2;
    await h.make(mem.ctx, ['login']).pollOnce();
    expect(mem.refuse.waited).toBe(2);
    expect(mem.docs.size).toBe(2);
  });
});
