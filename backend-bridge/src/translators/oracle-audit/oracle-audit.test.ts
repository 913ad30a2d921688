import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { oracleAuditSyslog, oracleAuditXml, SAMPLES } from '.';

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
    expect(oracleAuditSyslog.matches(msg(SAMPLES.unified))).toBe(true);
    expect(oracleAuditSyslog.translate(msg(SAMPLES.unified), GOLDEN_CONTEXT)).toMatchObject({
      'user.name': 'hr_app',
      'event.action': 'db-read',
      'kansa.db.class': 'READ',
      'kansa.db.object': 'HR.EMPLOYEES',
    });
  });

  it('reads a traditional record by its lengths: a failed logon with the client address and ORA-01017', () => {
    expect(oracleAuditSyslog.translate(msg(SAMPLES.traditional), GOLDEN_CONTEXT)).toMatchObject({
      'user.name': 'tanaka',
      'source.ip': '10.1.20.15',
      'event.action': 'logon-failed',
      'error.code': 'ORA-01017',
      'kansa.db.client': 'EXAMPLE\\PC015',
    });
  });

  it('reads an XML audit record with its statement, entities decoded', () => {
    const [ev] = oracleAuditXml.translate({ text: SAMPLES.xml, origin }, GOLDEN_CONTEXT);
    expect(ev).toMatchObject({
      '@timestamp': '2026-10-01T01:15:02.118Z',
      'kansa.db.statement': "SELECT * FROM sales.customers WHERE region = '関東'",
      'kansa.db.object': 'SALES.CUSTOMERS',
    });
    expect(oracleAuditXml.isPreamble!('<?xml version="1.0" encoding="UTF-8"?>', false)).toBe(true);
    expect(oracleAuditXml.detect(SAMPLES.xml)).toBeGreaterThan(0.95);
  });
});

describeGoldenCases(__dirname);
