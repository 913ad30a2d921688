import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { redactUrl } from '../opensearch/client';
import { configSchema, type KansaConfig } from './schema';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Every environment variable the bridge reads, and the config path it overrides. The README's table
 * lists each of them (a test checks).
 */
export const ENV_OVERRIDES: ReadonlyArray<{
  env: string;
  path: string;
  kind: 'string' | 'number' | 'boolean' | 'tokens' | 'keys';
  also?: Record<string, unknown>;
}> = [
  { env: 'KANSA_OPENSEARCH_URL', path: 'opensearch.url', kind: 'string' },
  { env: 'KANSA_OPENSEARCH_USERNAME', path: 'opensearch.username', kind: 'string' },
  { env: 'KANSA_OPENSEARCH_PASSWORD', path: 'opensearch.password', kind: 'string' },
  { env: 'KANSA_OPENSEARCH_REPLICAS', path: 'opensearch.replicas', kind: 'number' },
  { env: 'KANSA_QUEUE_DIR', path: 'queue.dir', kind: 'string' },
  { env: 'KANSA_QUEUE_MAX_BYTES', path: 'queue.maxBytes', kind: 'string' },
  { env: 'KANSA_QUEUE_FSYNC', path: 'queue.fsync', kind: 'string' },
  { env: 'KANSA_HTTP_HOST', path: 'http.host', kind: 'string' },
  { env: 'KANSA_HTTP_PORT', path: 'http.port', kind: 'number' },
  // Setting a syslog port also turns that listener on, so a container needs no config file.
  { env: 'KANSA_SYSLOG_UDP_PORT', path: 'syslog.udp.port', kind: 'number', also: { 'syslog.udp.enabled': true } },
  { env: 'KANSA_SYSLOG_TCP_PORT', path: 'syslog.tcp.port', kind: 'number', also: { 'syslog.tcp.enabled': true } },
  {
    env: 'KANSA_SYSLOG_HOST',
    path: 'syslog.udp.host',
    kind: 'string',
    also: { 'syslog.tcp.host': '$value', 'syslog.tls.host': '$value' },
  },
  { env: 'KANSA_TOKENS', path: 'auth.tokens', kind: 'tokens' },
  { env: 'KANSA_LOG_LEVEL', path: 'log.level', kind: 'string' },
  { env: 'KANSA_TIME_ZONE', path: 'translate.timeZone', kind: 'string' },
  { env: 'KANSA_ARCHIVE_DIR', path: 'archive.dir', kind: 'string' },
  { env: 'KANSA_ARCHIVE_KEYS', path: 'archive.encryption.keys', kind: 'keys' },
  { env: 'KANSA_ARCHIVE_ACTIVE_KEY', path: 'archive.encryption.activeKey', kind: 'string' },
  { env: 'KANSA_ARCHIVE_SEAL_KEY', path: 'archive.seal.key', kind: 'string' },
];

/** The config file path when no --config is given. */
export const CONFIG_ENV = 'KANSA_CONFIG';

export interface LoadOptions {
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Parsed config object instead of a file (tests). */
  raw?: unknown;
}

export function loadConfig(options: LoadOptions = {}): KansaConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env[CONFIG_ENV];
  let raw: unknown = options.raw ?? {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
    }
    try {
      raw = parseYaml(text) ?? {};
    } catch (err) {
      throw new ConfigError(`${file}: not valid YAML: ${(err as Error).message}`);
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError(`${file ?? 'config'}: expected a mapping at the top level`);
  const merged = structuredClone(raw) as Record<string, unknown>;
  // OPENSEARCH_URL is the project-wide variable; KANSA_OPENSEARCH_URL wins over it.
  if (env.OPENSEARCH_URL && !env.KANSA_OPENSEARCH_URL) setPath(merged, 'opensearch.url', env.OPENSEARCH_URL);
  for (const o of ENV_OVERRIDES) {
    const value = env[o.env];
    if (value === undefined || value === '') continue;
    const converted = convert(o.env, value, o.kind);
    setPath(merged, o.path, converted);
    for (const [path, v] of Object.entries(o.also ?? {})) setPath(merged, path, v === '$value' ? converted : v);
  }
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(`invalid configuration${file ? ` in ${file}` : ''}:\n${formatIssues(result.error)}`);
  }
  return result.data;
}

function convert(name: string, value: string, kind: string): unknown {
  if (kind === 'number') {
    const n = Number(value);
    if (!Number.isFinite(n)) throw new ConfigError(`${name}: expected a number, got "${value}"`);
    return n;
  }
  if (kind === 'boolean') return value === 'true' || value === '1';
  if (kind === 'tokens') {
    // name:token,name:token
    return value.split(',').map((pair) => {
      const i = pair.indexOf(':');
      if (i <= 0) throw new ConfigError(`${name}: expected name:token[,name:token…]`);
      return { name: pair.slice(0, i).trim(), token: pair.slice(i + 1).trim() };
    });
  }
  if (kind === 'keys') {
    // id:base64[,id:base64]
    return value.split(',').map((pair) => {
      const i = pair.indexOf(':');
      if (i <= 0) throw new ConfigError(`${name}: expected id:base64key[,id:base64key…]`);
      return { id: pair.slice(0, i).trim(), key: pair.slice(i + 1).trim() };
    });
  }
  return value;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`).join('\n');
}

/** The effective configuration with secrets replaced, for --print-config and logs. */
export function redactConfig(config: KansaConfig): KansaConfig {
  const copy = structuredClone(config);
  copy.opensearch.url = redactUrl(copy.opensearch.url);
  if (copy.opensearch.password) copy.opensearch.password = '***';
  copy.auth.tokens = copy.auth.tokens.map((t) => ({ name: t.name, token: '***' }));
  copy.archive.encryption.keys = copy.archive.encryption.keys.map((k) => (k.key ? { ...k, key: '***' } : k));
  if (copy.archive.seal.key) copy.archive.seal.key = '***';
  return copy;
}
