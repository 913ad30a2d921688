// Two bridges running the risk loop on one cluster: both learn the same days from the same events and
// share one profile state (kansa-state-risk, meta document saved with if_seq_no). A day learned twice
// would show as an extra active day or volume in a profile; a day lost, as a missing one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { metric, postIngest, startBridge, stopBridge } from './bridges.mjs';
import { os } from './ledger.mjs';

const ZONE = 'Asia/Tokyo'; // the bridge's default risk zone (KANSA_RISK_TZ)
const DAYS_BACK = [5, 3, 2]; // days with events; all ended long before the loop's 30 min grace
const USERS = 5;
const tokyoDate = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));

/** The directory file the bridges need for it: the risk scorer only profiles users with a department. */
export function riskDirectory(dir, marker) {
  const file = join(dir, 'directory.csv');
  writeFileSync(file, ['account,department', ...Array.from({ length: USERS }, (_, u) => `${user(marker, u)},faults`)].join('\n'));
  return file;
}

const user = (marker, u) => `${marker}u${u}`;

/**
 * Sends each user's failed logons (user u on the i-th day: u + i + 1 of them) through bridge 0, restarts
 * both bridges with the risk loop on, waits until the shared state has learned up to yesterday, stops
 * them, and compares every profile with what was sent. The ledger's rows cover the events themselves.
 */
export async function checkRiskProfiles(ctx, bridges, ledger, url) {
  const now = Date.now();
  const days = DAYS_BACK.map((k) => tokyoDate(now - k * 86_400_000));
  const expected = new Map();
  let seq = 0;
  const lines = [];
  for (let u = 0; u < USERS; u++) {
    expected.set(user(ledger.marker, u), days.map((_, i) => u + i + 1));
    days.forEach((day, i) => {
      for (let n = 0; n < u + i + 1; n++, seq++) {
        // Noon in Tokyo, on that Tokyo day.
        lines.push(ledger.sshdLine('risk', seq, { time: `${day}T03:00:00Z`, user: user(ledger.marker, u) }));
      }
    });
  }
  const seqs = lines.map((_, i) => i);
  ledger.sent('risk', seqs);
  if (await postIngest(bridges[0], lines)) ledger.acked('risk', seqs);
  for (const b of bridges) {
    for (let d = 100; (await metric(b, 'kansa_queue_depth_events')) > 0; d = Math.min(d * 2, 1000)) await sleep(d);
  }
  await os(url, 'POST', '/kansa-events-*/_refresh');

  // Both scorers start together (first round after KANSA_RISK_INTERVAL_S = 10 s) and race over the same 30 days.
  const notes = [];
  await stopAll(bridges, notes);
  for (const b of bridges) b.env = { KANSA_RISK: 'on', KANSA_RISK_INTERVAL_S: '10' };
  await Promise.all(bridges.map((b) => startBridge(b)));
  const target = tokyoDate(now - 30 * 60_000 - 86_400_000);
  const deadline = Date.now() + 300_000;
  let learned;
  while ((learned = await os(url, 'GET', '/kansa-state-risk/_doc/meta').then((r) => r._source.day, () => undefined)) === undefined || learned < target) {
    if (Date.now() > deadline) {
      await stopAll(bridges, notes);
      return { rows: [{ case: ledger.name, input: 'risk profiles', note: `the shared state reached ${learned ?? 'nothing'}, not ${target}, in 300 s`, passed: false }], notes };
    }
    await sleep(1000);
  }
  // SIGTERM waits for a round in progress, so nothing writes after this.
  await stopAll(bridges, notes);

  const wrong = [];
  // Each scorer that learns a day writes every profile: about 2 writes per day means both raced all along.
  let writes = 0;
  const daysSinceFirst = Math.round((Date.parse(learned) - Date.parse(days[0])) / 86_400_000) + 1;
  for (const [name, counts] of expected) {
    const doc = await os(url, 'GET', `/kansa-state-risk/_doc/user:${name}`).catch(() => undefined);
    writes += doc?._version ?? 0;
    const p = doc?._source?.profile;
    const got = p ? `activeDays ${p.activeDays}, failedLogons [${p.volumes.failedLogons.join(',')}]` : 'no profile';
    if (got !== `activeDays ${counts.length}, failedLogons [${counts.join(',')}]`) wrong.push(`${name}: ${got}, sent ${counts.length} days [${counts.join(',')}]`);
  }
  ctx.log(`risk: state learned up to ${learned}; ${wrong.length} of ${USERS} profiles differ from what was sent`);
  const rows = (await ledger.count(url)).filter((r) => r.input === 'risk');
  rows.push({
    case: ledger.name,
    input: 'risk profiles (2 bridges scoring)',
    note: `${wrong.length === 0 ? `${USERS} users × ${days.length} days (${days.join(', ')}): each day counted once in every profile` : wrong.join('; ')}`
      + ` (${(writes / USERS / daysSinceFirst).toFixed(1)} profile writes per learned day)`,
    passed: wrong.length === 0,
  });
  return { rows, notes };
}

/** SIGTERM to both: each must close intake, finish what it does and exit 0. */
async function stopAll(bridges, notes) {
  for (const b of bridges) {
    const code = await stopBridge(b);
    if (code !== undefined && code !== 0) notes.push(`FAIL ${b.name} exited with ${code} on SIGTERM`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
