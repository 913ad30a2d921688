import { LocalTime } from '../localtime';
import type { Observation, UserInfo } from '../observe/observation';
import { emptyState } from '../profile/state';
import { DEFAULT_SETTINGS } from '../settings';
import { RiskEngine } from './engine';

const sales = (name: string, extra: Partial<UserInfo> = {}): UserInfo => ({
  department: '営業',
  displayName: name,
  privileged: false,
  watchlist: false,
  ...extra,
});
const dev = (name: string): UserInfo => ({
  department: '開発',
  displayName: name,
  privileged: false,
  watchlist: false,
});
const engine = new RiskEngine({ ...DEFAULT_SETTINGS, holidays: new Set() });
const clock = engine.clock;
const at = (day: number, hour: number, minute = 0) => clock.dayStart(day) + (hour * 60 + minute) * 60_000;

/** A working day: five reads of the same files in the own share between 9:00 and 13:00, and some browsing. */
function habitual(day: number, user: string, info: UserInfo): Observation[] {
  const obs: Observation[] = [];
  for (let i = 0; i < 5; i++) {
    const file = `C:\\Shares\\${info.department}\\doc_${i}.xlsx`;
    obs.push({
      t: at(day, 9 + i),
      user,
      info,
      resources: [`share:${info.department}`],
      metric: 'filesRead',
      amount: 1,
      file,
    });
  }
  obs.push({ t: at(day, 14), user, info, resources: ['url:business'], metric: 'proxyBytes', amount: 1_000_000 });
  return obs;
}

const monday = LocalTime.dayOf('2026-10-05');
/** Twelve weekdays of routine for four sales and four development users. */
function baseline() {
  const state = emptyState();
  const users = [
    ...['s1', 's2', 's3', 's4'].map((u) => [u, sales(u)] as const),
    ...['d1', 'd2', 'd3', 'd4'].map((u) => [u, dev(u)] as const),
  ];
  let day = monday;
  for (let n = 0; n < 12; day++) {
    const wd = LocalTime.weekday(day);
    const obs = wd === 0 || wd === 6 ? [] : users.flatMap(([u, info]) => habitual(day, u, info));
    engine.step(state, day, obs);
    if (obs.length > 0) n++;
  }
  return { state, day };
}

