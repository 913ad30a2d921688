/**
 * Writes one population's weeks of raw logs (see shapes.ts): a directory, an asset list, Windows
 * logons and file-server reads (NXLog JSON), Squid, Postfix and CUPS, with the insiders' activity
 * woven into ordinary days. Same shape and seed → the same bytes.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../demo/rng';
import { DEFAULT_HOLIDAYS_FILE, loadHolidays } from '../../risk/holidays';
import { LocalTime } from '../../risk/localtime';
import { cupsLine, nxlogFileAccess, nxlogLogon, postfixLines, squidLine, type WinAccount } from './lines';
import type { DepartmentShape, InsiderKind, InsiderShape, InsiderStyle, PopulationShape } from './shapes';

const HOUR = 3_600_000;

const GIVEN = [
  'anna',
  'ben',
  'chen',
  'daria',
  'emil',
  'fatima',
  'goro',
  'hana',
  'ivan',
  'julia',
  'kenji',
  'lena',
  'marco',
  'nina',
  'omar',
  'paula',
  'quinn',
  'rui',
  'sara',
  'tomas',
  'uma',
  'victor',
  'wei',
  'xenia',
  'yuki',
  'zoe',
  'akira',
  'bruno',
  'clara',
  'david',
  'elena',
  'felix',
  'greta',
  'hugo',
  'ines',
  'jonas',
  'kaori',
  'luis',
  'mei',
  'noah',
];
const SURNAMES = [
  'sato',
  'keller',
  'martin',
  'nowak',
  'rossi',
  'garcia',
  'tanaka',
  'smith',
  'dubois',
  'mueller',
  'kim',
  'ito',
  'silva',
  'novak',
  'berg',
  'costa',
  'weber',
  'lee',
  'moreau',
  'ward',
  'yamada',
  'fischer',
  'lopez',
  'brown',
  'kato',
  'schmidt',
  'petit',
  'hoffmann',
  'jones',
  'suzuki',
  'bauer',
  'romano',
  'wagner',
  'li',
  'nakamura',
  'clark',
  'fontaine',
  'hansen',
  'ortiz',
  'meyer',
];
const WORK_SITES = [
  'office.com',
  'sharepoint.com',
  'teams.microsoft.com',
  'zoom.us',
  'slack.com',
  'salesforce.com',
  'atlassian.net',
  'github.com',
  'google.com',
  'bing.com',
  'duckduckgo.com',
  'nikkei.com',
  'youtube.com',
];
const PERSONAL_CLOUD = [
  'mega.nz',
  'drive.google.com',
  'dropbox.com',
  'onedrive.live.com',
  'wetransfer.com',
  'pcloud.com',
];
const PRIVATE_MAIL = [
  'gmail.com',
  'yahoo.co.jp',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'gmx.de',
  'proton.me',
  'web.de',
];
const PARTNERS = [
  'partner-a.example.com',
  'supplier-b.example.net',
  'client-c.example.org',
  'agency-d.example.com',
  'bank-e.example.jp',
];

export interface Person {
  account: string;
  display: string;
  dept: DepartmentShape;
  host: string;
  ip: string;
  win: WinAccount;
  email: string;
  privileged: boolean;
  watchlist: boolean;
  departureDate?: string;
  /** Phase of rotating shifts and days off. */
  phase: number;
  /** Usual project folders inside the department share. */
  folders: string[];
  /** How busy this person is relative to the department (volume multiplier). */
  busy: number;
  privateAddress: string;
}

/** What the evaluation reads back: which user is which insider, when (local dates, inclusive). */
export interface PopulationInsider {
  id: string;
  kind: InsiderKind;
  style: InsiderStyle;
  who: string;
  department: string;
  start: string;
  end: string;
  useCase: 'insider';
  what: string;
}

export interface PopulationMeta {
  population: string;
  seed: number;
  heldBack: boolean;
  start: string;
  days: number;
  timeZone: string;
  year: number;
  users: number;
  insiders: PopulationInsider[];
  /** Ordinary people with a departure date or on the watchlist: not insiders (absent in older folders). */
  flaggedBenign?: string[];
}

