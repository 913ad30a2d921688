import { readFileSync } from 'node:fs';
import type { KansaConfig } from '../../config/schema';
import type { RateLimiter } from '../../pipeline/lines';
import type { IntakeContext } from '../intake';
import { ConnectionBudget, StreamIntake } from '../net/stream';

/** Descriptors kept free for the queue, the archive, OpenSearch and HTTP when sizing the connection budget. */
const RESERVED_FDS = 64;

/**
 * Syslog over TCP and over TLS (RFC 6587 / 5425): LF or octet-counted framing, decided per
 * connection. Both listeners share one connection budget: syslog.maxConnections, capped by the
 * process's open-file limit minus RESERVED_FDS so that accepting can never starve the queue of fds.
 */
export function syslogStreamIntakes(
  syslog: KansaConfig['syslog'],
  ctx: IntakeContext,
  limiter: RateLimiter,
): StreamIntake[] {
  const fdLimit = openFileLimit();
  const budget = new ConnectionBudget(
    Math.max(1, Math.min(syslog.maxConnections, fdLimit === undefined ? Infinity : fdLimit - RESERVED_FDS)),
  );
  const common = {
    budget,
    idleTimeoutMs: syslog.idleTimeoutSeconds * 1000,
    maxLineBytes: syslog.maxLineBytes,
    format: syslog.format,
    limiter,
  };
  const intakes: StreamIntake[] = [];
  if (syslog.tcp.enabled)
    intakes.push(
      new StreamIntake({ ...common, name: 'syslog-tcp', host: syslog.tcp.host, port: syslog.tcp.port }, ctx),
    );
  if (syslog.tls.enabled)
    intakes.push(
      new StreamIntake(
        {
          ...common,
          name: 'syslog-tls',
          host: syslog.tls.host,
          port: syslog.tls.port,
          tls: { cert: syslog.tls.cert!, key: syslog.tls.key! },
        },
        ctx,
      ),
    );
  return intakes;
}

/** The soft RLIMIT_NOFILE of this process (Linux /proc/self/limits), undefined elsewhere. */
export function openFileLimit(): number | undefined {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'latin1'));
    return m && m[1] !== 'unlimited' ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
