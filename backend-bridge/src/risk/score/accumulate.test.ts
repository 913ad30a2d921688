import { LocalTime } from '../localtime';
import { joinMail, personalDomain } from '../observe/mail';
import type { Observation, UserInfo } from '../observe/observation';
import { emptyState, type RiskState } from '../profile/state';
import { DEFAULT_SETTINGS } from '../settings';
import type { UserDay } from './day';
import { RiskEngine } from './engine';

const engine = new RiskEngine({ ...DEFAULT_SETTINGS, holidays: new Set() });
const clock = engine.clock;
const at = (day: number, hour: number) => clock.dayStart(day) + hour * 3_600_000;
const info = (department: string, extra: Partial<UserInfo> = {}): UserInfo => ({
  department,
  privileged: false,
  watchlist: false,
  ...extra,
});
const MB = 1024 * 1024;

/** An ordinary day: a few reads in the own share and some browsing. */
function routine(day: number, user: string, i: UserInfo): Observation[] {
  return [0, 1, 2]
    .map((k): Observation => ({
      t: at(day, 9 + k),
      user,
      info: i,
      resources: [`share:${i.department}`],
      metric: 'filesRead',
      amount: 1,
      file: `D:\\Shares\\${i.department}\\doc_${k}.xlsx`,
    }))
    .concat([{ t: at(day, 13), user, info: i, resources: ['url:business'], metric: 'proxyBytes', amount: 2 * MB }]);
}

/** Runs `days` calendar days (weekends empty) with extra observations per day; returns every day's scores. */
function run(
  days: number,
  extra: (day: number, n: number) => Observation[],
  users = 8,
  e: RiskEngine = engine,
): { state: RiskState; scored: UserDay[][]; first: number } {
  const state = emptyState();
  const first = LocalTime.dayOf('2027-01-04'); // a Monday
  const scored: UserDay[][] = [];
  let n = 0;
  for (let day = first; day < first + days; day++) {
    const wd = LocalTime.weekday(day);
    if (wd === 0 || wd === 6) {
      scored.push(e.step(state, day, []));
      continue;
    }
    const obs = [
      ...Array.from({ length: users }, (_, u) => routine(day, `u${u}`, info('Dev'))).flat(),
      ...extra(day, n),
    ];
    scored.push(e.step(state, day, obs));
    n++;
  }
  return { state, scored, first };
}

const scored = (r: { scored: UserDay[][] }) => r.scored.flat();
const reasonsOf = (scored: UserDay[][], user: string) =>
  scored
    .flat()
    .filter((u) => u.user === user)
    .map((u) => ({ u, codes: u.reasons.map((r) => r.code) }));

