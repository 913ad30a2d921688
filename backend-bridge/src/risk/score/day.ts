import { LocalTime } from '../localtime';
import {
  METRICS,
  resourceKind,
  type EventRef,
  type Metric,
  type Observation,
  type UserInfo,
} from '../observe/observation';
import { decayState, departmentSize, holdsDay, newProfile, type RiskState, type UserProfile } from '../profile/state';
import type { RiskSettings } from '../settings';
import { hourOfWeek, smoothedShare } from '../stats/cyclic';
import { peerRarity, userNovelty } from '../stats/rarity';
import { robustDeviation } from '../stats/robust';
import { personalDomain, joinMail } from '../observe/mail';
import { executiveDepartments, sensitiveMatcher, sensitivityOf, type Sensitivity } from '../observe/sensitive';
import { accumulatedParts, PeerTotals } from './accumulate';
import { CLOUD_STORY, persistencePart, rememberEvidence, standingPart } from './persistence';
import { BOOST_TEXT, hoursText, resourceText, volumeText, type Reason } from './reasons';

/** A user's score for one local day, with the reasons that add up to it. */
export interface UserDay {
  user: string;
  info: UserInfo;
  day: number;
  score: number;
  confidence: number;
  reasons: Reason[];
  /** Events scored that day. */
  events: number;
  /** Events that carry their own reasons (first touch of a rare resource, first event of an unusual hour). */
  marks: Array<{ ref: EventRef; score: number; reasons: Reason[] }>;
  lastSeen: number;
  /** Set when the review queue showed the day (score/queue.ts). */
  case?: CaseMark;
}

/** On a user-day the review queue showed: the case's story, whether the day opened it, and the day it opened. */
export interface CaseMark {
  story: string;
  status: 'new' | 'open';
  opened: number;
}

/** What one user did in one day, gathered from the observations. */
interface Activity {
  user: string;
  info?: UserInfo;
  obs: Observation[];
  resources: Map<string, { count: number; first: Observation }>;
  hours: Map<number, Observation>;
  volumes: Record<Metric, number>;
  files: Set<string>;
  /** Share and folder keys of the day that are sensitive for this user (markSensitive). */
  sensitive: Map<string, Sensitivity>;
}

const personalSets = new WeakMap<readonly string[], Set<string>>();
const wordMatchers = new WeakMap<readonly string[], RegExp | undefined>();

const round1 = (n: number) => Math.round(n * 10) / 10;

export function gatherDay(obs: readonly Observation[], clock: LocalTime, s: RiskSettings): Map<string, Activity> {
  const byUser = new Map<string, Activity>();
  let personal = personalSets.get(s.personalMailDomains);
  if (!personal)
    personalSets.set(s.personalMailDomains, (personal = new Set(s.personalMailDomains.map((d) => d.toLowerCase()))));
  const sorted = joinMail(obs).sort((a, b) => a.t - b.t);
  for (const o of sorted) {
    let a = byUser.get(o.user);
    if (!a) {
      a = {
        user: o.user,
        obs: [],
        resources: new Map(),
        hours: new Map(),
        volumes: Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>,
        files: new Set(),
        sensitive: new Map(),
      };
      byUser.set(o.user, a);
    }
    if (o.info) a.info = o.info;
    a.obs.push(o);
    const how = hourOfWeek(o.t, clock.offsetMs(o.t));
    if (!a.hours.has(how)) a.hours.set(how, o);
    const resources = o.resources ? [...o.resources] : [];
    // A message to a personal mail domain: counted with its size, and the domain is a resource of its own.
    const domains = new Set(
      (o.mail?.to ?? []).map((t) => personalDomain(t, personal!)).filter((d): d is string => d !== undefined),
    );
    if (domains.size > 0) {
      a.volumes.personalMails += 1;
      a.volumes.personalMailBytes += o.mail?.size ?? 0;
      for (const d of domains) resources.push(`mail:${d}`);
    }
    for (const r of resources) {
      const seen = a.resources.get(r);
      if (seen) seen.count++;
      else a.resources.set(r, { count: 1, first: o });
    }
    if (o.metric) a.volumes[o.metric] += o.amount ?? 1;
    if (o.file) a.files.add(o.file);
  }
  for (const a of byUser.values()) a.volumes.distinctFiles = a.files.size;
  return byUser;
}

