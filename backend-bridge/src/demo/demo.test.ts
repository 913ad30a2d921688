import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../cli/usage';
import { demoCommand } from '../cli/demo';
import { generate, type GenerateResult, PROFILES } from './generate';
import { compileQuery, translateDemo } from './verify';
import { parseTimesheet } from '../timesheet/parse';
import { decodeCsv } from '../timesheet/table';

/** The format the engine must detect for each produced file. */
const EXPECTED_FORMAT: Record<string, string> = {
  'windows/workstations-nxlog.json': 'nxlog-json',
  'windows/dc01-security.xml': 'windows-xml',
  'windows/sysmon-operational.xml': 'windows-xml',
  'windows/fileservers-winlogbeat.json': 'winlogbeat-json',
  'linux/secure.log': 'syslog',
  'linux/audit.log': 'auditd',
  'proxy/access.log': 'squid',
  'firewall/fortigate.log': 'fortigate',
  'zeek/conn.log': 'zeek',
  'zeek/dns.log': 'zeek',
  'dns/query.log': 'bind-querylog',
  'dhcp/dhcpd.log': 'syslog',
  'mail/maillog': 'syslog',
  'db/postgresql-hrdb.log': 'postgresql',
  'print/page_log': 'cups-page-log',
  'door/door.csv': 'door',
  'network/switch.log': 'syslog',
  'network/ap.log': 'syslog',
  'cloud/m365-audit.json': 'm365-audit-json',
  'db/sql01-application-nxlog.json': 'mssql-audit-nxlog',
  'ids/eve.json': 'suricata',
};

const SCENARIO_IDS = [
  'password-spray',
  'ssh-brute-force',
  'escalation-domain-admins',
  'backdoor-account',
  'audit-policy-and-log-clear',
  'mass-file-reads',
  'ransomware-rename-burst',
  'encoded-powershell',
  'non-permitted-port',
  'large-upload',
  'acl-change-confidential',
  'admin-reads-hr',
  'leaver-exfiltration',
  'sales-opens-dev-share',
  'late-night-work',
  'holiday-work',
  'rest-interval-short',
  'switch-port-flapping',
  'ap-error-storm',
  'uplink-saturation',
  'agreement36-average',
  'timesheet-divergence',
  'public-share-confidential',
  'db-bulk-export',
  'ids-lateral-smb-exploit',
  'leaver-cloud-downloads',
];

const small = { seed: 42, start: '2026-10-01', ...PROFILES.small };
const dirs: string[] = [];
let attack: GenerateResult;
let attackDir: string;

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kansa-demo-'));
  dirs.push(d);
  return d;
}