describe('rolling totals', () => {
  it('a slow daily upload to cloud storage scores on its total although no single day stands out', () => {
    // From the 11th working day on, u0 uploads 20 MB a day to a service nobody else in Dev uses.
    const { scored } = run(35, (day, n) =>
      n >= 10
        ? [
            {
              t: at(day, 15),
              user: 'u0',
              info: info('Dev'),
              resources: ['url:cloud-storage', 'cloud:mega.nz'],
              metric: 'cloudBytes',
              amount: 20 * MB,
            },
          ]
        : [],
    );
    const days = reasonsOf(scored, 'u0').filter((x) => x.codes.includes('accumulated-personalCloudBytes'));
    expect(days.length).toBeGreaterThanOrEqual(10);
    const last = days[days.length - 1].u;
    const r = last.reasons.find((x) => x.code === 'accumulated-personalCloudBytes')!;
    expect(r.en).toMatch(
      /^Uploads and downloads to cloud storage the department does not use over the last \d+ days far above usual/,
    );
    expect(r.ja).toContain('クラウドストレージ');
    // All cloud bytes and those to the unused service tell one story: only one of them is a reason.
    expect(last.reasons.some((x) => x.code.endsWith('-cloudBytes'))).toBe(false);
    const b = JSON.parse(r.baseline);
    expect(b).toMatchObject({ metric: 'personalCloudBytes', peers: 7, peerMedian: 0 });
    expect(b.total).toBeGreaterThan(100 * MB);
    expect(b.zPeer).toBeGreaterThan(DEFAULT_SETTINGS.accumulationZ);
    // The reasons still add up to the score.
    expect(last.reasons.reduce((n, x) => n + x.contribution, 0)).toBeCloseTo(last.score, 0);
    // Nobody else gets an accumulated reason.
    expect(
      scored.flat().filter((u) => u.user !== 'u0' && u.reasons.some((x) => x.code.startsWith('accumulated-'))),
    ).toEqual([]);
  });

  it('one big upload day is the day volume, not an accumulation', () => {
    const { scored } = run(30, (day, n) =>
      n === 15
        ? [
            {
              t: at(day, 15),
              user: 'u1',
              info: info('Dev'),
              resources: ['url:cloud-storage'],
              metric: 'cloudBytes',
              amount: 400 * MB,
            },
          ]
        : [],
    );
    // No service named: it cannot be the department's, so it counts as going elsewhere.
    const u1 = reasonsOf(scored, 'u1');
    expect(u1.some((x) => x.codes.includes('volume-personalCloudBytes'))).toBe(true);
    expect(u1.some((x) => x.codes.some((c) => c.startsWith('accumulated-')))).toBe(false);
  });

  it("the department's own cloud service weighs less than a service nobody else in the department uses", () => {
    // Everyone in Dev uses box.com a little; from the 11th working day on, u0 uploads 20 MB a day more,
    // in one run to box.com and in the other to mega.nz.
    const upload = (service: string) => (day: number, n: number) => [
      ...Array.from({ length: 8 }, (_, u): Observation => ({
        t: at(day, 11),
        user: `u${u}`,
        info: info('Dev'),
        resources: ['url:cloud-storage', 'cloud:box.com'],
        metric: 'cloudBytes',
        amount: 2 * MB,
      })),
      ...(n >= 10
        ? [
            {
              t: at(day, 15),
              user: 'u0',
              info: info('Dev'),
              resources: ['url:cloud-storage', `cloud:${service}`],
              metric: 'cloudBytes' as const,
              amount: 20 * MB,
            },
          ]
        : []),
    ];
    const best = (scored: UserDay[][], code: string) =>
      Math.max(
        0,
        ...scored
          .flat()
          .filter((u) => u.user === 'u0')
          .flatMap((u) => u.reasons.filter((r) => r.code === code).map((r) => JSON.parse(r.baseline).points as number)),
      );
    const own = run(35, upload('box.com')).scored;
    const other = run(35, upload('mega.nz')).scored;
    expect(best(own, 'accumulated-cloudBytes')).toBeGreaterThan(0);
    expect(best(own, 'accumulated-personalCloudBytes')).toBe(0);
    expect(best(other, 'accumulated-personalCloudBytes')).toBeGreaterThan(best(own, 'accumulated-cloudBytes'));
  });

  it("a new habit far above the user's own past scores even when the department does as much", () => {
    // Everyone else in Dev uploads 30 MB a day to the department's box.com; u0 uploaded nothing for
    // three weeks and then 20 MB a day to the same service: less than the others, far above their own past.
    const upload = (day: number, n: number): Observation[] =>
      Array.from({ length: 8 }, (_, u) => u)
        .filter((u) => u > 0 || n >= 15)
        .map((u) => ({
          t: at(day, 11),
          user: `u${u}`,
          info: info('Dev'),
          resources: ['url:cloud-storage', 'cloud:box.com'],
          metric: 'cloudBytes' as const,
          amount: (u === 0 ? 20 : 30) * MB,
        }));
    const ownPast = (scored: UserDay[][]) =>
      reasonsOf(scored, 'u0')
        .filter((x) => x.codes.includes('accumulated-cloudBytes'))
        .map((x) => JSON.parse(x.u.reasons.find((r) => r.code === 'accumulated-cloudBytes')!.baseline));
    const withOwn = ownPast(run(40, upload).scored);
    expect(withOwn.length).toBeGreaterThan(3);
    expect(withOwn[0]).toMatchObject({ ownPastFactor: DEFAULT_SETTINGS.ownPastFactor, ownExpected: 0 });
    expect(withOwn[0].zPeer).toBeLessThan(DEFAULT_SETTINGS.accumulationZ);
    // The department alone decides without it: nothing.
    const deptOnly = new RiskEngine({ ...DEFAULT_SETTINGS, holidays: new Set(), ownPastFactor: 0 });
    expect(ownPast(run(40, upload, 8, deptOnly).scored)).toEqual([]);
    // The others, whose habit did not change, get no rolling-total reason once their baseline is full.
    expect(
      scored(run(40, upload)).filter(
        (u) => u.user !== 'u0' && u.confidence === 1 && u.reasons.some((r) => r.code.startsWith('accumulated-')),
      ),
    ).toEqual([]);
  });

  it('mail to a private address adds up, and weighs more once the user is watchlisted, also for the mails before the flag', () => {
    const mail = (day: number, watchlist: boolean): Observation => ({
      t: at(day, 16),
      user: 'u2',
      info: info('Dev', { watchlist }),
      metric: 'mailsOut',
      amount: 1,
      mail: { qid: `Q${day}`, size: 3 * MB, to: ['me2000@gmail.com'] },
    });
    // Every other working day from the 11th; the watchlist flag appears in the directory on the 20th.
    const { scored } = run(30, (day, n) => (n >= 10 && n % 2 === 0 ? [mail(day, n >= 19)] : []));
    const hits = reasonsOf(scored, 'u2').filter((x) =>
      x.codes.some((c) => c === 'accumulated-personalMails' || c === 'accumulated-personalMailBytes'),
    );
    expect(hits.length).toBeGreaterThan(3);
    const before = hits.find((x) => !x.u.info.watchlist)!;
    const after = hits.find((x) => x.u.info.watchlist)!;
    const acc = (u: UserDay) =>
      JSON.parse(u.reasons.find((r) => r.code.startsWith('accumulated-personalMail'))!.baseline);
    expect(acc(before.u).leaverFactor).toBeUndefined();
    // The first day with the flag already counts the weeks before it, weighted as a leaver's.
    expect(acc(after.u)).toMatchObject({ leaverFactor: DEFAULT_SETTINGS.leaverMailFactor });
    expect(acc(after.u).total).toBeGreaterThanOrEqual(3);
    expect(after.codes).toContain('context-watchlist');
    // The first message to the personal domain is a new resource too.
    expect(reasonsOf(scored, 'u2').some((x) => x.codes.includes('first-mail'))).toBe(true);
  });

  it('an administrator reading the executives\u2019 compensation folder: sensitive by name, weighed up, privileged', () => {
    const admin = info('IT', { privileged: true, title: 'Administrator' });
    const exec = (k: number) => info('Leadership', { title: 'Executive Director', displayName: `e${k}` });
    const extra = (day: number, n: number): Observation[] => {
      const obs: Observation[] = [0, 1, 2].map((k) => ({
        t: at(day, 10),
        user: `e${k}`,
        info: exec(k),
        resources: ['share:Leadership', 'folder:Leadership\\Minutes'],
        metric: 'filesRead',
        amount: 1,
        file: `D:\\Shares\\Leadership\\Minutes\\m${k}.docx`,
      }));
      obs.push(
        ...[0, 1, 2, 3].map((k): Observation => ({
          t: at(day, 11),
          user: `a${k}`,
          info: admin,
          resources: ['share:IT', 'folder:IT\\scripts'],
          metric: 'filesRead',
          amount: 1,
          file: `D:\\Shares\\IT\\scripts\\s${k}.ps1`,
        })),
      );
      if (n === 14)
        for (let f = 0; f < 12; f++)
          obs.push({
            t: at(day, 14),
            user: 'a0',
            info: admin,
            resources: ['share:Leadership', 'folder:Leadership\\Compensation'],
            metric: 'filesRead',
            amount: 1,
            file: `D:\\Shares\\Leadership\\Compensation\\pay_${f}.xlsx`,
          });
      return obs;
    };
    const { scored } = run(22, extra);
    const day = scored
      .flat()
      .find(
        (u) => u.user === 'a0' && u.reasons.some((r) => r.code === 'first-folder' && r.en.includes('Compensation')),
      )!;
    const folder = day.reasons.find((r) => r.code === 'first-folder')!;
    expect(folder.en).toContain('sensitive: Compensation');
    expect(JSON.parse(folder.baseline)).toMatchObject({
      resource: 'folder:Leadership\\Compensation',
      sensitive: 'Compensation',
      sensitivityFactor: DEFAULT_SETTINGS.sensitiveFactor,
    });
    const share = day.reasons.find((r) => r.code === 'first-share')!;
    expect(JSON.parse(share.baseline)).toMatchObject({ sensitive: 'executives' });
    expect(day.reasons.map((r) => r.code)).toContain('context-privileged');
    // The top of that day.
    expect(scored.find((d) => d.some((u) => u === day))![0].user).toBe('a0');
  });
});