describe('day scoring', () => {
  it('a sales user reading a development folder: first access for the user and the department, traced to its numbers', () => {
    const { state, day } = baseline();
    const info = sales('s1');
    const obs: Observation[] = [];
    for (let i = 0; i < 25; i++)
      obs.push({
        t: at(day, 15, i),
        user: 's1',
        info,
        resources: ['share:開発', 'folder:開発\\製品設計'],
        metric: 'filesRead',
        amount: 1,
        file: `C:\\Shares\\開発\\製品設計\\f${i}.dwg`,
        ref: { index: 'kansa-events-x', id: `e${i}` },
      });
    const [s1] = engine.peek(state, day, [...obs, ...habitual(day, 's2', sales('s2'))]);
    expect(s1.user).toBe('s1');
    expect(s1.confidence).toBe(1);
    // share: 35 · novelty 1 · (0.35 + 0.65 · peer rarity 1) · volume factor 1 (25 events ≥ 10) · ordinary 0.5
    // (not sensitive: ordinaryNovelty); folder: 25 · 1 · 1 · 1 · 0.5, halved because its share is new too
    // distinct files: 25 against a median of 5, MAD 0 → scale = minScale 5 → z = 4 → 6·(4 − 3) + 4 = 10
    expect(s1.reasons.map((r) => [r.code, r.contribution])).toEqual([
      ['first-share', 17.5],
      ['volume-distinctFiles', 10],
      ['first-folder', 6.3],
    ]);
    expect(s1.score).toBe(33.8);
    expect(s1.reasons[0].ja).toBe('初めての共有フォルダ: 開発 (25 件、部署内でも初めて)');
    expect(s1.reasons[0].en).toBe('First access to share 開発 (25 events; new to the department too)');
    expect(JSON.parse(s1.reasons[0].baseline)).toMatchObject({
      resource: 'share:開発',
      events: 25,
      userDaysSeen: 0,
      peersUsing: 0,
      peers: 3,
      novelty: 1,
      peerRarity: 1,
      ordinaryFactor: DEFAULT_SETTINGS.ordinaryNovelty,
    });
    expect(JSON.parse(s1.reasons[1].baseline)).toMatchObject({
      metric: 'distinctFiles',
      value: 25,
      median: 5,
      mad: 0,
      scale: 5,
      z: 4,
      days: 12,
    });
    // The first event into the new share and folder carries both reasons itself.
    expect(s1.marks).toHaveLength(1);
    expect(s1.marks[0]).toMatchObject({ ref: { id: 'e0' }, score: 23.8 });
    expect(s1.marks[0].reasons.map((r) => r.code)).toEqual(['first-share', 'first-folder']);
    // s2 did the usual: nothing to say.
    const s2 = engine.peek(state, day, habitual(day, 's2', sales('s2')))[0];
    expect(s2).toMatchObject({ user: 's2', score: 0, reasons: [] });
  });

  it('a resource the department uses is less rare than one nobody there uses', () => {
    const { state, day } = baseline();
    // d2 visits the sales share: development peers have never been there. s1 visits a url category one peer (s2) uses.
    state.peers['営業'].resources['url:job-site'] = { s2: day - 1 };
    const scored = engine.peek(state, day, [
      { t: at(day, 10), user: 'd2', info: dev('d2'), resources: ['share:営業'] },
      { t: at(day, 10), user: 's1', info: sales('s1'), resources: ['url:job-site'] },
    ]);
    const d2 = scored.find((u) => u.user === 'd2')!;
    const s1 = scored.find((u) => u.user === 's1')!;
    // One event: volume factor 0.3 + 0.7·ln 2/ln 11 = 0.5023.
    // share: 35 · 1 · 1 · 0.5023; url: 15 · 1 · (0.35 + 0.65·max(0, 1 − (1/3)/0.3)) · 0.5023; both · ordinary 0.5
    expect(d2.score).toBe(8.8);
    expect(s1.score).toBe(1.3);
  });

  it('cold start: confidence grows with the baseline and scales the score', () => {
    const state = emptyState();
    const info = sales('s1');
    engine.step(state, monday, habitual(monday, 's1', info));
    engine.step(state, monday + 1, habitual(monday + 1, 's1', info));
    const [u] = engine.peek(state, monday + 2, [
      { t: at(monday + 2, 10), user: 's1', info, resources: ['share:開発'] },
    ]);
    expect(u.confidence).toBe(0.2);
    // 35 · 0.5023 · ordinary 0.5 = 8.79 before confidence (2 of 10 baseline days).
    expect(u.score).toBe(1.8);
  });

  it('context boosts: a leaver with removable media, at night, on a holiday', () => {
    const { state, day } = baseline();
    const saturday = day + ((6 - LocalTime.weekday(day) + 7) % 7);
    const info = sales('s3', { watchlist: true, departureDate: LocalTime.dateOf(saturday + 10) });
    const obs: Observation[] = [];
    for (let i = 0; i < 12; i++) obs.push({ t: at(saturday, 23, i), user: 's3', info, metric: 'usb', amount: 1 });
    const [u] = engine.peek(state, saturday, obs);
    const codes = u.reasons.map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'volume-usb',
        'unusual-hours',
        'context-watchlist',
        'context-holiday',
        'context-after-hours',
      ]),
    );
    // The contributions add up to the score (capped at 100).
    expect(u.reasons.reduce((n, r) => n + r.contribution, 0)).toBeCloseTo(u.score, 0);
    // USB z = 6 → 6·3 + 4 = 22; one unusual hour → 10 · ordinary 0.5 = 5; boosts: watchlist 0.5 and
    // holiday 0.2 of 27, after hours 0.2 of the 5 points at 23:00 → 27 · 1.7 + 1.
    expect(u.score).toBe(46.9);
    const usb = JSON.parse(u.reasons.find((r) => r.code === 'volume-usb')!.baseline);
    // 12 USB events against twelve days of 0: scale = minScale 2 → z = 6.
    expect(usb).toMatchObject({ value: 12, median: 0, mad: 0, scale: 2, z: 6 });
  });

  it("a leaver's quiet day ranks above an ordinary quiet day, by the watchlist reason alone", () => {
    const { state, day } = baseline();
    const leaver = sales('s2', { departureDate: LocalTime.dateOf(day + 20) });
    const watched = sales('s3', { watchlist: true });
    const obs = [...habitual(day, 's1', sales('s1')), ...habitual(day, 's2', leaver), ...habitual(day, 's3', watched)];
    const scored = engine.peek(state, day, obs);
    const of = (u: string) => scored.find((x) => x.user === u)!;
    expect(of('s1').score).toBe(0);
    for (const u of ['s2', 's3']) {
      expect(of(u).score).toBe(DEFAULT_SETTINGS.watchlistMinPoints);
      expect(of(u).reasons.map((r) => r.code)).toEqual(['context-watchlist']);
      expect(JSON.parse(of(u).reasons[0].baseline)).toMatchObject({ minPoints: DEFAULT_SETTINGS.watchlistMinPoints });
      // No event made the day: nothing is marked.
      expect(of(u).marks).toEqual([]);
    }
    // A departure long after the leaver window is no leaver yet.
    const later = sales('s4', { departureDate: LocalTime.dateOf(day + DEFAULT_SETTINGS.leaverDays + 30) });
    expect(engine.peek(state, day, habitual(day, 's4', later))[0].score).toBe(0);
  });

  it('flagged days do not become the volume baseline; resources and hours are still learned; counts decay', () => {
    const { state, day } = baseline();
    const info = sales('s4', { watchlist: true });
    const obs: Observation[] = [...habitual(day, 's4', info)];
    for (let i = 0; i < 30; i++) obs.push({ t: at(day, 11, i), user: 's4', info, metric: 'printPages', amount: 20 });
    obs.push({ t: at(day, 11), user: 's4', info, resources: ['share:開発'] });
    const before = state.users.s4.volumes.printPages.length;
    const seenBefore = state.users.s1.resources['share:営業'].seen;
    const scored = engine.step(state, day, obs);
    expect(scored.find((u) => u.user === 's4')!.score).toBeGreaterThanOrEqual(50);
    expect(state.users.s4.volumes.printPages.length).toBe(before);
    expect(state.users.s4.resources['share:開発']).toEqual({ seen: 1, last: day });
    expect(state.peers['営業'].resources['share:開発']).toEqual({ s4: day });
    // s1 was not active: its count only decays (one day, half-life 30 days).
    expect(state.users.s1.resources['share:営業'].seen).toBeCloseTo(seenBefore * Math.pow(0.5, 1 / 30), 10);
    expect(() => engine.step(state, day, [])).toThrow(/already learned/);
  });
});