/** Lines of one output file with their times, sorted before writing. */
class Sink {
  readonly rows: Array<[number, string]> = [];
  add(t: number, line: string): void {
    this.rows.push([t, line]);
  }
  write(path: string): void {
    this.rows.sort((a, b) => a[0] - b[0]);
    writeFileSync(path, this.rows.map((r) => r[1]).join('\n') + '\n');
  }
}

function makePeople(shape: PopulationShape, rng: Rng): Person[] {
  const people: Person[] = [];
  const taken = new Set<string>();
  const winDomain = shape.domain.split('.')[0].toUpperCase();
  let n = 0;
  for (const dept of shape.departments) {
    for (let i = 0; i < dept.size; i++) {
      n++;
      const given = rng.pick(GIVEN);
      const sur = rng.pick(SURNAMES);
      let account =
        shape.naming === 'dotted'
          ? `${given}.${sur}`
          : shape.naming === 'initials'
            ? `${given[0]}${sur}`
            : `u${10000 + rng.int(0, 89999)}`;
      while (taken.has(account))
        account = shape.naming === 'numeric' ? `u${10000 + rng.int(0, 89999)}` : `${account}${rng.int(2, 9)}`;
      taken.add(account);
      const tag =
        dept.name
          .replace(/[^A-Za-z]/g, '')
          .slice(0, 3)
          .toUpperCase() || `D${shape.departments.indexOf(dept) + 1}`;
      const hostShort =
        shape.hostNaming === 'pc'
          ? `PC${String(n).padStart(4, '0')}`
          : shape.hostNaming === 'dept'
            ? `${tag}-WS${String(i + 1).padStart(3, '0')}`
            : `AST-${rng.hex(5).toUpperCase()}`;
      const sub = ['2027', 'projects', 'reports', 'customers', 'plans', 'templates', 'archive', 'minutes'];
      const folders = [rng.pick(sub), rng.pick(sub), rng.pick(sub)].map(
        (f, k) => `${f}${k === 2 ? '' : `-${rng.int(1, 4)}`}`,
      );
      people.push({
        account,
        display: `${given[0].toUpperCase()}${given.slice(1)} ${sur[0].toUpperCase()}${sur.slice(1)}`,
        dept,
        host: `${hostShort}.corp.${shape.domain}`,
        ip: `10.${20 + shape.departments.indexOf(dept)}.${Math.floor(i / 200)}.${(i % 200) + 20}`,
        win: { name: account, domain: winDomain, sid: `S-1-5-21-4100-2200-3300-${1100 + n}` },
        email: `${account}@${shape.domain}`,
        privileged: dept.admins === true,
        watchlist: false,
        phase: rng.int(0, 20),
        folders,
        busy: Math.exp(rng.normal() * 0.35 * (0.5 + shape.noise)),
        privateAddress: `${given}${sur[0]}${rng.int(10, 99)}@${rng.pick(PRIVATE_MAIL)}`,
      });
    }
  }
  return people;
}

/** The session a person works on a local day (hours from that day's midnight), or none. */
function session(p: Person, day: number, offDay: boolean, rng: Rng): [number, number] | null {
  const wd = LocalTime.weekday(day);
  switch (p.dept.pattern) {
    case 'day':
      if (offDay || rng.chance(0.03)) return null;
      {
        const s = 8 + rng.next() * 1.5;
        return [s, s + 8.5 + Math.max(0, rng.normal()) * 1.5];
      }
    case 'night':
      // Sunday to Thursday nights, into the next morning.
      if (wd === 5 || wd === 6 || rng.chance(0.03)) return null;
      {
        const s = 21.75 + rng.next() * 0.5;
        return [s, s + 8];
      }
    case 'shifts': {
      if ((day + p.phase) % 7 < 2 || rng.chance(0.03)) return null;
      const kind = (Math.floor((day + p.phase) / 7) + p.phase) % 3;
      const s = [6, 14, 22][kind] - 0.25 + rng.next() * 0.5;
      return [s, s + 8];
    }
    case 'flex':
      if (offDay) return rng.chance(0.06) ? [10 + rng.next() * 4, 13 + rng.next() * 4] : null;
      if (rng.chance(0.04)) return null;
      {
        const s = 7 + rng.next() * 5;
        return [s, s + 7 + rng.next() * 3];
      }
  }
}

