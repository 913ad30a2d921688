import pino from 'pino';
import { Metrics } from '../../pipeline/metrics';
import { HttpFront, type Route } from './front';
import { call } from './testing/bridge';

describe('the shared HTTP front', () => {
  const metrics = new Metrics();
  const front = new HttpFront({
    port: 0,
    host: '127.0.0.1',
    maxBodyBytes: 100,
    maxBodiesInFlight: 2,
    authenticate: (req) => (req.headers.authorization === 'Bearer ok' ? 'tester' : undefined),
    metrics,
    log: pino({ level: 'silent' }),
  });
  const echo: Route = {
    input: 'echo',
    methods: ['POST'],
    path: '/echo',
    handle: async (x) => x.send(200, { token: x.token, body: (await x.body()).toString() }),
  };
  let port: number;
  beforeAll(async () => {
    front.route({
      input: 'catch-all',
      methods: ['GET', 'POST'],
      path: /^\//,
      fallback: true,
      handle: (x) => x.send(200, { fallback: x.path }),
    });
    front.route(echo);
    front.route({
      input: 'health',
      methods: ['GET'],
      path: '/healthz',
      public: true,
      handle: (x) => x.send(200, { ok: true }),
    });
    port = (await front.listen()).port;
  });
  afterAll(() => front.close());

  it('routes by method and path, fallbacks last; checks the token except on public routes', async () => {
    const auth = { authorization: 'Bearer ok' };
    expect(JSON.parse((await call(port, 'POST', '/echo/', 'hi', auth)).body)).toEqual({ token: 'tester', body: 'hi' });
    expect(JSON.parse((await call(port, 'GET', '/anything', undefined, auth)).body)).toEqual({ fallback: '/anything' });
    expect((await call(port, 'PUT', '/echo', 'x', auth)).status).toBe(404);
    expect((await call(port, 'GET', '/healthz')).status).toBe(200);
    const refused = await call(port, 'POST', '/echo', 'hi', { authorization: 'Bearer wrong' });
    expect([refused.status, refused.headers['www-authenticate'], JSON.parse(refused.body).error.type]).toEqual([
      401,
      'Bearer realm="kansa"',
      'security_exception',
    ]);
    expect(metrics.rejected.get({ input: 'echo', reason: 'unauthorized' })).toBe(1);
  });

  it('answers 413 past the body limit, counted under the route’s input', async () => {
    const r = await call(port, 'POST', '/echo', 'x'.repeat(101), { authorization: 'Bearer ok' });
    expect([r.status, JSON.parse(r.body).error.reason]).toEqual([
      413,
      'echo: request body of 101 bytes is over the limit of 100 bytes (http.maxBodyBytes)',
    ]);
    expect(metrics.rejected.get({ input: 'echo', reason: 'too_large' })).toBe(1);
  });

  it('answers 503 (retry) on a route whose intake stopped, not 404', async () => {
    front.unroute(echo);
    const r = await call(port, 'POST', '/echo', 'hi', { authorization: 'Bearer ok' });
    expect([r.status, r.headers['retry-after'], JSON.parse(r.body).error.reason]).toEqual([
      503,
      '5',
      'echo: the bridge is stopping; retry later',
    ]);
  });
});
