import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTime } from '../../risk/localtime';
import { joinMail } from '../../risk/observe/mail';
import { observeDemoMonth } from '../month';
import { runPopulation } from './run';
import { generatePopulation } from './generate';
import type { PopulationShape } from './shapes';

/** A small company: enough for every insider kind, small enough for a unit test. */
const SHAPE: PopulationShape = {
  name: 'tiny',
  seed: 5,
  heldBack: false,
  start: '2027-06-07',
  days: 21,
  timeZone: 'Europe/Berlin',
  holidays: 'none',
  naming: 'initials',
  hostNaming: 'dept',
  domain: 'tiny.example.de',
  noise: 0.5,
  shareRoot: 'E:\\Data',
  compensationFolder: 'Leadership\\Pay',
  departments: [
    { name: 'Ops', size: 8, pattern: 'shifts', cloudUse: 0.2, externalMail: 1, printing: 3 },
    { name: 'Finance', size: 5, pattern: 'day', cloudUse: 0, externalMail: 1, printing: 8 },
    { name: 'IT', size: 3, pattern: 'flex', cloudUse: 0.1, externalMail: 0.5, printing: 1, admins: true },
    { name: 'Leadership', size: 3, pattern: 'day', cloudUse: 0, externalMail: 2, printing: 2, executives: true },
  ],
  insiders: [
    { kind: 'cloud-exfiltration', style: 'spread', department: 'Ops', startDay: 7, days: 12 },
    { kind: 'admin-reads-compensation', style: 'spread', department: 'IT', startDay: 14, days: 3 },
    {
      kind: 'leaver-private-mail',
      style: 'spiked',
      department: 'Finance',
      startDay: 8,
      days: 12,
      leaving: true,
      watchlist: true,
    },
    { kind: 'print-hoarding', style: 'spread', department: 'Finance', startDay: 9, days: 10 },
  ],
};

