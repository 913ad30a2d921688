import { z } from 'zod';

/** "10MiB", "512KiB", "1GB" or a plain number of bytes. */
const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 };

export function parseBytes(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  if (!m || UNITS[m[2].toLowerCase()] === undefined) return value;
  return Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]);
}

const bytes = (def: number, description: string) =>
  z
    .preprocess(parseBytes, z.number({ error: (i) => `expected a size such as 10MiB or a number of bytes, got ${JSON.stringify(i.input)}` }).int().positive())
    .default(def)
    .describe(description);

const port = (def: number, description: string) => z.coerce.number().int().min(0).max(65535).default(def).describe(description);
const host = (description: string) => z.string().default('127.0.0.1').describe(description);

const tlsFiles = z
  .object({
    cert: z.string().min(1).describe('Path of the PEM certificate (chain).'),
    key: z.string().min(1).describe('Path of the PEM private key.'),
  })
  .strict();

const token = z
  .object({
    name: z.string().min(1).describe('Who holds the token; appears in logs, never the token itself.'),
    token: z.string().min(16, 'a token must be at least 16 characters').describe('The bearer token value.'),
  })
  .strict();

export const configSchema = z
  .object({
    opensearch: z
      .object({
        url: z.string().url().default('http://127.0.0.1:9200').describe('OpenSearch URL. Credentials may be in the URL or below; they are never logged.'),
        username: z.string().optional().describe('Basic-auth user (optional).'),
        password: z.string().optional().describe('Basic-auth password (optional).'),
        bulkBytes: bytes(6 * 1024 * 1024, 'Target size of one bulk request.'),
        concurrency: z.number().int().min(1).max(16).default(3).describe('Bulk requests in flight at once.'),
        installTemplate: z.boolean().default(true).describe('Install the kansa-events index template on start.'),
      })
      .strict()
      .prefault({})
      .describe('Where events are indexed.'),
    queue: z
      .object({
        dir: z.string().default('.kansa/queue').describe('Directory of the durable queue (segment files and the acknowledged position).'),
        maxBytes: bytes(1024 ** 3, 'Bound of the queue on disk; when full, inputs apply backpressure.'),
        segmentBytes: bytes(16 * 1024 * 1024, 'Size at which a new segment file is started.'),
        fsync: z
          .enum(['always', 'interval', 'never'])
          .default('always')
          .describe('always: fdatasync before an input acknowledges (survives power loss); interval: written to the OS before acknowledging (survives a crash of the bridge), fdatasync every fsyncIntervalMs; never: leave it to the OS.'),
        fsyncIntervalMs: z.number().int().positive().default(1000).describe('Period of fdatasync when fsync is interval.'),
      })
      .strict()
      .prefault({})
      .describe('The durable on-disk queue between inputs and the OpenSearch writer.'),
    http: z
      .object({
        enabled: z.boolean().default(true).describe('Serve POST /ingest, the Elasticsearch-compatible /_bulk, and /healthz, /readyz, /metrics.'),
        host: host('Address to listen on.'),
        port: port(9280, 'Port to listen on (0 picks a free one).'),
        maxBodyBytes: bytes(20 * 1024 * 1024, 'Largest request body; larger ones get 413.'),
        tls: tlsFiles.optional().describe('Serve HTTPS with this certificate and key (optional).'),
      })
      .strict()
      .prefault({})
      .describe('HTTP intake and operations endpoints.'),
    auth: z
      .object({
        tokens: z.array(token).default([]).describe('Bearer tokens accepted on intake and admin endpoints. With none, those endpoints refuse every request.'),
      })
      .strict()
      .prefault({})
      .describe('Who may send events and read metrics.'),
    syslog: z
      .object({
        format: z.string().default('syslog').describe('Translator format for syslog inputs (syslog dispatches to the program translators).'),
        maxLineBytes: bytes(64 * 1024, 'Longer messages are truncated and flagged (kansa.parse.status partial).'),
        rateLimit: z
          .object({
            eventsPerSecond: z.number().positive().default(5000).describe('Sustained messages per second per sender; beyond it, TCP is paused and UDP dropped (counted).'),
            burst: z.number().positive().default(20000).describe('Messages a sender may send at once above the sustained rate.'),
          })
          .strict()
          .prefault({})
          .describe('Per-sender limits.'),
        udp: z
          .object({ enabled: z.boolean().default(false).describe('Listen for syslog over UDP (RFC 3164/5424).'), host: host('Address.'), port: port(5514, 'Port.') })
          .strict()
          .prefault({})
          .describe('Syslog over UDP; it cannot be paused, so drops are counted.'),
        tcp: z
          .object({ enabled: z.boolean().default(false).describe('Listen for syslog over TCP (LF or octet-counted, RFC 6587).'), host: host('Address.'), port: port(5514, 'Port.') })
          .strict()
          .prefault({})
          .describe('Syslog over TCP.'),
        tls: z
          .object({
            enabled: z.boolean().default(false).describe('Listen for syslog over TLS (RFC 5425).'),
            host: host('Address.'),
            port: port(6514, 'Port.'),
            cert: z.string().optional().describe('Path of the PEM certificate.'),
            key: z.string().optional().describe('Path of the PEM private key.'),
          })
          .strict()
          .prefault({})
          .describe('Syslog over TLS.')
          .refine((t) => !t.enabled || (t.cert && t.key), { message: 'syslog.tls needs cert and key when enabled' }),
      })
      .strict()
      .prefault({})
      .describe('Syslog inputs.'),
    files: z
      .object({
        pollMs: z.number().int().positive().default(1000).describe('How often tailed files are checked for new data, rotation and truncation.'),
        sources: z
          .array(
            z
              .object({
                paths: z.array(z.string().min(1)).min(1).describe('Files to tail; wildcards (* ?) in the last path segment, e.g. /var/log/app/*.log.'),
                format: z.string().default('auto').describe('Translator format, or auto to detect it per file.'),
              })
              .strict(),
          )
          .default([])
          .describe('Line-based log files to tail. Checkpoints (inode + offset) are kept in the queue directory.'),
      })
      .strict()
      .prefault({})
      .describe('File tailing.'),
    translate: z
      .object({
        timeZone: z.string().default('UTC').describe('IANA zone for timestamps written without an offset.'),
        year: z.number().int().optional().describe('Year for timestamps that carry none (default: the current year).'),
        directory: z.string().optional().describe('User directory CSV/JSON for enrichment (optional).'),
        assets: z.string().optional().describe('Asset list CSV for enrichment (optional).'),
      })
      .strict()
      .prefault({})
      .describe('How raw records are translated and enriched.'),
    log: z
      .object({ level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info').describe('Log level of the JSON logs on stdout.') })
      .strict()
      .prefault({})
      .describe('Logging.'),
  })
  .strict();

export type KansaConfig = z.infer<typeof configSchema>;