/**
 * Which of the day's shares and folders are sensitive for each user (by name, or the executives' share
 * for someone outside the executives), and how many files they read there: needs the state for the
 * directory's titles.
 */
export function markSensitive(state: RiskState, activity: Map<string, Activity>, s: RiskSettings): void {
  let words = wordMatchers.get(s.sensitiveWords);
  if (!wordMatchers.has(s.sensitiveWords))
    wordMatchers.set(s.sensitiveWords, (words = sensitiveMatcher(s.sensitiveWords)));
  const infos = new Map<string, UserInfo>();
  for (const a of activity.values()) if (a.info) infos.set(a.user, a.info);
  const executives = executiveDepartments(state, s, infos);
  for (const a of activity.values()) {
    const info = a.info ?? state.users[a.user]?.info;
    if (!info) continue;
    for (const key of a.resources.keys()) {
      const x = sensitivityOf(key, info, words, executives, s);
      if (x) a.sensitive.set(key, x);
    }
    if (a.sensitive.size === 0) continue;
    for (const o of a.obs)
      if (o.metric === 'filesRead' && o.resources?.some((r) => a.sensitive.has(r)))
        a.volumes.sensitiveReads += o.amount ?? 1;
  }
}

/**
 * Splits each user's cloud-storage bytes of the day by service: what went to a service the department
 * does not commonly use (fewer than `peerCommonShare` of the peers within `peerWindowDays`, or too few
 * peers to tell) is also counted as personalCloudBytes; the department's sanctioned service is not.
 */
export function markCloud(state: RiskState, activity: Map<string, Activity>, s: RiskSettings): void {
  for (const a of activity.values()) {
    if (a.volumes.cloudBytes <= 0) continue;
    const info = a.info ?? state.users[a.user]?.info;
    if (!info) continue;
    const users = state.peers[info.department]?.resources ?? {};
    const peers = Math.max(0, departmentSize(state, info.department) - (state.users[a.user] ? 1 : 0));
    const day = state.day ?? -Infinity;
    const sanctioned = (key: string) =>
      peers >= s.minPeers &&
      Object.entries(users[key] ?? {}).filter(([u, last]) => u !== a.user && day - last < s.peerWindowDays).length >=
        s.peerCommonShare * peers;
    for (const o of a.obs) {
      if (o.metric !== 'cloudBytes') continue;
      const service = o.resources?.find((r) => r.startsWith('cloud:'));
      if (!service || !sanctioned(service)) a.volumes.personalCloudBytes += o.amount ?? 0;
    }
  }
}

interface Part {
  code: string;
  en: string;
  ja: string;
  points: number;
  baseline: Record<string, unknown>;
  mark?: Observation;
  afterHours?: boolean;
}

/**
 * Scores every user active on `day` against the state as of the day before (the state is not
 * changed). The score is the sum of the anomaly reasons, raised by context boosts, bent below 100
 * above `scoreKnee` (saturate) and scaled by the confidence; the reasons' contributions add up to the score.
 */