const poisson = (mean: number, rng: Rng): number => {
  if (mean <= 0) return 0;
  const l = Math.exp(-Math.min(mean, 30));
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.next();
  } while (p > l);
  return mean > 30 ? Math.round(mean + rng.normal() * Math.sqrt(mean)) : k - 1;
};

const logNormal = (median: number, sigma: number, rng: Rng) => Math.round(median * Math.exp(rng.normal() * sigma));

interface Ctx {
  shape: PopulationShape;
  clock: LocalTime;
  rng: Rng;
  people: Person[];
  shares: string[];
  companyCloud: string;
  ws: Sink;
  fs: Sink;
  proxy: Sink;
  mail: Sink;
  print: Sink;
  record: number;
  job: number;
  pid: number;
  handle: number;
}

const fileServer = (shape: PopulationShape) => `FILESRV01.corp.${shape.domain}`;
const at = (c: Ctx, day: number, hour: number) => c.clock.dayStart(day) + Math.round(hour * HOUR);
const inSession = (c: Ctx, day: number, s: [number, number]) => at(c, day, s[0] + c.rng.next() * (s[1] - s[0]));

function readFiles(c: Ctx, p: Person, t: number, folder: string, n: number): void {
  const logonId = `0x${(0x10000 + c.people.indexOf(p)).toString(16)}`;
  for (let i = 0; i < n; i++) {
    const ext = c.rng.pick(['xlsx', 'docx', 'pdf', 'pptx', 'csv']);
    const path = `${c.shape.shareRoot}\\${folder}\\doc_${c.rng.int(1, 60)}.${ext}`;
    c.fs.add(
      t + i * 20_000,
      nxlogFileAccess(
        t + i * 20_000,
        c.clock,
        fileServer(c.shape),
        p.win,
        ++c.record,
        path,
        c.rng.chance(0.15),
        logonId,
        ++c.handle,
      ),
    );
  }
}

function browse(c: Ctx, p: Person, t: number, domain: string, bytes: number): void {
  c.proxy.add(t, squidLine(t, c.rng.int(80, 4000), p.ip, bytes, domain, p.account, `203.0.113.${c.rng.int(1, 250)}`));
}

function sendMail(c: Ctx, p: Person, t: number, to: string[], size: number): void {
  const qid = c.rng.hex(10).toUpperCase();
  const relay = (addr: string) => {
    const dom = addr.slice(addr.indexOf('@') + 1);
    return dom === c.shape.domain
      ? { name: `mailstore.corp.${c.shape.domain}`, ip: '10.1.0.25' }
      : { name: `mx.${dom}`, ip: `198.51.100.${c.rng.int(1, 250)}` };
  };
  for (const line of postfixLines(
    { t, qid, user: p.account, from: p.email, to, size, clientHost: p.host.toLowerCase(), clientIp: p.ip, relay },
    c.clock,
    `mx01.${c.shape.domain}`,
    () => ++c.pid,
  ))
    c.mail.add(t, line);
}

function printJob(c: Ctx, p: Person, t: number, pages: number, document: string): void {
  c.print.add(
    t,
    cupsLine(
      t,
      c.clock,
      `MFP-${p.dept.name.replace(/[^A-Za-z]/g, '').slice(0, 4) || 'FLR'}`,
      p.account,
      ++c.job,
      pages,
      p.ip,
      document,
    ),
  );
}

