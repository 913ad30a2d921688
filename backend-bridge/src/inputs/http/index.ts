import type { IncomingMessage } from 'node:http';
import type { KansaConfig } from '../../config/schema';
import type { Intake, IntakeContext } from '../intake';
import { BulkIntake } from './bulk/intake';
import type { StoredIds } from './bulk/stored';
import { HttpFront } from './front';
import { IngestIntake } from './ingest/intake';
/**
 * The HTTP side of `kansa serve`: one server with the operations endpoints (health, readiness,
 * metrics) and the two intakes, /ingest and the Elasticsearch _bulk API with its handshake.
 */
export function createHttpIntakes(
  config: KansaConfig['http'],
  ctx: IntakeContext,
  deps: {
    authenticate: (req: IncomingMessage) => string | undefined;
    formats: readonly string[];
    storedIds?: StoredIds;
  },
): { front: HttpFront; intakes: Intake[] } {
  const front = new HttpFront({
    port: config.port,
    host: config.host,
    tls: config.tls,
    maxBodyBytes: config.maxBodyBytes,
    maxBodiesInFlight: config.maxBodiesInFlight,
    authenticate: deps.authenticate,
    metrics: ctx.metrics,
    log: ctx.log,
  });
  front.route({
    input: 'http',
    methods: ['GET', 'HEAD'],
    path: '/healthz',
    public: true,
    handle: (x) => x.send(200, { status: 'ok' }),
  });
  front.route({
    input: 'http',
    methods: ['GET', 'HEAD'],
    path: '/readyz',
    public: true,
    handle: (x) => {
      const r = ctx.readiness();
      x.send(r.ok ? 200 : 503, r.detail);
    },
  });
  front.route({
    input: 'http',
    methods: ['GET'],
    path: '/metrics',
    handle: (x) => {
      x.res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      x.res.end(ctx.metrics.render());
    },
  });
  const limits = { maxRecords: config.maxRecords, formats: deps.formats };
  return { front, intakes: [new IngestIntake(ctx, front, limits), new BulkIntake(ctx, front, limits, deps.storedIds)] };
}
