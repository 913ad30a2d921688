import { INDEX_PREFIX } from '@kansa/schema';
import { z } from 'zod';

/** "10MiB", "512KiB", "1GB" or a plain number of bytes. */
const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  kib: 1024,
  mb: 1e6,
  mib: 1024 ** 2,
  gb: 1e9,
  gib: 1024 ** 3,
};

export function parseBytes(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  if (!m || UNITS[m[2].toLowerCase()] === undefined) return value;
  return Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]);
}

const bytes = (def: number, description: string) =>
  z
    .preprocess(
      parseBytes,
      z
        .number({ error: (i) => `expected a size such as 10MiB or a number of bytes, got ${JSON.stringify(i.input)}` })
        .int()
        .positive(),
    )
    .default(def)
    .describe(description);

const port = (def: number, description: string) =>
  z.coerce.number().int().min(0).max(65535).default(def).describe(description);
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

const pullCommon = {
  pollSeconds: z.number().int().min(10).max(86_400).default(300).describe('Seconds between two polls of each stream.'),
  initialLookbackHours: z
    .number()
    .positive()
    .default(24)
    .describe('Where a stream without a cursor starts: this many hours back.'),
  overlapMinutes: z
    .number()
    .min(0)
    .max(1440)
    .default(60)
    .describe(
      'Each poll starts this far before the cursor, for records the API makes available late; what is fetched twice is stored once (document id = the record id).',
    ),
};

/** Pulled cloud audit APIs (src/inputs/pull/README.md). Secrets come from files or environment variables only. */
const pullSchema = z
  .object({
    maxResponseBytes: bytes(
      64 * 1024 * 1024,
      'Largest API answer (a listing page, a content blob, an activities page) read into memory; a larger one fails the poll, naming the endpoint.',
    ),
    timeoutSeconds: z
      .number()
      .positive()
      .max(600)
      .default(60)
      .describe('An API request without an answer within this is retried.'),
    maxRetries: z
      .number()
      .int()
      .min(0)
      .max(20)
      .default(8)
      .describe(
        'Retries of one request (429, 503, 5xx, connection failures) before the poll gives up until the next one.',
      ),
    backoffBaseMs: z
      .number()
      .int()
      .positive()
      .default(1000)
      .describe('First retry delay without Retry-After; doubled per retry, with jitter.'),
    backoffCapMs: z
      .number()
      .int()
      .positive()
      .default(300_000)
      .describe('Largest retry delay without Retry-After (a Retry-After is honoured up to 1 h).'),
    m365: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe('Pull the Microsoft 365 unified audit log (Office 365 Management Activity API).'),
        tenantId: z.string().optional().describe('Directory (tenant) id or domain of the organization.'),
        clientId: z.string().optional().describe('Application (client) id of the app registration.'),
        clientSecretEnv: z
          .string()
          .default('KANSA_M365_CLIENT_SECRET')
          .describe('Environment variable holding the client secret (never in this file).'),
        clientSecretFile: z
          .string()
          .optional()
          .describe('Or a file holding the client secret (wins over the variable).'),
        publisherId: z
          .string()
          .optional()
          .describe('PublisherIdentifier sent with each request (your tenant id for throttling quota; optional).'),
        contentTypes: z
          .array(
            z.enum(['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint', 'Audit.General', 'DLP.All']),
          )
          .min(1)
          .default(['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint', 'Audit.General', 'DLP.All'])
          .describe('Content types subscribed to and pulled, each with its own cursor.'),
        loginUrl: z
          .string()
          .url()
          .default('https://login.microsoftonline.com')
          .describe('Token authority: <loginUrl>/<tenantId>/oauth2/v2.0/token.'),
        scope: z.string().default('https://manage.office.com/.default').describe('OAuth2 scope of the token.'),
        apiUrl: z
          .string()
          .url()
          .default('https://manage.office.com')
          .describe('API root: <apiUrl>/api/v1.0/<tenantId>/activity/feed/….'),
        ...pullCommon,
      })
      .strict()
      .prefault({})
      .describe('Microsoft 365 Management Activity API.')
      .refine((m) => !m.enabled || (m.tenantId && m.clientId), {
        message: 'pull.m365 needs tenantId and clientId when enabled',
      })
      .refine((m) => m.initialLookbackHours <= 168, {
        message: 'the Management Activity API keeps 7 days: initialLookbackHours at most 168',
      }),
    google: z
      .object({
        enabled: z.boolean().default(false).describe('Pull Google Workspace audit activities (Admin SDK Reports API).'),
        credentialsFile: z
          .string()
          .optional()
          .describe('Service account key file (JSON with client_email and private_key).'),
        credentialsEnv: z
          .string()
          .default('KANSA_GOOGLE_CREDENTIALS')
          .describe('Or an environment variable holding that JSON (the file wins).'),
        subject: z.string().optional().describe('Admin user the service account acts as (domain-wide delegation).'),
        customerId: z.string().optional().describe("Customer id (optional: the subject's own account by default)."),
        applications: z
          .array(z.string().regex(/^[a-z_]+$/, 'expected an application name such as login or drive'))
          .min(1)
          .default(['login', 'drive', 'admin', 'token'])
          .describe('Applications pulled (activities.list applicationName), each with its own cursor.'),
        tokenUrl: z
          .string()
          .url()
          .default('https://oauth2.googleapis.com/token')
          .describe('OAuth2 token endpoint (also the JWT audience).'),
        apiUrl: z
          .string()
          .url()
          .default('https://admin.googleapis.com')
          .describe('API root: <apiUrl>/admin/reports/v1/activity/users/all/applications/<app>.'),
        maxResults: z.number().int().min(1).max(1000).default(1000).describe('Activities per page.'),
        ...pullCommon,
      })
      .strict()
      .prefault({})
      .describe('Google Workspace Admin SDK Reports API.')
      .refine((g) => !g.enabled || g.subject, { message: 'pull.google needs subject (an admin user) when enabled' })
      .refine((g) => g.initialLookbackHours <= 180 * 24, {
        message: 'the Reports API keeps 180 days: initialLookbackHours at most 4320',
      }),
  })
  .strict()
  .prefault({})
  .describe(
    'Pulled cloud audit logs: each stream keeps its cursor in <queue.dir>/pull/ (see src/inputs/pull/README.md).',
  );

