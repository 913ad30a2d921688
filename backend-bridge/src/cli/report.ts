import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';

import { UsageError } from './usage';
import { openSearchUrl, redactUrl } from '../opensearch/client';
import { REPORT_KINDS, type ReportKind } from '../report/build';
import { renderReport } from '../report/job';
import { findFont } from '../report/render';
import { dsqueryRunner } from '../report/source';

export const REPORT_USAGE = `usage: kansa report --kind audit|attendance|insider --month YYYY-MM --out DIR [--department D] [--tz ZONE] [--font FILE]
  Renders the monthly audit report, attendance report or insider (risk) summary of the events in OpenSearch
  (OPENSEARCH_URL) to DIR as PDF (Japanese font embedded; needs the Debian package fonts-noto-cjk or --font)
  and CSV (UTF-8 with BOM, for Excel). The queries are the app's pages' own, run through the datasource's
  backend (kansa-dsquery; KANSA_DSQUERY overrides its path). kansa serve mails them on a schedule (reports: in
  the config).`;

export async function reportCommand(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      kind: { type: 'string' },
      month: { type: 'string' },
      out: { type: 'string' },
      department: { type: 'string' },
      tz: { type: 'string' },
      font: { type: 'string' },
    },
    strict: true,
  });
  if (!values.kind || !REPORT_KINDS.includes(values.kind as ReportKind))
    throw new UsageError(`kansa report: --kind expected one of ${REPORT_KINDS.join(', ')}`);
  if (!values.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month))
    throw new UsageError('kansa report: --month expected as YYYY-MM');
  if (!values.out) throw new UsageError('kansa report: --out DIR is required');
  const timezone = values.tz ?? 'Asia/Tokyo';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new UsageError(`kansa report: --tz expected an IANA zone such as Asia/Tokyo, got "${timezone}"`);
  }
  let font: string;
  try {
    font = findFont(values.font);
  } catch (err) {
    io.stderr.write(`kansa report: ${(err as Error).message}\n`);
    return 1;
  }
  const url = openSearchUrl();
  const job = { kind: values.kind as ReportKind, month: values.month, department: values.department, timezone };
  const r = await renderReport(dsqueryRunner(url), job, font, new Date());
  mkdirSync(values.out, { recursive: true });
  for (const f of r.files) {
    writeFileSync(path.join(values.out, f.name), f.content);
    io.stdout.write(`${path.join(values.out, f.name)}  ${f.content.length} bytes\n`);
  }
  io.stdout.write(`${r.title}: ${r.rows} rows from ${redactUrl(url)}\n`);
  return 0;
}