describe('generated populations', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'kansa-pop-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('same shape and seed, same bytes; the directory names the insiders', () => {
    const a = generatePopulation(SHAPE, join(root, 'a'));
    generatePopulation(SHAPE, join(root, 'b'));
    for (const f of [
      'mail/maillog',
      'proxy/access.log',
      'windows/fileserver-nxlog.json',
      'print/page_log',
      'users.csv',
    ]) {
      expect(readFileSync(join(root, 'b', f), 'utf8')).toBe(readFileSync(join(root, 'a', f), 'utf8'));
    }
    expect(a.users).toBe(19);
    expect(a.insiders.map((i) => i.kind)).toEqual([
      'cloud-exfiltration',
      'admin-reads-compensation',
      'leaver-private-mail',
      'print-hoarding',
    ]);
    const leaver = a.insiders[2].who;
    const row = readFileSync(join(root, 'a', 'users.csv'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${leaver},`))!;
    expect(row).toMatch(/,true,\d{4}-\d{2}-\d{2}$/);
  });

  it('ordinary people leave and are watchlisted too, so the flag alone does not name an insider', async () => {
    const meta = generatePopulation(SHAPE, join(root, 'flags'));
    const [header, ...lines] = readFileSync(join(root, 'flags', 'users.csv'), 'utf8')
      .trim()
      .split('\n');
    const column = header.split(',');
    const rows = lines.map((l) => {
      const cells = l.split(',');
      return {
        account: cells[column.indexOf('account')],
        watchlisted: cells[column.indexOf('watchlist')] === 'true',
        leaving: /^\d{4}-\d{2}-\d{2}$/.test(cells[column.indexOf('departure_date')] ?? ''),
      };
    });
    const insiders = new Set(meta.insiders.map((i) => i.who));
    const benign = rows.filter((r) => !insiders.has(r.account));
    // At least 2 leavers and 1 watchlisted among the 15 ordinary people, beside the insider leaver.
    expect(meta.flaggedBenign).toHaveLength(3);
    expect(
      benign
        .filter((r) => r.watchlisted || r.leaving)
        .map((r) => r.account)
        .sort(),
    ).toEqual([...meta.flaggedBenign!].sort());
    expect(benign.filter((r) => r.leaving)).toHaveLength(2);
    expect(benign.filter((r) => r.watchlisted).length).toBeGreaterThanOrEqual(1);
    // An innocent leaver's last weeks: now and then a small document to their own private address.
    const obs = joinMail(await observeDemoMonth(join(root, 'flags'), meta.year, meta.timeZone));
    const privateMails = obs.filter(
      (o) =>
        meta.flaggedBenign!.includes(o.user) &&
        o.mail?.to?.some((t) => !t.endsWith(`@${SHAPE.domain}`) && !t.includes('example')),
    );
    expect(privateMails.length).toBeGreaterThan(0);
    expect(privateMails.every((o) => o.mail!.size! < 5_000_000)).toBe(true);
  });

  it('the raw lines come through the real translators as what the scorer needs', async () => {
    const meta = generatePopulation(SHAPE, join(root, 'c'));
    const obs = joinMail(await observeDemoMonth(join(root, 'c'), meta.year, meta.timeZone));
    const [cloud, admin, leaver, hoarder] = meta.insiders.map((i) => i.who);
    // Squid to a personal cloud service: cloud bytes, not general traffic.
    expect(
      obs.filter((o) => o.user === cloud && o.metric === 'cloudBytes').reduce((n, o) => n + (o.amount ?? 0), 0),
    ).toBeGreaterThan(100 * 1024 * 1024);
    // 4663 ReadData on the file server under E:\Data: the executives' pay folder as a resource.
    expect(
      obs.some((o) => o.user === admin && o.metric === 'filesRead' && o.resources?.includes('folder:Leadership\\Pay')),
    ).toBe(true);
    // Postfix: the submission carries the joined size and the private recipient.
    const mails = obs.filter(
      (o) => o.user === leaver && o.mail?.to?.some((t) => !t.endsWith(`@${SHAPE.domain}`) && !t.includes('example')),
    );
    expect(mails.length).toBeGreaterThan(3);
    expect(mails.every((o) => typeof o.mail?.size === 'number')).toBe(true);
    expect(mails.filter((o) => o.mail!.size! > 1_000_000).length).toBeGreaterThan(3);
    expect(mails[0].info).toMatchObject({ department: 'Finance', watchlist: true });
    // CUPS: pages of other departments' documents.
    expect(
      obs.filter((o) => o.user === hoarder && o.metric === 'printPages').reduce((n, o) => n + (o.amount ?? 0), 0),
    ).toBeGreaterThan(150);
  });

  it('a spiked insider has three heavy days even when a planned one is a day off', async () => {
    // Activity from Friday 11 June: the first heavy day (day 1) is a Saturday, which a day worker spends at home.
    const shape: PopulationShape = {
      ...SHAPE,
      insiders: [
        { kind: 'cloud-exfiltration', style: 'spiked', department: 'Finance', startDay: 4, days: 12 },
        ...SHAPE.insiders.slice(1),
      ],
    };
    const meta = generatePopulation(shape, join(root, 'spiked'));
    const obs = await observeDemoMonth(join(root, 'spiked'), meta.year, meta.timeZone);
    const clock = new LocalTime(meta.timeZone);
    const perDay = new Map<number, number>();
    for (const o of obs)
      if (o.user === meta.insiders[0].who && o.metric === 'cloudBytes') {
        const day = clock.dayIndex(o.t);
        perDay.set(day, (perDay.get(day) ?? 0) + (o.amount ?? 0));
      }
    const heavy = [...perDay].filter(([, bytes]) => bytes > 60 * 1024 * 1024).map(([day]) => LocalTime.weekday(day));
    expect(heavy).toHaveLength(3);
    expect(heavy.every((wd) => wd >= 1 && wd <= 5)).toBe(true);
  });

  it('the evaluation labels insider days and ranks them', async () => {
    const r = await runPopulation(SHAPE, join(root, 'run'));
    expect(r.meta.population).toBe('tiny');
    expect(r.positives).toBeGreaterThan(10);
    expect(r.userDays).toBeGreaterThan(200);
    expect(r.rocAuc).toBeGreaterThan(0.5);
    expect(r.insiders).toHaveLength(4);
    expect(r.insiders.filter((i) => i.caught).length).toBeGreaterThanOrEqual(2);
  });
});