describe('profiles saved before the rolling totals', () => {
  it('a profile without recent days or the new volumes scores and learns on', () => {
    const { state, first } = run(14, () => []);
    const p = state.users.u0 as unknown as Record<string, unknown> & { volumes: Record<string, number[]> };
    delete p.recent;
    for (const m of ['cloudBytes', 'webmailBytes', 'personalMails', 'personalMailBytes', 'sensitiveReads'])
      delete p.volumes[m];
    const day = first + 14; // a Monday
    const scored = engine.step(state, day, [
      ...routine(day, 'u0', info('Dev')),
      {
        t: at(day, 15),
        user: 'u0',
        info: info('Dev'),
        resources: ['url:cloud-storage'],
        metric: 'cloudBytes',
        amount: 30 * MB,
      },
    ]);
    expect(scored.find((u) => u.user === 'u0')).toBeDefined();
    expect(state.users.u0.recent).toEqual([{ day, v: { cloudBytes: 30 * MB, personalCloudBytes: 30 * MB } }]);
    expect(state.users.u0.volumes.cloudBytes).toEqual([30 * MB]);
  });
});

describe('mail join', () => {
  it('sender, recipients and size meet by queue id; lines without a submission are dropped', () => {
    const sender: Observation = { t: 1, user: 'b.lee', metric: 'mailsOut', amount: 1, mail: { qid: 'AB12' } };
    const joined = joinMail([
      sender,
      { t: 2, user: '', mail: { qid: 'AB12', size: 4_550_957 } },
      { t: 3, user: '', mail: { qid: 'AB12', to: ['blee77@gmail.com'] } },
      { t: 3, user: '', mail: { qid: 'AB12', to: ['x@partner.example'] } },
      { t: 4, user: '', mail: { qid: 'ZZ99', size: 10 } },
    ]);
    expect(joined).toEqual([
      { ...sender, mail: { qid: 'AB12', size: 4_550_957, to: ['blee77@gmail.com', 'x@partner.example'] } },
    ]);
  });

  it('personal domains, subdomains included', () => {
    const d = new Set(['gmail.com', 'docomo.ne.jp']);
    expect(personalDomain('A@Gmail.com', d)).toBe('gmail.com');
    expect(personalDomain('x@mail.docomo.ne.jp', d)).toBe('docomo.ne.jp');
    expect(personalDomain('x@partner.example', d)).toBeUndefined();
  });
});
