import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { translateBuffer } from '../../translate/run';
import { FORMATS } from '..';
import { mapAuditMessage, mssqlAuditCsv } from '.';
import { ACTIONS } from './actions';

/** The registered format: index.ts gives it the NXLog Windows format for the other records. */
const mssqlAuditNxlog = FORMATS.find((f) => f.id === 'mssql-audit-nxlog')!;

const origin = { source: 't', line: 1, offset: 0 };

const MESSAGE = [
  'Audit event: audit_schema_version:1',
  'event_time:2026-10-01 00:13:02.7781133',
  'sequence_number:1',
  'action_id:SL',
  'succeeded:true',
  'response_rows:48210',
  'client_ip:10.0.1.23',
  'server_principal_name:CORP\\tanaka',
  'server_instance_name:SQL01',
  'database_name:SalesDB',
  'schema_name:dbo',
  'object_name:Customers',
  'statement:SELECT *',
  '  FROM dbo.Customers',
  'host_name:PC-TANAKA',
  '',
].join('\n');

describe('mssql-audit', () => {
  it('reads the event-log message, a statement over two lines included', () => {
    const ev = mapAuditMessage(MESSAGE, 'SQL01.corp.example.co.jp');
    expect(ev).toMatchObject({
      '@timestamp': '2026-10-01T00:13:02.778Z',
      'kansa.source_type': 'mssql-audit',
      'event.action': 'db-read',
      'user.name': 'tanaka',
      'user.domain': 'CORP',
      'host.name': 'SQL01.corp.example.co.jp',
      'source.ip': '10.0.1.23',
      'source.domain': 'PC-TANAKA',
      'kansa.db.class': 'READ',
      'kansa.db.object': 'SalesDB.dbo.Customers',
      'kansa.db.statement': 'SELECT *\n  FROM dbo.Customers',
      'kansa.message.en': 'tanaka read SalesDB.dbo.Customers from 10.0.1.23 (SELECT, 48210 rows, SQL01)',
    });
  });

  it('gives a failed login its reason and a denied read its outcome', () => {
    const failed = mapAuditMessage(
      "Audit event: event_time:2026-10-01 00:20:44.3157002\naction_id:LGIF\nsucceeded:false\nserver_principal_name:sa\nstatement:Login failed for user 'sa'.\n",
    );
    expect(failed).toMatchObject({
      'event.action': 'logon-failed',
      'event.outcome': 'failure',
      'event.reason': "Login failed for user 'sa'.",
    });
    const denied = mapAuditMessage(
      'Audit event: event_time:2026-10-01 00:20:44\naction_id:SL\nsucceeded:false\nserver_principal_name:app\ndatabase_name:HR\nobject_name:Salary\n',
    );
    expect(denied).toMatchObject({
      'event.type': ['denied'],
      'event.outcome': 'failure',
      'kansa.db.object': 'HR.Salary',
    });
  });

  it('names an unknown action by its id instead of failing', () => {
    const ev = mapAuditMessage(
      'Audit event: event_time:2026-10-01 00:00:00\naction_id:VSST\nsucceeded:true\nserver_principal_name:CORP\\sqladmin\n',
    );
    expect(ev).toMatchObject({ 'event.action': 'db-misc', 'kansa.db.command': 'VSST', 'kansa.db.class': 'MISC' });
    expect(ACTIONS.VSST).toBeUndefined();
  });

  it('rejects a 33205 event whose message is not an audit record', () => {
    const line = JSON.stringify({
      EventID: 33205,
      SourceName: 'MSSQLSERVER',
      Message: 'something else',
      EventTime: '2026-10-01 09:00:00',
    });
    expect(() => mssqlAuditNxlog.translate({ text: line, origin }, GOLDEN_CONTEXT)).toThrow(/Audit event:/);
  });

  it('detects its own samples and leaves plain NXLog and other CSV alone', () => {
    expect(
      mssqlAuditNxlog.detect(
        '{"EventTime":"2026-10-01 09:00:00","EventID":4624,"SourceName":"Microsoft-Windows-Security-Auditing"}',
      ),
    ).toBe(0);
    expect(mssqlAuditCsv.detect('date,time,user,door\n')).toBe(0);
    expect(
      mssqlAuditCsv.detect('#TYPE System.Data.DataRow\n"event_time","action_id","succeeded","server_principal_name"\n'),
    ).toBeGreaterThan(0.9);
    for (const [name, format] of [
      ['nxlog-application-log', 'mssql-audit-nxlog'],
      ['ssms-csv', 'mssql-audit-csv'],
      ['ugly-powershell-cp932', 'mssql-audit-csv'],
    ]) {
      const { stream } = translateBuffer(readFileSync(join(__dirname, 'testdata', name, 'case.input')), {
        source: name,
        ctx: GOLDEN_CONTEXT,
      });
      expect(stream.format?.id).toBe(format);
    }
  });
});

describeGoldenCases(__dirname);
