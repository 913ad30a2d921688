/**
 * Microsoft 365 unified audit log (source type `m365-audit`), two ways it leaves Microsoft:
 *   - `m365-audit-json`: the Office 365 Management Activity API's content blobs (a JSON array of
 *     records), or records one per line / pretty-printed.
 *   - `m365-audit-csv`: the Purview audit search export (RecordId,CreationDate,RecordType,Operation,
 *     UserId,AuditData,… or the older CreationDate,UserIds,Operations,AuditData), the record in the
 *     AuditData column as JSON.
 * See README.md.
 */
import { splitCsvLine } from '../../translate/csv';
import type { Format, KansaEvent, RawRecord, TranslateContext } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { mapM365 } from './map';

/** A record of the common schema: CreationTime, Operation, Workload (or RecordType) and UserId side by side. */
const COMMON = /"CreationTime"\s*:\s*"\d{4}-/;

export const m365AuditJson: Format = {
  id: 'm365-audit-json',
  framing: 'json-values',
  detect(sample: string): number {
    return COMMON.test(sample) &&
      /"Operation"\s*:/.test(sample) &&
      /"(Workload|RecordType)"\s*:/.test(sample) &&
      /"OrganizationId"\s*:/.test(sample)
      ? 0.95
      : 0;
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    return [mapM365(record.text, 'a unified audit log record')];
  },
};

function isHeader(line: string): string[] | null {
  const cells = splitCsvLine(line.replace(/^\uFEFF/, '').replace(/\r$/, '')).map((c) => c.trim());
  return cells.includes('AuditData') &&
    (cells.includes('CreationDate') || cells.includes('Operations') || cells.includes('Operation'))
    ? cells
    : null;
}

export const m365AuditCsv: Format = {
  id: 'm365-audit-csv',
  framing: 'csv',
  isHeader,
  detect(sample: string): number {
    const first = sample.split('\n').find((l) => l.trim() !== '');
    return first && isHeader(first) ? 0.95 : 0;
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    if (!record.header) throw new ParseError('expected the Purview export header (…,AuditData,…) before the records');
    const cells = splitCsvLine(record.text.replace(/\r$/, ''));
    const at = record.header.indexOf('AuditData');
    const audit = cells[at];
    if (audit === undefined || !audit.trim().startsWith('{')) {
      throw new ParseError(
        `expected the AuditData column (${at + 1}) to hold the record as JSON, found ${audit === undefined ? 'no such column' : JSON.stringify(audit.slice(0, 40))}`,
      );
    }
    return [mapM365(audit, 'the AuditData column')];
  },
};
