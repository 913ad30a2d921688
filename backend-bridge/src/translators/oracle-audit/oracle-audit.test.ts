import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { oracleAuditSyslog, oracleAuditXml, RULES } from '.';

const sample = (id: string) => RULES.rules.find((r) => r.id === id)!.sample;
const XML = `<AuditRecord><Audit_Type>1</Audit_Type><Session_Id>512390</Session_Id><StatementId>9</StatementId><EntryId>5</EntryId><Extended_Timestamp>2026-10-01T01:15:02.118372Z</Extended_Timestamp><DB_User>TANAKA</DB_User><OS_User>tanaka</OS_User><Userhost>EXAMPLE\\PC015</Userhost><OS_Process>6124:5820</OS_Process><Terminal>PC015</Terminal><Instance_Number>0</Instance_Number><Object_Schema>SALES</Object_Schema><Object_Name>CUSTOMERS</Object_Name><Action>3</Action><Returncode>0</Returncode><Scn>48211934</Scn><Comment_Text>Authenticated by: DATABASE; Client address: (ADDRESS=(PROTOCOL=tcp)(HOST=10.1.20.15)(PORT=50131))</Comment_Text><Sql_Text>SELECT * FROM sales.customers WHERE region = &apos;関東&apos;</Sql_Text><DBID>2965374651</DBID></AuditRecord>`;

const origin = { source: 't', line: 1, offset: 0 };
const msg = (message: string) => ({
  timestamp: '2026-10-01T01:00:00.000Z',
  host: 'dbhost01',
  program: '',
  message,
  format: 'rfc3164' as const,
});

describe('oracle-audit', () => {
  it('reads a unified audit syslog record: who read which table', () => {
    expect(oracleAuditSyslog.matches(msg(sample('read')))).toBe(true);
    expect(oracleAuditSyslog.translate(msg(sample('read')), GOLDEN_CONTEXT)).toMatchObject({
      'user.name': 'hr_app',
      'event.action': 'db-read',
      'kansa.db.class': 'READ',
      'kansa.db.object': 'HR.EMPLOYEES',
    });
  });

  it('reads a traditional record by its lengths: a failed logon with the client address and ORA-01017', () => {
    expect(oracleAuditSyslog.translate(msg(sample('logon')), GOLDEN_CONTEXT)).toMatchObject({
      'user.name': 'tanaka',
      'source.ip': '10.1.20.15',
      'event.action': 'logon-failed',
      'error.code': 'ORA-01017',
      'kansa.db.client': 'EXAMPLE\\PC015',
    });
  });

  it('reads an XML audit record with its statement, entities decoded', () => {
    const [ev] = oracleAuditXml.translate({ text: XML, origin }, GOLDEN_CONTEXT);
    expect(ev).toMatchObject({
      '@timestamp': '2026-10-01T01:15:02.118Z',
      'kansa.db.statement': "SELECT * FROM sales.customers WHERE region = '関東'",
      'kansa.db.object': 'SALES.CUSTOMERS',
    });
    expect(oracleAuditXml.isPreamble!('<?xml version="1.0" encoding="UTF-8"?>', false)).toBe(true);
    expect(oracleAuditXml.detect(XML)).toBeGreaterThan(0.95);
  });
});

describeGoldenCases(__dirname);
