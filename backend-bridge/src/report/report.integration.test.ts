import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

import { configSchema } from '../config/schema';
import { ensureDemoMonth, type DemoMonth } from '../demo/testing/demo-month';
import { runAndMail, renderReport, type RenderedReport } from './job';
import { findFont } from './render';
import { dsqueryRunner, type QueryRunner } from './source';

// Real PDFs of the demo month (imported into OPENSEARCH_URL), their text read back with pdf.js, and the mail
// received by a local SMTP server over STARTTLS with AUTH, its attachments byte-equal to the kept copies.
jest.setTimeout(300_000);

/** pdf.js is ESM only: read the text in a child Node, page by page. */
function pdfText(pdf: Buffer, dir: string): string {
  const file = join(dir, `read-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  const script = `
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(require('node:fs').readFileSync(process.argv[1])) }).promise;
    let out = '';
    for (let i = 1; i <= doc.numPages; i++) out += (await (await doc.getPage(i)).getTextContent()).items.map((x) => x.str).join('') + '\\n';
    process.stdout.write(out);`;
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=commonjs',
      '-e',
      `(async () => {${script}})().catch((e) => { console.error(e); process.exit(1); })`,
      file,
    ],
    {
      cwd: join(__dirname, '..', '..'),
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

const monthOf = (m: DemoMonth) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: m.timeZone, year: 'numeric', month: '2-digit' })
    .format(new Date(m.from))
    .slice(0, 7);
const who = (m: DemoMonth, id: string) => m.scenarios.find((s) => s.id === id)!.who as string;

let month: DemoMonth;
let runner: QueryRunner;
let dir: string;
const font = findFont();
const rendered = new Map<string, RenderedReport>();

async function render(kind: 'audit' | 'attendance' | 'insider'): Promise<RenderedReport> {
  if (!rendered.has(kind))
    rendered.set(
      kind,
      await renderReport(runner, { kind, month: monthOf(month), timezone: month.timeZone }, font, new Date()),
    );
  return rendered.get(kind)!;
}

beforeAll(async () => {
  month = await ensureDemoMonth();
  runner = dsqueryRunner(process.env.OPENSEARCH_URL!);
  dir = mkdtempSync(join(tmpdir(), 'kansa-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kansa report on the demo month', () => {
  it('audit: the PDF lists the sections and the ACL change on the confidential folder, in Japanese', async () => {
    const r = await render('audit');
    const text = pdfText(r.files[0].content, dir);
    expect(text).toContain('月次監査報告');
    for (const s of [
      '特権管理者の操作',
      'アクセス権の変更',
      'アカウント・グループの変更とポリシー変更',
      '重要フォルダへのアクセス',
    ])
      expect(text).toContain(s);
    expect(text).toContain(who(month, 'acl-change-confidential'));
    expect(text).toMatch(/機密 のアクセス許可を変更しました/);
    // The backdoor account of the escalation scenario is in the account changes.
    expect(text).toContain(who(month, 'backdoor-account'));
  });

  it('attendance: the person totals and the late-night and day-off days of the scenarios', async () => {
    const r = await render('attendance');
    const text = pdfText(r.files[0].content, dir);
    expect(text).toContain('月次勤怠報告');
    expect(text).toContain('個人別の月間集計');
    const csv = r.files[1].content.toString('utf8');
    const days = csv.split('\r\n').filter((l) => l.startsWith('日別の稼働'));
    expect(days.some((l) => l.includes(who(month, 'late-night-work')))).toBe(true);
    expect(days.some((l) => l.includes(who(month, 'holiday-work')) && l.includes('○'))).toBe(true);
  });

  it('insider: the leaver is ranked with the reasons', async () => {
    const r = await render('insider');
    const text = pdfText(r.files[0].content, dir);
    expect(text).toContain('内部不正リスク概要');
    const leaver = who(month, 'leaver-exfiltration');
    const line = r.files[1].content
      .toString('utf8')
      .split('\r\n')
      .find((l) => l.includes(leaver));
    // The reasons column holds at least one reason with its points, e.g. 「監視対象または退職予定者 (+2.8)」.
    expect(line).toMatch(/\(\+\d+(\.\d+)?\)/);
    expect(text).toContain(leaver);
  });

  it('CSV is UTF-8 with a BOM and one row per listed event', async () => {
    const r = await render('audit');
    const csv = r.files[1].content;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').split('\r\n').filter(Boolean).length - 1).toBe(r.rows);
    expect(r.rows).toBeGreaterThan(10);
  });
});

describe('the mailed report', () => {
  it('arrives at the SMTP server over STARTTLS with AUTH, attachments equal to the kept copies and their SHA-256', async () => {
    const received: Array<{ from: string; to: string[]; raw: string; user?: string }> = [];
    // STARTTLS with smtp-server's built-in self-signed certificate, hence rejectUnauthorized: false below.
    const server = new SMTPServer({
      logger: false,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth: (auth, _session, cb) =>
        auth.username === 'kansa' && auth.password === 's3cret-pass'
          ? cb(null, { user: 'kansa' })
          : cb(new Error('bad credentials')),
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            user: session.user as string,
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as { port: number }).port;
    try {
      const smtp = configSchema.parse({
        reports: {
          smtp: { host: '127.0.0.1', port, user: 'kansa', rejectUnauthorized: false, from: 'kansa@example.co.jp' },
        },
      }).reports.smtp;
      const saved = process.env.KANSA_SMTP_PASSWORD;
      process.env.KANSA_SMTP_PASSWORD = 's3cret-pass';
      let result;
      try {
        result = await runAndMail(
          runner,
          { kind: 'insider', month: monthOf(month), timezone: month.timeZone },
          font,
          join(dir, 'kept'),
          smtp,
          ['kansa-risk@example.co.jp'],
          new Date(),
        );
      } finally {
        process.env.KANSA_SMTP_PASSWORD = saved;
      }
      expect(received).toHaveLength(1);
      const mail = received[0];
      expect(mail.user).toBe('kansa');
      expect(mail.to).toEqual(['kansa-risk@example.co.jp']);
      const manifest = readFileSync(join(dir, 'kept', 'manifest.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(manifest.map((m) => m.file)).toEqual([
        `${monthOf(month)}/kansa-insider-${monthOf(month)}.pdf`,
        `${monthOf(month)}/kansa-insider-${monthOf(month)}.csv`,
      ]);
      for (const s of result.stored) {
        const kept = readFileSync(s.path);
        expect(createHash('sha256').update(kept).digest('hex')).toBe(s.sha256);
        expect(manifest.find((m) => m.file.endsWith(s.name)).sha256).toBe(s.sha256);
        // The attachment's base64 body decodes to the kept file.
        const part = mail.raw.split(/\r?\n--/).find((p) => p.includes(`filename=${s.name}`));
        expect(part).toBeDefined();
        const body = part!
          .split(/\r?\n\r?\n/)
          .slice(1)
          .join('')
          .replace(/\s+/g, '');
        expect(createHash('sha256').update(Buffer.from(body, 'base64')).digest('hex')).toBe(s.sha256);
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('is refused when the server is asked for STARTTLS it does not offer, and the copy is still kept', async () => {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData: (s, _x, cb) => s.on('end', () => cb()).resume(),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as { port: number }).port;
    try {
      const smtp = configSchema.parse({ reports: { smtp: { host: '127.0.0.1', port } } }).reports.smtp;
      const kept = join(dir, 'kept-refused');
      await expect(
        runAndMail(
          runner,
          { kind: 'insider', month: monthOf(month), timezone: month.timeZone },
          font,
          kept,
          smtp,
          ['a@example.co.jp'],
          new Date(),
        ),
      ).rejects.toThrow(/STARTTLS/i);
      expect(readFileSync(join(kept, 'manifest.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('names the font package when no Japanese font is installed', () => {
    const saved = process.env.KANSA_REPORT_FONT;
    delete process.env.KANSA_REPORT_FONT;
    try {
      expect(() => findFont(undefined, ['/nonexistent/NotoSansCJK-Regular.ttc'])).toThrow(/fonts-noto-cjk/);
    } finally {
      if (saved !== undefined) process.env.KANSA_REPORT_FONT = saved;
    }
  });
});
