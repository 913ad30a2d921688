import { buildReport, type ReportKind } from './build';
import { sendMail, type SmtpConfig } from './mail';
import { renderCsv, renderPdf } from './render';
import type { QueryRunner } from './source';
import { storeFiles, type StoredFile } from './store';

export interface ReportJob {
  kind: ReportKind;
  month: string;
  department?: string;
  timezone: string;
}

export interface RenderedReport {
  title: string;
  files: Array<{ name: string; content: Buffer; contentType: string }>;
  rows: number;
}

export const fileBase = (j: ReportJob) =>
  `kansa-${j.kind}-${j.month}${j.department ? `-${j.department}` : ''}`.replace(/[\\/:*?"<>|\s]/g, '_');

export async function renderReport(q: QueryRunner, j: ReportJob, font: string, now: Date): Promise<RenderedReport> {
  const report = await buildReport(q, j);
  const base = fileBase(j);
  return {
    title: `${report.title} ${j.month}${j.department ? ` ${j.department}` : ''}`,
    rows: report.sections.reduce((a, s) => a + s.rows.length, 0),
    files: [
      { name: `${base}.pdf`, content: await renderPdf(report, font, now), contentType: 'application/pdf' },
      { name: `${base}.csv`, content: renderCsv(report), contentType: 'text/csv; charset=utf-8' },
    ],
  };
}

/** Renders, keeps a hashed copy, then mails: the copy exists even when the mail server refuses. */
export async function runAndMail(
  q: QueryRunner,
  j: ReportJob,
  font: string,
  dir: string,
  smtp: SmtpConfig,
  recipients: string[],
  now: Date,
): Promise<{ stored: StoredFile[]; messageId: string }> {
  const r = await renderReport(q, j, font, now);
  const stored = storeFiles(dir, j.month, r.files, recipients, now);
  const body = [
    `Kansa が ${r.title} を作成しました (${r.rows} 行)。`,
    '',
    ...stored.map((s) => `${s.name}  SHA-256 ${s.sha256}`),
    '',
    `控え: ${dir}`,
  ].join('\n');
  const messageId = await sendMail(
    smtp,
    recipients,
    `[Kansa] ${r.title}`,
    body,
    r.files.map((f) => ({ filename: f.name, content: f.content, contentType: f.contentType })),
  );
  return { stored, messageId };
}
