import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Rng } from './rng';

export interface Department {
  ja: string;
  code: string;
  /** The file server holding this department's share. */
  server: 'FS01' | 'FS02';
  weight: number;
}

export const DEPARTMENTS: Department[] = [
  { ja: '営業', code: 'eigyo', server: 'FS01', weight: 40 },
  { ja: '開発', code: 'kaihatsu', server: 'FS01', weight: 45 },
  { ja: '製造', code: 'seizo', server: 'FS01', weight: 35 },
  { ja: '人事', code: 'jinji', server: 'FS02', weight: 12 },
  { ja: '経理', code: 'keiri', server: 'FS02', weight: 14 },
  { ja: '総務', code: 'somu', server: 'FS02', weight: 16 },
  { ja: '情報システム', code: 'joho', server: 'FS02', weight: 10 },
  { ja: '法務', code: 'homu', server: 'FS02', weight: 8 },
];

export interface Employee {
  index: number;
  account: string;
  displayName: string;
  romaji: string;
  dept: Department;
  title: string;
  email: string;
  privileged: boolean;
  watchlist: boolean;
  departureDate?: string;
  host: string;
  ip: string;
  mac: string;
  sid: string;
  card: string;
  employeeId: string;
  /** Typical arrival, minutes after midnight, and length of the working day in minutes. */
  arrive: number;
  workMinutes: number;
  night: boolean;
  /** Probability of overtime on a given day. */
  overtime: number;
  mailPerDay: number;
  laptop: boolean;
}

function dataDir(): string {
  const candidates = [join(__dirname, 'data'), join(__dirname, '..', '..', 'src', 'demo', 'data')];
  const dir = candidates.find((d) => existsSync(join(d, 'holidays-jp.txt')));
  if (!dir) throw new Error(`demo data not found in ${candidates.join(' or ')}`);
  return dir;
}

function readPairs(file: string): Array<[string, string]> {
  return readFileSync(join(dataDir(), file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [a, ...rest] = l.split(/\s+/);
      return [a, rest.join(' ')] as [string, string];
    });
}

/** Japanese public holidays: date → name. */
export function loadHolidays(): Map<string, string> {
  return new Map(readPairs('holidays-jp.txt'));
}

/**
 * Domains per URL category, from the translators' shipped category lists. Missing lists are an error: without
 * them every visit would go to the few business sites, and the month would silently change.
 */
export function loadCategoryDomains(): Map<string, string[]> {
  const candidates = [
    join(__dirname, '..', 'translators', '_lib', 'categories'),
    join(__dirname, '..', '..', 'src', 'translators', '_lib', 'categories'),
  ];
  const dir = candidates.find((d) => existsSync(d));
  if (!dir) throw new Error(`URL category lists not found in ${candidates.join(' or ')}`);
  const out = new Map<string, string[]>();
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.txt'))
    .sort()) {
    const domains = readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#') && /^[a-z0-9.-]+$/i.test(l));
    out.set(f.slice(0, -4), domains);
  }
  return out;
}

const TITLES = ['一般', '一般', '一般', '一般', '主任', '主任', '係長', '課長', '部長'];

export function buildCompany(rng: Rng, count: number, startDate: string, days: number): Employee[] {
  const surnames = readPairs('surnames.txt');
  const given = readPairs('given-names.txt');
  const totalWeight = DEPARTMENTS.reduce((s, d) => s + d.weight, 0);
  const used = new Set<string>();
  const people: Employee[] = [];
  for (let i = 0; i < count; i++) {
    // Departments in fixed proportions, round-robin by weight, so small companies keep all eight.
    let dept = DEPARTMENTS[i % DEPARTMENTS.length];
    if (i >= DEPARTMENTS.length * 2) {
      let r = rng.next() * totalWeight;
      for (const d of DEPARTMENTS) {
        r -= d.weight;
        if (r < 0) {
          dept = d;
          break;
        }
      }
    }
    const [sk, sr] = rng.pick(surnames);
    const [gk, gr] = rng.pick(given);
    let account = `${sr}.${gr[0]}`;
    for (let n = 2; used.has(account); n++) account = `${sr}.${gr[0]}${n}`;
    used.add(account);
    const night = dept.code === 'seizo' && rng.chance(0.12);
    const arrive = night ? 21 * 60 + rng.int(-20, 20) : 8 * 60 + 30 + rng.int(-25, 35);
    people.push({
      index: i,
      account,
      displayName: `${sk} ${gk}`,
      romaji: `${sr} ${gr}`,
      dept,
      title: rng.pick(TITLES),
      email: `${account}@example.co.jp`,
      privileged: false,
      watchlist: false,
      host: `PC${String(i + 1).padStart(4, '0')}`,
      ip: `10.0.${1 + Math.floor(i / 240)}.${10 + (i % 240)}`,
      mac: `00:1b:21:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}`,
      sid: `S-1-5-21-3623811015-3361044348-30300820-${1105 + i}`,
      card: rng.hex(16).toUpperCase(),
      employeeId: `E${String(10001 + i)}`,
      arrive,
      workMinutes: 9 * 60 + rng.int(-20, 30),
      night,
      overtime: dept.code === 'kaihatsu' ? 0.35 : dept.code === 'eigyo' ? 0.3 : 0.15,
      mailPerDay:
        dept.code === 'eigyo'
          ? rng.int(10, 25)
          : dept.code === 'somu' || dept.code === 'jinji'
            ? rng.int(6, 12)
            : rng.int(2, 8),
      laptop: dept.code === 'eigyo' || rng.chance(0.2),
    });
  }
  // A few privileged administrators in 情報システム.
  const it = people.filter((p) => p.dept.code === 'joho');
  it.slice(0, Math.max(2, Math.min(4, it.length))).forEach((p) => {
    p.privileged = true;
    p.title = p.title === '一般' ? '主任' : p.title;
  });
  // Five leavers (退職予定者) with departure dates just after the period, on the watchlist.
  const candidates = people.filter((p) => !p.privileged && !p.night);
  const end = Date.parse(`${startDate}T00:00:00Z`) + days * 86_400_000;
  for (let k = 0; k < 5 && k < candidates.length; k++) {
    const p = candidates[(k * 7 + 3) % candidates.length];
    if (p.watchlist) continue;
    p.watchlist = true;
    p.departureDate = new Date(end + k * 6 * 86_400_000).toISOString().slice(0, 10);
  }
  return people;
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function usersCsv(people: Employee[]): string {
  const rows = ['account,display_name,department,title,email,privileged,watchlist,departure_date,calendar'];
  for (const p of people) {
    rows.push(
      [
        p.account,
        p.displayName,
        p.dept.ja,
        p.title,
        p.email,
        String(p.privileged),
        String(p.watchlist),
        p.departureDate ?? '',
        p.night ? 'jp-night-shift' : 'jp-standard',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}