beforeAll(() => {
  attackDir = tempDir();
  attack = generate({ ...small, out: attackDir, benign: false });
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('kansa demo generate (small profile)', () => {
  test('the same seed gives byte-identical output', () => {
    const again = tempDir();
    const second = generate({ ...small, out: again, benign: false });
    const names = [...attack.files.map((f) => f.name), 'users.csv', 'assets.csv', 'scenarios.json', 'timesheet.csv'];
    expect(second.files.map((f) => f.name)).toEqual(attack.files.map((f) => f.name));
    for (const name of names) {
      expect({ name, same: readFileSync(join(again, name)).equals(readFileSync(join(attackDir, name))) }).toEqual({
        name,
        same: true,
      });
    }
  });

  test('writes the directory, the asset list and every source', () => {
    expect(attack.files.map((f) => f.name).sort()).toEqual(Object.keys(EXPECTED_FORMAT).sort());
    for (const f of attack.files)
      expect({ name: f.name, empty: f.lines === 0 }).toEqual({ name: f.name, empty: false });
    const users = readFileSync(join(attackDir, 'users.csv'), 'utf8').trim().split('\n');
    expect(users[0]).toBe('account,display_name,department,title,email,privileged,watchlist,departure_date,calendar');
    expect(users).toHaveLength(small.users + 1);
    const rows = users.slice(1).map((l) => l.split(','));
    expect(new Set(rows.map((r) => r[2])).size).toBe(8);
    expect(rows.filter((r) => r[5] === 'true').length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r[7] !== '').length).toBe(5);
    expect(rows.every((r) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(r[1]))).toBe(true);
    expect(attack.scenarios.map((s) => s.id).sort()).toEqual([...SCENARIO_IDS].sort());
    const half = Date.parse('2026-10-01T00:00:00+09:00') + Math.floor(small.days / 2) * 86_400_000;
    for (const s of attack.scenarios) {
      expect({ id: s.id, inSecondHalf: Date.parse(s.start) >= half }).toEqual({ id: s.id, inSecondHalf: true });
      expect(s.detections.length).toBeGreaterThan(0);
      for (const d of s.detections) expect(() => compileQuery(d.query)).not.toThrow();
    }
  });

  test('every file translates with zero parse failures, every scenario query finds its events, and the benign month finds none', () => {
    const queries = attack.scenarios.flatMap((s) => s.detections.map((d) => ({ id: s.id, ...d })));
    const names = attack.files.map((f) => f.name);
    const result = translateDemo(
      attackDir,
      names,
      queries.map((q) => q.query),
      2026,
    );
    for (const f of result.files) {
      expect({ name: f.name, format: f.format, failures: Object.fromEntries(f.failures) }).toEqual({
        name: f.name,
        format: EXPECTED_FORMAT[f.name],
        failures: {},
      });
      expect(f.events).toBeGreaterThan(0);
    }
    queries.forEach((q, i) => {
      expect({ id: q.id, query: q.query, enough: result.counts[i] >= q.minCount, count: result.counts[i] }).toEqual({
        id: q.id,
        query: q.query,
        enough: true,
        count: result.counts[i],
      });
    });

    const benignDir = tempDir();
    const benign = generate({ ...small, out: benignDir, benign: true });
    expect(benign.scenarios).toEqual([]);
    const quiet = translateDemo(
      benignDir,
      names,
      queries.map((q) => q.query),
      2026,
    );
    for (const f of quiet.files)
      expect({ name: f.name, failures: Object.fromEntries(f.failures) }).toEqual({ name: f.name, failures: {} });
    queries.forEach((q, i) =>
      expect({ id: q.id, query: q.query, count: quiet.counts[i] }).toEqual({ id: q.id, query: q.query, count: 0 }),
    );
  });
});

describe('the demo timesheet', () => {
  const read = (dir: string) =>
    parseTimesheet(decodeCsv(readFileSync(join(dir, 'timesheet.csv'))).rows, { timezone: 'Asia/Tokyo' });
  const gaps = (dir: string) =>
    (
      JSON.parse(readFileSync(join(dir, 'scenarios.json'), 'utf8')) as {
        timesheetGaps: Array<{ account: string; date: string; kind: string }>;
      }
    ).timesheetGaps;

  test('imports without an error: a row per person and scheduled day, leave where nobody worked', () => {
    const p = read(attackDir);
    expect(p.errors).toEqual([]);
    expect(p.records.length).toBeGreaterThanOrEqual(small.users * 5);
    expect(p.records.filter((r) => r.leaveType === '有休').length).toBeGreaterThan(0);
    expect(new Set(p.records.map((r) => r.account)).size).toBe(small.users);
  });

  test('seeds each kind of 乖離 in the second half, on rows that say so, and the benign month none', () => {
    const seeded = gaps(attackDir);
    expect([...new Set(seeded.map((g) => g.kind))].sort()).toEqual([
      'activity-on-reported-day-off',
      'unreported-early-start',
      'unreported-late-work',
    ]);
    const rows = new Map(read(attackDir).records.map((r) => [`${r.account}@${r.date}`, r]));
    for (const g of seeded) {
      expect(g.date >= '2026-10-04').toBe(true);
      const r = rows.get(`${g.account}@${g.date}`)!;
      if (g.kind === 'activity-on-reported-day-off') expect(r.leaveType).toBe('有休');
      else expect(r.clockIn).toBeDefined();
    }
    const benignDir = tempDir();
    generate({ ...small, out: benignDir, benign: true });
    expect(gaps(benignDir)).toEqual([]);
    expect(read(benignDir).errors).toEqual([]);
  });
});

describe('kansa demo command', () => {
  const io = { stdout: { write: () => true }, stderr: { write: () => true } } as unknown as Parameters<
    typeof demoCommand
  >[1];
  test('rejects an unknown subcommand, a missing --out and bad numbers with usage errors', async () => {
    await expect(demoCommand(['bogus'], io)).rejects.toBeInstanceOf(UsageError);
    await expect(demoCommand(['generate'], io)).rejects.toThrow('--out DIR is required');
    await expect(demoCommand(['generate', '--out', '/tmp/x', '--days', 'many'], io)).rejects.toThrow(
      '--days expected an integer',
    );
    await expect(demoCommand(['generate', '--out', '/tmp/x', '--profile', 'huge'], io)).rejects.toThrow(
      '--profile expected',
    );
  });
});

describe('scenario query evaluator', () => {
  test('terms, wildcards, escapes, numeric and time ranges', () => {
    const e = {
      'user.name': 'tanaka',
      'file.path': 'E:\\x\\a.xlsx',
      'source.bytes': 2000,
      '@timestamp': '2026-10-20T13:00:00.000Z',
      tags: ['a', 'b'],
    };
    expect(compileQuery('user.name:tanaka AND source.bytes:>=1000')(e)).toBe(true);
    expect(compileQuery('user.name:TANAKA AND source.bytes:>=3000')(e)).toBe(false);
    expect(compileQuery('file.path:E\\:\\\\*')(e)).toBe(true);
    expect(compileQuery('tags:b')(e)).toBe(true);
    expect(compileQuery('@timestamp:[2026-10-20T12:00:00Z TO 2026-10-20T14:00:00Z]')(e)).toBe(true);
    expect(compileQuery('@timestamp:[2026-10-20T14:00:00Z TO 2026-10-20T15:00:00Z]')(e)).toBe(false);
    expect(compileQuery('missing:x')(e)).toBe(false);
  });
});