export function scoreDay(
  state: RiskState,
  day: number,
  activity: Map<string, Activity>,
  s: RiskSettings,
  clock: LocalTime,
): UserDay[] {
  const out: UserDay[] = [];
  const date = LocalTime.dateOf(day);
  const weekday = LocalTime.weekday(day);
  const offDay = weekday === 0 || weekday === 6 || s.holidays.has(date);
  const peers = new PeerTotals(state, day, new Set(s.accumulationTrim));
  for (const a of activity.values()) {
    const profile = state.users[a.user];
    const info = a.info ?? profile?.info;
    if (!info) continue;
    const p = profile ?? newProfile(a.user, info);
    const leaving = info.departureDate ? LocalLeaving(info.departureDate, day, s.leaverDays) : false;
    const parts: Part[] = [
      ...resourceParts(state, p, info, a, day, s, clock),
      ...timeParts(p, a, s, clock),
      ...exfilParts(
        volumeParts(p, a, s),
        accumulatedParts(profile, info, a.volumes, day, s, peers, info.watchlist || leaving),
      ),
    ];
    const persistent = persistencePart(profile, day, parts, s);
    const standing = standingPart(profile, day, parts, s);
    if (persistent) parts.push(persistent);
    if (standing) parts.push(standing);
    const anomaly = parts.reduce((n, x) => n + x.points, 0);
    const boosts: Part[] = [];
    if (anomaly > 0) {
      if (info.privileged)
        boosts.push({
          ...BOOST_TEXT.privileged,
          points: anomaly * s.boosts.privileged,
          baseline: { factor: s.boosts.privileged },
        });
      const late = parts.filter((x) => x.afterHours).reduce((n, x) => n + x.points, 0);
      if (late > 0)
        boosts.push({
          ...BOOST_TEXT.afterHours,
          points: late * s.boosts.afterHours,
          baseline: { factor: s.boosts.afterHours, points: round1(late), hours: s.afterHours },
        });
      if (offDay)
        boosts.push({
          ...BOOST_TEXT.holiday,
          points: anomaly * s.boosts.holiday,
          baseline: { factor: s.boosts.holiday, date, weekday },
        });
    }
    // Points the watchlist floor adds beyond its share of the evidence: they belong to the day, no event.
    let floor = 0;
    if (info.watchlist || leaving) {
      const share = anomaly * s.boosts.watchlist;
      floor = Math.max(0, s.watchlistMinPoints - share);
      boosts.push({
        ...BOOST_TEXT.watchlist,
        points: share + floor,
        baseline: {
          factor: s.boosts.watchlist,
          ...(floor > 0 ? { minPoints: s.watchlistMinPoints } : {}),
          watchlist: info.watchlist,
          departureDate: info.departureDate ?? null,
        },
      });
    }
    const all = [...parts, ...boosts].filter((x) => x.points > 0.05);
    const raw = all.reduce((n, x) => n + x.points, 0);
    const confidence = Math.min(1, p.activeDays / s.minBaselineDays);
    const scale = (raw > 0 ? saturate(raw, s.scoreKnee) / raw : 1) * confidence;
    const reasons = all
      .map((x) => ({
        code: x.code,
        en: x.en,
        ja: x.ja,
        contribution: round1(x.points * scale),
        baseline: JSON.stringify({
          ...x.baseline,
          points: round1(x.points),
          confidence: round1(confidence * 100) / 100,
        }),
      }))
      .sort((x, y) => y.contribution - x.contribution);
    const score = round1(saturate(raw, s.scoreKnee) * confidence);
    const boostShare = anomaly > 0 ? (anomaly + boosts.reduce((n, b) => n + b.points, 0) - floor) / anomaly : 1;
    // One event can open a new share and a new folder at once: its mark carries both reasons.
    const byEvent = new Map<string, { ref: EventRef; points: number; reasons: Reason[] }>();
    for (const x of parts) {
      const ref = x.mark?.ref;
      if (!ref) continue;
      const key = `${ref.index}/${ref.id}`;
      const m = byEvent.get(key) ?? { ref, points: 0, reasons: [] };
      m.points += x.points;
      m.reasons.push(reasons.find((r) => r.code === x.code && r.en === x.en)!);
      byEvent.set(key, m);
    }
    const context = reasons.filter((r) => r.code.startsWith('context-'));
    const marks = [...byEvent.values()]
      .map((m) => ({
        ref: m.ref,
        score: round1(saturate(m.points * boostShare, s.scoreKnee) * confidence),
        reasons: [...m.reasons, ...context],
      }))
      .filter((m) => m.score > 0);
    out.push({
      user: a.user,
      info,
      day,
      score,
      confidence: round1(confidence * 100) / 100,
      reasons,
      events: a.obs.length,
      marks,
      lastSeen: a.obs[a.obs.length - 1].t,
    });
  }
  return out.sort((x, y) => y.score - x.score || (x.user < y.user ? -1 : 1));
}

/**
 * Points up to the knee are the score; above it they bend towards 100 without reaching it, so two
 * users far above the knee still rank by their evidence instead of tying at a cap.
 */
export function saturate(raw: number, knee: number): number {
  return raw <= knee ? raw : knee + (100 - knee) * (1 - Math.exp(-(raw - knee) / (100 - knee)));
}

/** Metrics that measure the same data leaving: only the strongest of their reasons counts. */
const SAME_STORY: ReadonlyArray<readonly string[]> = [CLOUD_STORY];