/** One ordinary working session: logon, file reads, browsing, mail, printing, and now and then something unusual but innocent. */
function ordinaryDay(c: Ctx, p: Person, day: number, s: [number, number]): void {
  const { rng, shape } = c;
  const logonId = `0x${(0x10000 + c.people.indexOf(p)).toString(16)}`;
  const t0 = at(c, day, s[0]);
  c.ws.add(t0, nxlogLogon(t0, c.clock, p.host, p.win, ++c.record, 2, logonId));
  if (s[1] - s[0] > 6) {
    const t1 = at(c, day, s[0] + 4 + rng.next());
    c.ws.add(t1, nxlogLogon(t1, c.clock, p.host, p.win, ++c.record, 7, logonId));
  }
  // Files: the usual folders of the own share, sometimes another folder or the common share.
  const reads = poisson(6 * p.busy, rng);
  for (let i = 0; i < reads; i += 3) {
    const folder = rng.chance(0.9) ? rng.pick(p.folders) : rng.chance(0.5) ? `projects-${rng.int(1, 9)}` : null;
    const path = folder ? `${p.dept.name}\\${folder}` : `Common\\${rng.pick(['forms', 'news', 'policies'])}`;
    readFiles(c, p, inSession(c, day, s), path, Math.min(3, reads - i));
  }
  if (p.dept.admins && rng.chance(0.5)) {
    // Maintenance: a few files in any share, executives' included (not their compensation).
    const share = rng.pick(c.shares);
    readFiles(
      c,
      p,
      inSession(c, day, s),
      `${share}\\${rng.pick(['archive', 'templates', '2027', 'minutes'])}`,
      rng.int(1, 6),
    );
  }
  for (let i = poisson(12 * p.busy, rng); i > 0; i--)
    browse(c, p, inSession(c, day, s), rng.pick(WORK_SITES), logNormal(150_000, 1.2, rng));
  if (rng.chance(p.dept.cloudUse))
    for (let i = rng.int(1, 4); i > 0; i--)
      browse(c, p, inSession(c, day, s), c.companyCloud, logNormal(8_000_000, 0.8, rng));
  // A few people use personal cloud or web mail now and then (photos, a form from home).
  if (rng.chance(0.01 + 0.03 * shape.noise))
    browse(c, p, inSession(c, day, s), rng.pick(PERSONAL_CLOUD), logNormal(3_000_000, 1, rng));
  if (rng.chance(0.02 + 0.03 * shape.noise))
    browse(
      c,
      p,
      inSession(c, day, s),
      rng.pick(['mail.google.com', 'outlook.live.com', 'mail.yahoo.co.jp']),
      logNormal(400_000, 1, rng),
    );
  const colleagues = c.people.filter((q) => q.dept === p.dept);
  for (let i = poisson(3 * p.busy, rng); i > 0; i--) {
    const to = [rng.pick(colleagues).email, ...(rng.chance(0.3) ? [rng.pick(c.people).email] : [])];
    sendMail(
      c,
      p,
      inSession(c, day, s),
      to,
      rng.chance(0.2) ? logNormal(900_000, 0.8, rng) : logNormal(25_000, 0.6, rng),
    );
  }
  for (let i = poisson(p.dept.externalMail * p.busy, rng); i > 0; i--) {
    sendMail(
      c,
      p,
      inSession(c, day, s),
      [`${rng.pick(['sales', 'info', 'k.ito', 'j.doe', 'order'])}@${rng.pick(PARTNERS)}`],
      rng.chance(0.3) ? logNormal(1_200_000, 0.9, rng) : logNormal(30_000, 0.6, rng),
    );
  }
  // Mailing oneself at home (a ticket, a form) happens; rarely with a file.
  if (rng.chance(0.004 + 0.01 * shape.noise))
    sendMail(
      c,
      p,
      inSession(c, day, s),
      [p.privateAddress],
      rng.chance(0.3) ? logNormal(1_500_000, 0.7, rng) : logNormal(20_000, 0.5, rng),
    );
  const pages = poisson(p.dept.printing * p.busy, rng);
  for (let left = pages; left > 0;) {
    const n = Math.min(left, rng.int(1, 12));
    printJob(
      c,
      p,
      inSession(c, day, s),
      n,
      `${rng.pick(['report', 'invoice', 'minutes', 'draft', 'slides'])}_${rng.int(1, 99)}.pdf`,
    );
    left -= n;
  }
  // Innocent one-offs, more of them in a noisy population.
  if (rng.chance(0.015 * (0.5 + shape.noise))) {
    const what = rng.int(0, 4);
    if (what === 0)
      for (let i = rng.int(5, 15); i > 0; i--)
        browse(c, p, inSession(c, day, s), c.companyCloud, logNormal(25_000_000, 0.5, rng));
    else if (what === 1) printJob(c, p, inSession(c, day, s), rng.int(60, 200), 'manual_full.pdf');
    else if (what === 2)
      readFiles(c, p, inSession(c, day, s), `${rng.pick(c.shares)}\\projects-${rng.int(1, 9)}`, rng.int(8, 30));
    else if (what === 3)
      for (let i = rng.int(3, 8); i > 0; i--)
        sendMail(c, p, inSession(c, day, s), [`team@${rng.pick(PARTNERS)}`], logNormal(4_000_000, 0.5, rng));
    else
      readFiles(c, p, at(c, day, s[0] - 5 - rng.next() * 2), `${p.dept.name}\\${rng.pick(p.folders)}`, rng.int(3, 8));
  }
}

