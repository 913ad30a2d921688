/**
 * SQL Server Audit records (source type `mssql-audit`), two ways they reach Kansa:
 *   - `mssql-audit-nxlog`: the Application or Security log forwarded by NXLog im_msvistalog as JSON
 *     lines; the audit record is event 33205 from source MSSQLSERVER / MSSQL$<instance> (…$AUDIT in the
 *     Security log), its Message the `Audit event:` name:value lines. Every other event in the same file
 *     goes to the ordinary NXLog Windows translator, so a whole Application log can be imported.
 *   - `mssql-audit-csv`: fn_get_audit_file results saved as CSV with a header row (SSMS "Save Results
 *     As", or Invoke-Sqlcmd | Export-Csv with its `#TYPE` line and DataRow columns).
 * See README.md for the fields and actions.
 */
import { splitCsvLine } from '../../translate/csv';
import type { Format, KansaEvent, RawRecord, TranslateContext } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { parseJsonObject } from '../_lib/json';
import { mapAuditRecord, parseAuditMessage, type AuditFields } from './record';

export const AUDIT_EVENT_ID = 33205;
const AUDIT_SOURCE = /^MSSQL(SERVER|\$)/i;
const AUDIT_LINE = /"EventID"\s*:\s*33205\b/;

/** Maps the message of an event-log record 33205; exported for the other Windows renderings. */
export function mapAuditMessage(message: string, computer?: string): KansaEvent {
  if (!/^\s*Audit event:/.test(message))
    throw new ParseError('expected the SQL Server audit message to start with "Audit event:"');
  return mapAuditRecord(parseAuditMessage(message), computer);
}

/**
 * The NXLog format for SQL Server audit; every other record goes to `windows`, the ordinary NXLog
 * Windows format (index.ts passes it in, so this folder imports no other translator).
 */
export function createMssqlAuditNxlog(windows: Format): Format {
  return {
    id: 'mssql-audit-nxlog',
    framing: 'lines',
    detect(sample: string): number {
      // Above nxlog-json's 0.9 only when the sample holds SQL Server audit events.
      return sample.split('\n').some((l) => AUDIT_LINE.test(l) && /"SourceName"\s*:\s*"MSSQL/.test(l)) ? 0.95 : 0;
    },
    translate(record: RawRecord, ctx: TranslateContext): KansaEvent[] {
      const text = record.text.trim();
      if (!AUDIT_LINE.test(text)) return windows.translate(record, ctx);
      const o = parseJsonObject(text, 'an NXLog record');
      if (o.EventID !== AUDIT_EVENT_ID || typeof o.SourceName !== 'string' || !AUDIT_SOURCE.test(o.SourceName))
        return windows.translate(record, ctx);
      if (typeof o.Message !== 'string')
        throw new ParseError('expected a Message string in the SQL Server audit event 33205');
      const ev = mapAuditMessage(o.Message, typeof o.Hostname === 'string' ? o.Hostname : undefined);
      ev['event.provider'] = o.SourceName;
      if (typeof o.Channel === 'string') ev['winlog.channel'] = o.Channel;
      if (o.RecordNumber !== undefined) ev['winlog.record_id'] = String(o.RecordNumber);
      return [ev];
    },
  };
}

/** fn_get_audit_file's columns that make a header ours. */
const REQUIRED_COLUMNS = ['event_time', 'action_id', 'succeeded', 'server_principal_name'];

function isHeader(line: string): string[] | null {
  const cells = splitCsvLine(line.replace(/^\uFEFF/, '').replace(/\r$/, '')).map((c) => c.trim());
  return REQUIRED_COLUMNS.every((c) => cells.includes(c)) ? cells : null;
}

export const mssqlAuditCsv: Format = {
  id: 'mssql-audit-csv',
  framing: 'csv',
  isHeader,
  /** Export-Csv in Windows PowerShell 5.1 writes `#TYPE System.Data.DataRow` above the header. */
  isPreamble(line: string, headerSeen: boolean): boolean {
    return !headerSeen && /^\uFEFF?#TYPE /.test(line);
  },
  detect(sample: string): number {
    const lines = sample
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, 3);
    return lines.some((l) => isHeader(l) !== null) ? 0.95 : 0;
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    if (!record.header)
      throw new ParseError(
        'expected the fn_get_audit_file header row (event_time,sequence_number,action_id,succeeded,…) before the records',
      );
    const cells = splitCsvLine(record.text.replace(/\r$/, ''));
    if (cells.length < record.header.length) {
      throw new ParseError(
        `expected ${record.header.length} columns as in the header, found ${cells.length} (a statement with a line break, or a cut-off row)`,
      );
    }
    const f: AuditFields = {};
    record.header.forEach((name, i) => (f[name] = cells[i]));
    return [mapAuditRecord(f)];
  },
};