/**
 * A day's volume and the rolling total of the same metric tell one story: keep the stronger of the two;
 * so do all cloud bytes and those to services the department does not use.
 */
function exfilParts(volumes: Part[], accumulated: Part[]): Part[] {
  const metricOf = (code: string) => code.replace(/^(volume|accumulated)-/, '');
  const story = (code: string) => {
    const m = metricOf(code);
    return SAME_STORY.find((g) => g.includes(m))?.[0] ?? m;
  };
  const out: Part[] = [];
  for (const x of [...volumes, ...accumulated]) {
    const same = out.findIndex((v) => story(v.code) === story(x.code));
    if (same < 0) out.push(x);
    else if (x.points > out[same].points) out[same] = x;
  }
  return out;
}

function LocalLeaving(departureDate: string, day: number, within: number): boolean {
  const d = LocalTime.dayOf(departureDate);
  return Number.isFinite(d) && d >= day && d - day <= within;
}

function resourceParts(
  state: RiskState,
  p: UserProfile,
  info: UserInfo,
  a: Activity,
  day: number,
  s: RiskSettings,
  clock: LocalTime,
): Part[] {
  const parts: Part[] = [];
  const group = state.peers[info.department];
  const peers = Math.max(0, departmentSize(state, info.department) - (state.users[a.user] ? 1 : 0));
  const firstShares = new Set<string>();
  const entries = [...a.resources.entries()].sort((x, y) => (x[0] < y[0] ? 1 : -1)); // share:… before folder:…
  for (const [key, { count, first }] of entries) {
    const seen = p.resources[key];
    const nov = userNovelty(seen?.seen ?? 0, seen ? day - seen.last : undefined, p.decayedActiveDays, s);
    if (nov.novelty === 0) continue;
    const users = group?.resources[key] ?? {};
    const peersUsing = Object.entries(users).filter(
      ([u, last]) => u !== a.user && day - last <= s.peerWindowDays,
    ).length;
    const rarity = peerRarity(peersUsing, peers, s.peerCommonShare);
    const volume = 0.3 + 0.7 * Math.min(1, Math.log(1 + count) / Math.log(11));
    const kind = resourceKind(key);
    const sensitive = a.sensitive.get(key);
    const ordinary = !sensitive && kind !== 'mail' ? s.ordinaryNovelty : 1;
    let points =
      s.resourcePoints[kind] * nov.novelty * (0.35 + 0.65 * rarity) * volume * (sensitive?.factor ?? ordinary);
    if (kind === 'share' && nov.kind === 'first') firstShares.add(key.slice(6));
    // A new folder inside a share that is itself new is mostly the same news.
    if (kind === 'folder' && firstShares.has(key.slice(7).split('\\')[0])) points *= 0.5;
    if (points < 0.5) continue;
    const text = resourceText(key, nov.kind === 'first', count, peersUsing, peers, sensitive?.why);
    const hour = clock.hour(first.t);
    parts.push({
      ...text,
      points,
      mark: first,
      afterHours: hour >= s.afterHours.start || hour < s.afterHours.end,
      baseline: {
        resource: key,
        events: count,
        userDaysSeen: round1(seen?.seen ?? 0),
        lastSeenDaysAgo: seen ? day - seen.last : null,
        userActiveDays: round1(p.decayedActiveDays),
        peersUsing,
        peers,
        novelty: round1(nov.novelty * 100) / 100,
        peerRarity: round1(rarity * 100) / 100,
        ...(sensitive
          ? { sensitive: sensitive.why, sensitivityFactor: sensitive.factor }
          : { ordinaryFactor: ordinary }),
      },
    });
  }
  return parts;
}

function timeParts(p: UserProfile, a: Activity, s: RiskSettings, clock: LocalTime): Part[] {
  const history = p.hours.reduce((x, y) => x + y, 0);
  if (history < s.minHourHistory) return [];
  const rare: Array<{ how: number; share: number; first: Observation }> = [];
  for (const [how, first] of a.hours) {
    const share = smoothedShare(p.hours, how);
    if (share < s.rareHourShare) rare.push({ how, share, first });
  }
  if (rare.length === 0) return [];
  rare.sort((x, y) => x.how - y.how);
  const points = Math.min(25, 10 * Math.sqrt(rare.length)) * s.ordinaryNovelty;
  const text = hoursText(rare.map((r) => r.how));
  const late = rare.some((r) => {
    const h = clock.hour(r.first.t);
    return h >= s.afterHours.start || h < s.afterHours.end;
  });
  return [
    {
      code: 'unusual-hours',
      ...text,
      points,
      mark: rare[0].first,
      afterHours: late,
      baseline: {
        hours: rare.map((r) => ({ hourOfWeek: r.how, share: Number(r.share.toPrecision(2)) })),
        threshold: s.rareHourShare,
        historyHours: round1(history),
        ordinaryFactor: s.ordinaryNovelty,
      },
    },
  ];
}