/** Heavy days of a spiked insider: near the start, in the middle and near the end of the activity. */
const SPIKES = 3;
/**
 * Day (from the activity's start) on or after which the spiked insider's next heavy day is due. A heavy
 * day that falls on a day the insider does not work (weekend, shift off, absence) happens on their next
 * working day: the shape promises three heavy days, and an insider who never acted is not one.
 */
const spikeDay = (done: number, days: number) => [1, Math.floor(days / 2), days - 2][done];

/** Extra activity of an insider on one of their days; returns whether they did something. */
function insiderDay(
  c: Ctx,
  p: Person,
  ins: InsiderShape,
  spikeDue: boolean,
  day: number,
  s: [number, number],
): boolean {
  const { rng } = c;
  // Spiked insiders act on a few days, spread ones on most, disguised ones on most with smaller amounts.
  const active = ins.style === 'spiked' ? spikeDue : rng.chance(ins.kind === 'leaver-private-mail' ? 0.45 : 0.75);
  if (!active) return false;
  const heavy = ins.style === 'spiked' ? 3 : ins.style === 'disguised' ? 0.7 : 1;
  switch (ins.kind) {
    case 'cloud-exfiltration': {
      const domain = ins.style === 'disguised' ? c.companyCloud : PERSONAL_CLOUD[c.shape.seed % PERSONAL_CLOUD.length];
      const total = heavy * logNormal(45_000_000, 0.4, rng);
      const parts = rng.int(2, 5);
      for (let i = 0; i < parts; i++) browse(c, p, inSession(c, day, s), domain, Math.round(total / parts));
      return true;
    }
    case 'admin-reads-compensation': {
      const n = Math.round(heavy * rng.int(6, 18));
      readFiles(
        c,
        p,
        inSession(c, day, s),
        `${c.shape.compensationFolder}\\${rng.pick(['2026', '2027', 'bonus', 'contracts'])}`,
        n,
      );
      return true;
    }
    case 'leaver-private-mail': {
      const n = ins.style === 'spiked' ? rng.int(4, 7) : rng.int(1, 2);
      for (let i = 0; i < n; i++)
        sendMail(
          c,
          p,
          inSession(c, day, s),
          [p.privateAddress],
          ins.style === 'disguised' ? logNormal(1_500_000, 0.6, rng) : logNormal(5_000_000, 0.5, rng),
        );
      return true;
    }
    case 'print-hoarding': {
      const pages = Math.round(heavy * rng.int(25, 60));
      const other = rng.pick(c.shape.departments.filter((d) => d !== p.dept)).name;
      for (let left = pages; left > 0; left -= 15)
        printJob(
          c,
          p,
          inSession(c, day, s),
          Math.min(15, left),
          `${other}_${rng.pick(['pricing', 'designs', 'customers', 'contracts'])}_${rng.int(1, 40)}.pdf`,
        );
      return true;
    }
  }
}