export const configSchema = z
  .object({
    opensearch: z
      .object({
        url: z
          .string()
          .url()
          .default('http://127.0.0.1:9200')
          .describe('OpenSearch URL. Credentials may be in the URL or below; they are never logged.'),
        username: z.string().optional().describe('Basic-auth user (optional).'),
        password: z.string().optional().describe('Basic-auth password (optional).'),
        bulkBytes: bytes(
          6 * 1024 * 1024,
          'Largest bulk request body, action lines included (a single larger document is sent alone); kansa serve and kansa import.',
        ),
        concurrency: z.number().int().min(1).max(16).default(3).describe('Bulk requests in flight at once.'),
        installTemplate: z.boolean().default(true).describe('Install the kansa-events index template on start.'),
        replicas: z
          .number()
          .int()
          .min(0)
          .max(9)
          .default(0)
          .describe(
            'Replicas of every index the bridge creates (events, dead letters, risk), set in the templates it installs: 0 for a single node; 1 or more on a cluster, so an index survives the loss of a node.',
          ),
      })
      .strict()
      .prefault({})
      .describe('Where events are indexed.'),
    queue: z
      .object({
        dir: z
          .string()
          .default('.kansa/queue')
          .describe('Directory of the durable queue (segment files and the acknowledged position).'),
        maxBytes: bytes(1024 ** 3, 'Bound of the queue on disk; when full, inputs apply backpressure.'),
        segmentBytes: bytes(16 * 1024 * 1024, 'Size at which a new segment file is started.'),
        fsync: z
          .enum(['always', 'interval', 'never'])
          .default('always')
          .describe(
            'always: fdatasync before an input acknowledges (survives power loss); interval: written to the OS before acknowledging (survives a crash of the bridge), fdatasync every fsyncIntervalMs; never: leave it to the OS.',
          ),
        fsyncIntervalMs: z
          .number()
          .int()
          .positive()
          .default(1000)
          .describe('Period of fdatasync when fsync is interval.'),
      })
      .strict()
      .prefault({})
      .describe('The durable on-disk queue between inputs and the OpenSearch writer.'),
    http: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe('Serve POST /ingest, the Elasticsearch-compatible /_bulk, and /healthz, /readyz, /metrics.'),
        host: host('Address to listen on.'),
        port: port(9280, 'Port to listen on (0 picks a free one).'),
        maxBodyBytes: bytes(20 * 1024 * 1024, 'Largest request body; larger ones get 413.'),
        maxRecords: z
          .number()
          .int()
          .positive()
          .max(1_000_000)
          .default(50_000)
          .describe(
            'Most records (array elements, lines or _bulk documents) in one request; more get 413 and nothing of the request is kept.',
          ),
        maxBodiesInFlight: z
          .number()
          .int()
          .positive()
          .max(64)
          .default(4)
          .describe(
            'Request bodies held in memory at once, each at most maxBodyBytes; one more is answered 429. Memory for bodies is bounded by maxBodiesInFlight × maxBodyBytes.',
          ),
        tls: tlsFiles.optional().describe('Serve HTTPS with this certificate and key (optional).'),
      })
      .strict()
      .prefault({})
      .describe('HTTP intake and operations endpoints.'),
    auth: z
      .object({
        tokens: z
          .array(token)
          .default([])
          .describe(
            'Bearer tokens accepted on intake and admin endpoints. With none, those endpoints refuse every request.',
          ),
      })
      .strict()
      .prefault({})
      .describe('Who may send events and read metrics.'),
    syslog: z
      .object({
        format: z
          .string()
          .default('syslog')
          .describe('Translator format for syslog inputs (syslog dispatches to the program translators).'),
        maxLineBytes: bytes(64 * 1024, 'Longer messages are truncated and flagged (kansa.parse.status partial).'),
        rateLimit: z
          .object({
            eventsPerSecond: z
              .number()
              .positive()
              .default(5000)
              .describe(
                'Sustained messages per second per sender; beyond it, TCP is paused and UDP dropped (counted).',
              ),
            burst: z
              .number()
              .positive()
              .default(20000)
              .describe('Messages a sender may send at once above the sustained rate.'),
          })
          .strict()
          .prefault({})
          .describe('Per-sender limits.'),
        maxConnections: z
          .number()
          .int()
          .positive()
          .default(1000)
          .describe(
            'Open syslog TCP and TLS connections at once (both together); more are closed at once and counted. Also capped by the process file-descriptor limit minus 64.',
          ),
        idleTimeoutSeconds: z
          .number()
          .positive()
          .default(300)
          .describe(
            'A syslog TCP/TLS connection that sends nothing for this long is closed (not while the bridge itself is pausing it).',
          ),
        udp: z
          .object({
            enabled: z.boolean().default(false).describe('Listen for syslog over UDP (RFC 3164/5424).'),
            host: host('Address.'),
            port: port(5514, 'Port.'),
            receiveBufferBytes: bytes(
              8 * 1024 * 1024,
              'Kernel receive buffer of the socket (SO_RCVBUF; the kernel caps it at net.core.rmem_max). Datagrams beyond it are dropped by the kernel and counted in kansa_udp_kernel_dropped_total.',
            ),
          })
          .strict()
          .prefault({})
          .describe('Syslog over UDP; it cannot be paused, so drops are counted.'),
        tcp: z
          .object({
            enabled: z.boolean().default(false).describe('Listen for syslog over TCP (LF or octet-counted, RFC 6587).'),
            host: host('Address.'),
            port: port(5514, 'Port.'),
          })
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
        pollMs: z
          .number()
          .int()
          .positive()
          .default(1000)
          .describe('How often tailed files are checked for new data, rotation and truncation.'),
        sources: z
          .array(
            z
              .object({
                paths: z
                  .array(z.string().min(1))
                  .min(1)
                  .describe('Files to tail; wildcards (* ?) in the last path segment, e.g. /var/log/app/*.log.'),
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
    pull: pullSchema,
    translate: z
      .object({
        timeZone: z.string().default('UTC').describe('IANA zone for timestamps written without an offset.'),
        year: z.number().int().optional().describe('Year for timestamps that carry none (default: the current year).'),
        directory: z.string().optional().describe('User directory CSV/JSON for enrichment (optional).'),
        assets: z.string().optional().describe('Asset list CSV for enrichment (optional).'),
        timeWindow: z
          .object({
            daysBack: z
              .number()
              .positive()
              .default(400)
              .describe('Events dated more than this many days before arrival are indexed by arrival day.'),
            daysAhead: z
              .number()
              .positive()
              .default(1)
              .describe('Events dated more than this many days after arrival are indexed by arrival day.'),
          })
          .strict()
          .prefault({})
          .describe(
            'kansa serve only: events dated outside this window around their arrival keep their @timestamp but are indexed by arrival day, with the reason in kansa.parse.error and the arrival time in event.created, so no sender can open one daily index per date it claims. kansa import indexes by event date.',
          ),
      })
      .strict()
      .prefault({})
      .describe('How raw records are translated and enriched.'),
    archive: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe(
            'Keep every raw record the bridge accepts (kansa serve and kansa import) in the tamper-evident, encrypted archive.',
          ),
        dir: z
          .string()
          .default('.kansa/archive')
          .describe('Directory of the archive: segments/, manifest.jsonl (the seals) and the writer lock.'),
        segmentBytes: bytes(
          64 * 1024 * 1024,
          'A segment is sealed and a new one started at this size (compressed, encrypted bytes).',
        ),
        maxAgeMinutes: z
          .number()
          .positive()
          .default(60)
          .describe('A segment is sealed at this age even when not full, so the unsealed tail stays short.'),
        fsync: z
          .enum(['always', 'interval', 'never'])
          .default('interval')
          .describe(
            'always: fdatasync after every record; interval: every fsyncIntervalMs; never: leave it to the OS.',
          ),
        fsyncIntervalMs: z
          .number()
          .int()
          .positive()
          .default(1000)
          .describe('Period of fdatasync when fsync is interval.'),
        encryption: z
          .object({
            activeKey: z
              .string()
              .optional()
              .describe(
                'Id of the master key that wraps the data keys of new segments (default: the last key listed). Rotate by adding a key and making it active; keep old keys to read old segments.',
              ),
            keys: z
              .array(
                z
                  .object({
                    id: z.string().min(1).describe('Key id, stored with each segment.'),
                    key: z
                      .string()
                      .optional()
                      .describe(
                        'The 256-bit master key in base64 (kansa archive keygen). Prefer keyFile or KANSA_ARCHIVE_KEYS.',
                      ),
                    keyFile: z.string().optional().describe('File holding the base64 key.'),
                  })
                  .strict(),
              )
              .default([])
              .describe(
                'Master keys (AES-256-GCM key wrapping). Each segment is encrypted with its own random data key.',
              ),
          })
          .strict()
          .prefault({})
          .describe('Encryption at rest: AES-256-GCM per segment.'),
        seal: z
          .object({
            algorithm: z
              .enum(['hmac-sha256', 'ed25519'])
              .default('hmac-sha256')
              .describe('hmac-sha256 (a shared secret) or ed25519 (auditors verify with the public key alone).'),
            keyId: z.string().default('seal-1').describe('Name of the seal key, written into each seal.'),
            key: z
              .string()
              .optional()
              .describe('HMAC secret in base64 (at least 16 bytes). Prefer keyFile or KANSA_ARCHIVE_SEAL_KEY.'),
            keyFile: z
              .string()
              .optional()
              .describe(
                'File with the HMAC secret (base64) or the Ed25519 private key (PEM; kansa archive keygen --ed25519).',
              ),
          })
          .strict()
          .prefault({})
          .describe('How closed segments are sealed in the manifest.'),
        digest: z
          .object({
            file: z
              .string()
              .optional()
              .describe(
                'File the daily chain-head digest is appended to (default: <dir>-digests.jsonl). Keep it on other storage.',
              ),
            index: z
              .string()
              .default('kansa-archive-digest')
              .describe('OpenSearch index the daily digest is also written to; empty to skip.'),
          })
          .strict()
          .prefault({})
          .describe('Daily chain-head digest: a later rewrite of the whole archive no longer matches it.'),
      })
      .strict()
      .prefault({})
      .describe('Tamper-evident raw archive (see README, Archive).')
      .refine((a) => !a.enabled || a.encryption.keys.length > 0, {
        message:
          'archive.enabled needs a master key in archive.encryption.keys or KANSA_ARCHIVE_KEYS (kansa archive keygen)',
      })
      .refine((a) => !a.enabled || Boolean(a.seal.key || a.seal.keyFile), {
        message: 'archive.enabled needs a seal key: archive.seal.key, archive.seal.keyFile or KANSA_ARCHIVE_SEAL_KEY',
      }),
    retention: z
      .object({
        enabled: z.boolean().default(false).describe('Run the daily retention job in kansa serve.'),
        runAt: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (UTC)')
          .default('03:30')
          .describe('Time of day (UTC) of the daily job.'),
        indexPrefix: z.string().default(INDEX_PREFIX).describe('Daily indices the job manages: <prefix>YYYY.MM.DD.'),
        defaultOpensearchDays: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('Days events of no listed class stay searchable (unset: kept).'),
        defaultArchiveDays: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('Days raw records of no listed class stay in the archive (unset: kept).'),
        policies: z
          .array(
            z
              .object({
                name: z.string().min(1).describe('Named in the audit events of each deletion.'),
                sourceTypes: z
                  .array(z.string().min(1))
                  .default([])
                  .describe('kansa.source_type values of the class, e.g. [sshd, windows-security].'),
                query: z
                  .string()
                  .optional()
                  .describe(
                    'Or a Lucene query for the class (e.g. event.category:authentication); applies to OpenSearch only.',
                  ),
                opensearchDays: z
                  .number()
                  .int()
                  .positive()
                  .optional()
                  .describe('Days the class stays in OpenSearch (unset: kept).'),
                archiveDays: z
                  .number()
                  .int()
                  .positive()
                  .optional()
                  .describe('Days the class stays in the archive (unset: kept).'),
              })
              .strict()
              .refine((p) => p.sourceTypes.length > 0 || p.query, { message: 'a policy needs sourceTypes or query' }),
          )
          .default([])
          .describe('Retention per class; the first matching policy of an event wins.'),
        holds: z
          .array(
            z
              .object({
                name: z.string().min(1).describe('Case or matter name.'),
                user: z.string().optional().describe('user.name whose events and raw records are kept.'),
                from: z
                  .string()
                  .datetime({ offset: true })
                  .optional()
                  .describe('Start of a held time range (ISO 8601).'),
                to: z.string().datetime({ offset: true }).optional().describe('End of a held time range (ISO 8601).'),
              })
              .strict()
              .refine((h) => h.user || h.from || h.to, { message: 'a hold needs user, from or to' }),
          )
          .default([])
          .describe('Legal holds: nothing they cover is deleted, whatever the policy.'),
      })
      .strict()
      .prefault({})
      .describe('Retention of OpenSearch indices and archive segments (see README, Retention).'),
    reports: z
      .object({
        dir: z
          .string()
          .default('.kansa/reports')
          .describe('Where every mailed report is kept, with its SHA-256 in manifest.jsonl.'),
        timezone: z.string().default('Asia/Tokyo').describe('IANA zone of report months and of the schedule times.'),
        schedules: z
          .array(
            z
              .object({
                kind: z
                  .enum(['audit', 'attendance', 'insider'])
                  .describe('Monthly audit report, attendance report or insider (risk) summary.'),
                every: z
                  .enum(['monthly', 'weekly'])
                  .default('monthly')
                  .describe(
                    'monthly: the previous month, on `day` of the month; weekly: the month so far, on weekday `day`.',
                  ),
                day: z
                  .number()
                  .int()
                  .min(1)
                  .max(28)
                  .default(1)
                  .describe('Day of the month (1-28) for monthly; ISO weekday (1 = Monday … 7) for weekly.'),
                at: z
                  .string()
                  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')
                  .default('08:00')
                  .describe('Local time of day (reports.timezone).'),
                department: z
                  .string()
                  .optional()
                  .describe('Only this department (kansa.user.department); unset: everyone.'),
                recipients: z.array(z.string().email()).min(1).describe('Addresses the PDF and CSV are mailed to.'),
              })
              .strict()
              .refine((s) => s.every === 'monthly' || s.day <= 7, {
                message: 'a weekly schedule takes day 1 (Monday) … 7 (Sunday)',
              }),
          )
          .default([])
          .describe('Reports kansa serve renders and mails on its own (also on demand: kansa report).'),
        smtp: z
          .object({
            host: z.string().default('127.0.0.1').describe('SMTP server.'),
            port: port(587, 'SMTP port: 587 (STARTTLS) or 465 (implicit TLS).'),
            secure: z.boolean().default(false).describe('Implicit TLS from the first byte (port 465).'),
            requireTLS: z
              .boolean()
              .default(true)
              .describe('Refuse to send unless STARTTLS succeeds (when secure is false).'),
            rejectUnauthorized: z.boolean().default(true).describe('Verify the server certificate.'),
            user: z.string().optional().describe('SMTP AUTH user (optional).'),
            passwordEnv: z
              .string()
              .default('KANSA_SMTP_PASSWORD')
              .describe('Environment variable holding the SMTP AUTH password; never in the file.'),
            from: z.string().default('kansa@localhost').describe('Sender address.'),
          })
          .strict()
          .prefault({})
          .describe('Mail server the reports go through.'),
      })
      .strict()
      .prefault({})
      .describe('Scheduled reports (see backend-bridge/src/report/README.md).'),
    log: z
      .object({
        level: z
          .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal'])
          .default('info')
          .describe('Log level of the JSON logs on stdout.'),
      })
      .strict()
      .prefault({})
      .describe('Logging.'),
  })
  .strict();

export type KansaConfig = z.infer<typeof configSchema>;