function volumeParts(p: UserProfile, a: Activity, s: RiskSettings): Part[] {
  const parts: Part[] = [];
  for (const m of METRICS) {
    const history = p.volumes[m] ?? [];
    if (history.length < s.minVolumeDays) continue;
    const d = robustDeviation(a.volumes[m], history, s.volumeMinScale[m]);
    if (d.z <= s.volumeZ) continue;
    const points = s.volumeWeight[m] * Math.min(35, 6 * (d.z - s.volumeZ) + 4);
    parts.push({
      ...volumeText(m, d.value, d.median),
      points,
      baseline: {
        metric: m,
        value: d.value,
        median: d.median,
        mad: d.mad,
        scale: Number(d.scale.toPrecision(4)),
        z: round1(d.z),
        days: d.days,
      },
    });
  }
  // Files read and distinct files tell one story: keep the stronger.
  const fr = parts.find((x) => x.code === 'volume-filesRead');
  const df = parts.find((x) => x.code === 'volume-distinctFiles');
  if (fr && df) parts.splice(parts.indexOf(fr.points > df.points ? df : fr), 1);
  return parts;
}

/**
 * Learns one day into the state (after it was scored): resources, hours, volumes, peers. Flagged
 * days do not feed the volume baseline, so a week of exfiltration does not become the new normal.
 * A profile or peer group that already holds the day (saved before the state's meta document said so)
 * is not learned again; every profile and group ends up at `day`.
 */
export function learnDay(
  state: RiskState,
  day: number,
  activity: Map<string, Activity>,
  scored: readonly UserDay[],
  s: RiskSettings,
): void {
  const peersHeld = new Set(
    Object.values(state.peers)
      .filter((g) => holdsDay(state, g, day))
      .map((g) => g.department),
  );
  decayState(state, s, day);
  const flagged = new Set(scored.filter((u) => u.score >= s.flagScore).map((u) => u.user));
  const reasonsOf = new Map(scored.map((u) => [u.user, u.reasons]));
  for (const a of activity.values()) {
    const info = a.info ?? state.users[a.user]?.info;
    if (!info) continue;
    const known = state.users[a.user];
    if (!known || !holdsDay(state, known, day)) {
      const p = (state.users[a.user] ??= newProfile(a.user, info));
      p.info = info;
      p.activeDays++;
      p.decayedActiveDays += 1;
      for (const key of a.resources.keys()) {
        const r = (p.resources[key] ??= { seen: 0, last: day });
        r.seen += 1;
        r.last = day;
      }
      for (const how of a.hours.keys()) p.hours[how] += 1;
      const v: Partial<Record<Metric, number>> = {};
      for (const m of Object.keys(s.accumulationWeight) as Metric[]) if (a.volumes[m] > 0) v[m] = a.volumes[m];
      p.recent = [...(p.recent ?? []).filter((r) => r.day > day - s.recentDays), { day, v }];
      rememberEvidence(p, day, reasonsOf.get(a.user) ?? [], s);
      if (!flagged.has(a.user)) {
        for (const m of METRICS) {
          (p.volumes[m] ??= []).push(a.volumes[m]);
          if (p.volumes[m].length > s.volumeWindowDays)
            p.volumes[m].splice(0, p.volumes[m].length - s.volumeWindowDays);
        }
      }
    }
    if (peersHeld.has(info.department) || a.resources.size === 0) continue;
    const g = (state.peers[info.department] ??= { department: info.department, resources: {} });
    for (const key of a.resources.keys()) (g.resources[key] ??= {})[a.user] = day;
  }
  for (const p of Object.values(state.users)) p.day = day;
  for (const g of Object.values(state.peers)) g.day = day;
  state.day = day;
}