/**
 * Ordinary people who are leaving or on the watchlist and do nothing wrong. Without them only the
 * insiders carry a departure date or the watchlist flag, and the evaluation could not tell a scorer
 * that weighs what people do from one that reads the flag. Shares of the directory, at least 2 leavers
 * and 1 watchlisted; their departure dates fall where the insider leavers' do (around the period's end).
 */
const BENIGN_LEAVERS = 0.03;
const BENIGN_WATCHLIST = 0.01;
/** An innocent leaver's last three weeks: now and then a small document to their own address (a reference letter, contacts). */
const LEAVER_WEEKS_DAYS = 21;
const LEAVER_PRIVATE_MAILS = 3;

interface BenignLeaver {
  person: Person;
  departure: number;
  mailed: number;
}

function flagBenignPeople(people: Person[], insiders: ReadonlySet<Person>, rng: Rng, last: number) {
  const pool = people.filter((p) => !insiders.has(p));
  const take = (n: number) =>
    Array.from({ length: Math.min(n, pool.length) }, () => pool.splice(rng.int(0, pool.length - 1), 1)[0]);
  const leavers = take(Math.max(2, Math.round(people.length * BENIGN_LEAVERS))).map((person): BenignLeaver => {
    const departure = last + rng.int(-5, 25);
    person.departureDate = LocalTime.dateOf(departure);
    if (rng.chance(0.3)) person.watchlist = true;
    return { person, departure, mailed: 0 };
  });
  for (const p of take(Math.max(1, Math.round(people.length * BENIGN_WATCHLIST)))) p.watchlist = true;
  return leavers;
}

/** An innocent leaver's day: inside their last three weeks, sometimes one small mail to their private address. */
function benignLeaverDay(c: Ctx, l: BenignLeaver, day: number, s: [number, number]): void {
  if (l.departure - day > LEAVER_WEEKS_DAYS || l.mailed >= LEAVER_PRIVATE_MAILS || !c.rng.chance(0.12)) return;
  l.mailed++;
  const size = c.rng.chance(0.3) ? logNormal(600_000, 0.6, c.rng) : logNormal(60_000, 0.6, c.rng);
  sendMail(c, l.person, inSession(c, day, s), [l.person.privateAddress], size);
}

