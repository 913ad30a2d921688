// Risk profiles under faults: users with failed SSH logons on known past days, and a check that every
// profile in kansa-state-risk counts each of those days exactly once (a day learned twice shows as an
// extra active day and volume, a day lost as a missing one).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { metric, postIngest, startBridge, stopBridge } from './bridges.mjs';
import { os } from './ledger.mjs';

const ZONE = 'Asia/Tokyo'; // the bridge's default risk zone (KANSA_RISK_TZ)
const DAYS_BACK = [5, 3, 2]; // days with events; all ended long before the loop's 30 min grace
const USERS = 5;
/** The scorer as `kansa serve` runs it, with its first round 10 s after the start. */
export const RISK_ON = { KANSA_RISK: 'on', KANSA_RISK_INTERVAL_S: '10' };

const tokyoDate = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));
const user = (marker, u) => `${marker}u${u}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The directory file the bridges need: the risk scorer only profiles users with a department. */
export function riskDirectory(dir, marker) {
  const file = join(dir, 'directory.csv');
  writeFileSync(
    file,
    ['account,department', ...Array.from({ length: USERS }, (_, u) => `${user(marker, u)},faults`)].join('\n'),
  );
  return file;
}

/**
 * Sends each user's failed logons (user u on the i-th day: u + i + 1 of them) through `bridge` and waits
 * until every bridge's queue is empty. Returns what the profiles must say and the day to wait for.
 */
export async function sendRiskEvents(bridge, bridges, ledger, url) {
  const now = Date.now();
  const days = DAYS_BACK.map((k) => tokyoDate(now - k * 86_400_000));
  const expected = new Map();
  const lines = [];
  for (let u = 0; u < USERS; u++) {
    expected.set(
      user(ledger.marker, u),
      days.map((_, i) => u + i + 1),
    );
    days.forEach((day, i) => {
      // Noon in Tokyo, on that Tokyo day.
      for (let n = 0; n < u + i + 1; n++)
        lines.push(ledger.sshdLine('risk', lines.length, { time: `${day}T03:00:00Z`, user: user(ledger.marker, u) }));
    });
  }
  const seqs = lines.map((_, i) => i);
  ledger.sent('risk', seqs);
  if (await postIngest(bridge, lines)) ledger.acked('risk', seqs);
  for (const b of bridges) {
    for (let d = 100; (await metric(b, 'kansa_queue_depth_events')) > 0; d = Math.min(d * 2, 1000)) await sleep(d);
  }
  await os(url, 'POST', '/kansa-events-*/_refresh');
  // The last day a scorer learns: yesterday, once the 30 min grace after midnight has passed.
  return { days, expected, target: tokyoDate(now - 30 * 60_000 - 86_400_000) };
}

/** Waits until the shared state (meta document) has learned `target`; returns the day it reached. */
export async function waitLearned(url, target, { timeoutMs = 300_000, signal } = {}) {
  const deadline = Date.now() + timeoutMs;
  let learned;
  while (
    !signal?.aborted &&
    ((learned = await os(url, 'GET', '/kansa-state-risk/_doc/meta').then(
      (r) => r._source.day,
      () => undefined,
    )) === undefined ||
      learned < target)
  ) {
    if (Date.now() > deadline) return { learned, reached: false };
    await sleep(1000);
  }
  return { learned, reached: !signal?.aborted };
}

/** One row: every profile against what was sent, with how many times each profile was written per day. */
export async function profilesRow(url, ledger, input, sent, learned) {
  const { days, expected } = sent;
  const wrong = [];
  let writes = 0;
  const daysSinceFirst = Math.round((Date.parse(learned) - Date.parse(days[0])) / 86_400_000) + 1;
  for (const [name, counts] of expected) {
    const doc = await os(url, 'GET', `/kansa-state-risk/_doc/user:${name}`).catch(() => undefined);
    writes += doc?._version ?? 0;
    const p = doc?._source?.profile;
    const got = p ? `activeDays ${p.activeDays}, failedLogons [${p.volumes.failedLogons.join(',')}]` : 'no profile';
    if (got !== `activeDays ${counts.length}, failedLogons [${counts.join(',')}]`)
      wrong.push(`${name}: ${got}; sent ${counts.length} days [${counts.join(',')}]`);
  }
  const ok = `${USERS} users × ${days.length} days (${days.join(', ')}): each day counted once in every profile`;
  return {
    case: ledger.name,
    input,
    note: `${wrong.length === 0 ? ok : wrong.join(' | ')} (state learned to ${learned}; ${(writes / USERS / daysSinceFirst).toFixed(1)} profile writes per learned day)`,
    passed: wrong.length === 0,
  };
}

/** SIGTERM to each: it must close intake, finish its round and exit 0. */
export async function stopAll(bridges, notes) {
  for (const b of bridges) {
    const code = await stopBridge(b);
    if (code !== undefined && code !== 0) notes.push(`FAIL ${b.name} exited with ${code} on SIGTERM`);
  }
}

/**
 * Two scorers on one state: both bridges restart with the risk loop on and race over the same 30 days
 * from an empty state; stopped once the state reached yesterday, every profile must match what was sent.
 */
export async function checkRiskProfiles(ctx, bridges, ledger, url) {
  const sent = await sendRiskEvents(bridges[0], bridges, ledger, url);
  const notes = [];
  await stopAll(bridges, notes);
  for (const b of bridges) b.env = RISK_ON;
  await Promise.all(bridges.map((b) => startBridge(b)));
  const { learned, reached } = await waitLearned(url, sent.target);
  // SIGTERM waits for a round in progress, so nothing writes after this.
  await stopAll(bridges, notes);
  const rows = (await ledger.count(url)).filter((r) => r.input === 'risk');
  rows.push(
    reached
      ? await profilesRow(url, ledger, 'risk profiles (2 bridges scoring)', sent, learned)
      : {
          case: ledger.name,
          input: 'risk profiles',
          note: `the shared state reached ${learned ?? 'nothing'}, not ${sent.target}, in 300 s`,
          passed: false,
        },
  );
  return { rows, notes };
}
