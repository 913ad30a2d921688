// Fairness check: every tool's output has one JSON object per input line and the same extracted values.
import { closeSync, openSync, readSync } from 'node:fs';

/** Lines of a file, read in 4 MiB blocks so a 1 GiB output never sits in memory at once. */
export function* lines(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(4 << 20);
  let carry = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      const text = carry + buf.toString('utf8', 0, n);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        yield text.slice(start, nl);
        start = nl + 1;
      }
      carry = text.slice(start);
    }
    if (carry !== '') yield carry;
  } finally {
    closeSync(fd);
  }
}

const num = (v) => (v === undefined ? undefined : Number(v));
const raw = (k, key) => k['kansa.raw']?.[key];

/**
 * For each input, the fields a peer rulebase extracts and where Kansa puts the same value. A peer
 * value of undefined means the rule has no such field for that line; Kansa must then agree only on
 * what the peer has.
 */
export const FIELD_MAP = {
  sshd: {
    user: (k) => k['user.name'],
    ip: (k) => k['source.ip'],
    port: (k) => k['source.port'],
    host: (k) => k['host.name'],
    pid: (k) => k['process.pid'],
    program: (k) => k['process.name'],
    method: (k) => raw(k, 'method'),
    uid: (k) => k['user.id'],
    code: (k) => k['error.code'],
    reason: (k) => raw(k, 'disconnect_reason'),
    timestamp: (k) => rfc3164(k['@timestamp']),
    'event.tags': (k) => [k['event.action']],
  },
  squid: {
    time: (k) => raw(k, 'time'),
    elapsed: (k) => raw(k, 'elapsed'),
    client: (k) => k['source.ip'],
    code: (k) => k['event.code'],
    status: (k) => k['http.response.status_code'],
    bytes: (k) => k['destination.bytes'],
    method: (k) => k['http.request.method'],
    url: (k) => raw(k, 'url'),
    user: (k) => raw(k, 'user'),
    hierarchy: (k) => raw(k, 'hierarchy').split('/')[0],
    peer: (k) => raw(k, 'hierarchy').split('/')[1],
    type: (k) => raw(k, 'type'),
    'event.tags': () => ['squid'],
  },
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Kansa's UTC @timestamp back to the syslog header's text (the bench translates with --tz UTC). */
function rfc3164(iso) {
  if (typeof iso !== 'string') return undefined;
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** Normalizes what a peer wrote (all strings) and what Kansa wrote (typed) to one comparable form. */
function same(peerValue, kansaValue) {
  return (
    JSON.stringify(typeof peerValue === 'string' && typeof kansaValue === 'number' ? num(peerValue) : peerValue) ===
    JSON.stringify(kansaValue)
  );
}

/**
 * Compares a peer's output with Kansa's, line by line. Returns { lines, kansaLines, mismatches,
 * examples }; the bench fails when the counts differ or any value does.
 */
export function compareOutputs(kind, peerPath, kansaPath) {
  const map = FIELD_MAP[kind];
  const peer = lines(peerPath);
  const kansa = lines(kansaPath);
  let n = 0;
  let kansaLines = 0;
  let mismatches = 0;
  const examples = [];
  for (;;) {
    const p = peer.next();
    const k = kansa.next();
    if (!k.done) kansaLines++;
    if (p.done) {
      for (let r = k; !r.done; r = kansa.next()) if (r !== k) kansaLines++;
      break;
    }
    n++;
    if (k.done) continue;
    const pv = JSON.parse(p.value);
    const kv = JSON.parse(k.value);
    for (const field of Object.keys(pv)) {
      const get = map[field];
      const kansaValue = get ? get(kv) : undefined;
      if (!get || !same(pv[field], kansaValue)) {
        mismatches++;
        if (examples.length < 3)
          examples.push(`line ${n}: ${field} peer=${JSON.stringify(pv[field])} kansa=${JSON.stringify(kansaValue)}`);
        break;
      }
    }
  }
  return { lines: n, kansaLines, mismatches, examples };
}