export function generatePopulation(shape: PopulationShape, out: string): PopulationMeta {
  const rng = new Rng(shape.seed);
  const clock = new LocalTime(shape.timeZone);
  const people = makePeople(shape, rng.fork('people'));
  const first = LocalTime.dayOf(shape.start);
  const holidays = shape.holidays === 'jp' ? loadHolidays(DEFAULT_HOLIDAYS_FILE) : new Set<string>();
  const pickRng = rng.fork('insiders');
  const chosen = new Set<Person>();
  const insiders: Array<{ shape: InsiderShape; person: Person; meta: PopulationInsider; spikesDone: number }> = [];
  for (const ins of shape.insiders) {
    const candidates = people.filter((p) => p.dept.name === ins.department && !chosen.has(p));
    const person = pickRng.pick(candidates);
    chosen.add(person);
    const startDay = first + ins.startDay;
    const endDay = startDay + ins.days - 1;
    if (ins.leaving) person.departureDate = LocalTime.dateOf(endDay + 10);
    if (ins.watchlist) person.watchlist = true;
    insiders.push({
      shape: ins,
      person,
      spikesDone: 0,
      meta: {
        id: `${shape.name}/${ins.kind}`,
        kind: ins.kind,
        style: ins.style,
        who: person.account,
        department: ins.department,
        start: LocalTime.dateOf(startDay),
        end: LocalTime.dateOf(endDay),
        useCase: 'insider',
        what: `${ins.style} ${ins.kind} over ${ins.days} days`,
      },
    });
  }
  const c: Ctx = {
    shape,
    clock,
    rng: rng.fork('days'),
    people,
    shares: shape.departments.map((d) => d.name),
    companyCloud: ['box.com', 'dropbox.com', 'drive.google.com'][shape.seed % 3],
    ws: new Sink(),
    fs: new Sink(),
    proxy: new Sink(),
    mail: new Sink(),
    print: new Sink(),
    record: 1000,
    job: 100,
    pid: 2000,
    handle: 0x400,
  };
  // Forked after the others, and used only for these people, so the rest of the company is unchanged.
  const flagRng = rng.fork('benign-flags');
  const leavers = flagBenignPeople(people, chosen, flagRng, first + shape.days - 1);
  const dayRng = c.rng;
  for (let day = first; day < first + shape.days; day++) {
    const wd = LocalTime.weekday(day);
    const offDay = wd === 0 || wd === 6 || holidays.has(LocalTime.dateOf(day));
    for (const p of people) {
      const s = session(p, day, offDay, c.rng);
      if (!s) continue;
      ordinaryDay(c, p, day, s);
      const leaver = leavers.find((l) => l.person === p);
      if (leaver) {
        c.rng = flagRng;
        benignLeaverDay(c, leaver, day, s);
        c.rng = dayRng;
      }
      for (const x of insiders) {
        if (x.person !== p) continue;
        const k = day - LocalTime.dayOf(x.meta.start);
        if (k < 0 || day > LocalTime.dayOf(x.meta.end)) continue;
        const due = x.spikesDone < SPIKES && k >= spikeDay(x.spikesDone, x.shape.days);
        if (insiderDay(c, p, x.shape, due, day, s) && x.shape.style === 'spiked') x.spikesDone++;
      }
    }
  }
  for (const sub of ['windows', 'proxy', 'mail', 'print']) mkdirSync(join(out, sub), { recursive: true });
  c.ws.write(join(out, 'windows', 'workstations-nxlog.json'));
  c.fs.write(join(out, 'windows', 'fileserver-nxlog.json'));
  c.proxy.write(join(out, 'proxy', 'access.log'));
  c.mail.write(join(out, 'mail', 'maillog'));
  c.print.write(join(out, 'print', 'page_log'));
  const csv = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  writeFileSync(
    join(out, 'users.csv'),
    [
      'account,display_name,department,title,email,privileged,watchlist,departure_date',
      ...people.map((p) =>
        [
          p.account,
          p.display,
          p.dept.name,
          p.dept.executives ? 'Executive' : p.dept.admins ? 'Administrator' : 'Staff',
          p.email,
          String(p.privileged),
          String(p.watchlist),
          p.departureDate ?? '',
        ]
          .map(csv)
          .join(','),
      ),
    ].join('\n') + '\n',
  );
  writeFileSync(
    join(out, 'assets.csv'),
    [
      'host,owner,department,role',
      `${fileServer(shape)},,${shape.departments.find((d) => d.admins)?.name ?? ''},file-server`,
      ...people.map((p) => [p.host, p.account, p.dept.name, 'workstation'].map(csv).join(',')),
    ].join('\n') + '\n',
  );
  if (shape.holidays === 'jp') copyFileSync(DEFAULT_HOLIDAYS_FILE, join(out, 'holidays.txt'));
  else writeFileSync(join(out, 'holidays.txt'), '# no public holidays in this calendar: weekends only\n');
  const meta: PopulationMeta = {
    population: shape.name,
    seed: shape.seed,
    heldBack: shape.heldBack,
    start: shape.start,
    days: shape.days,
    timeZone: shape.timeZone,
    year: Number(shape.start.slice(0, 4)),
    users: people.length,
    insiders: insiders.map((x) => x.meta),
    flaggedBenign: people.filter((p) => !chosen.has(p) && (p.watchlist || p.departureDate)).map((p) => p.account),
  };
  writeFileSync(join(out, 'scenarios.json'), JSON.stringify(meta, null, 2) + '\n');
  return meta;
}
