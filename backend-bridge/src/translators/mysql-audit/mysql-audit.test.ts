import { describeGoldenCases } from '../../translate/testing/golden';
import { classOf, mysqlAuditFormat } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };
const origin = { source: 'audit.log', line: 1, offset: 0 };

describe('mysql-audit', () => {
  it('classes sql commands like pgaudit', () => {
    expect(classOf('select')).toBe('READ');
    expect(classOf('insert')).toBe('WRITE');
    expect(classOf('create_table')).toBe('DDL');
    expect(classOf('grant')).toBe('ROLE');
    expect(classOf('create_user')).toBe('ROLE');
    expect(classOf('truncate_table')).toBe('DDL');
  });
  it('reads an Enterprise connect with its trailing comma', () => {
    const [ev] = mysqlAuditFormat.translate(
      {
        text: '{ "timestamp": "2026-10-01 00:00:01", "id": 0, "class": "connection", "event": "connect", "connection_id": 13, "account": { "user": "hr_admin", "host": "10.0.1.23" }, "login": { "user": "hr_admin", "os": "", "ip": "10.0.1.23", "proxy": "" }, "connection_data": { "connection_type": "ssl", "status": 0, "db": "hrdb" } },',
        origin,
      },
      ctx,
    );
    expect(ev).toMatchObject({
      '@timestamp': '2026-10-01T00:00:01.000Z',
      'event.action': 'logged-in',
      'user.name': 'hr_admin',
      'source.ip': '10.0.1.23',
    });
  });
  it('reads a Percona query', () => {
    const [ev] = mysqlAuditFormat.translate(
      {
        text: '{"audit_record":{"name":"Query","record":"3_x","timestamp":"2026-10-01T00:10:01Z","command_class":"select","connection_id":"21","status":0,"sqltext":"SELECT 1","user":"app[app] @ h [10.0.2.15]","host":"h","os_user":"","ip":"10.0.2.15","db":"salesdb"}}',
        origin,
      },
      ctx,
    );
    expect(ev).toMatchObject({
      'user.name': 'app',
      'kansa.db.class': 'READ',
      'kansa.db.statement': 'SELECT 1',
      'kansa.db.name': 'salesdb',
    });
  });
  it('rejects JSON that is not an object', () => {
    expect(() => mysqlAuditFormat.translate({ text: '[1,2,3]', origin }, ctx)).toThrow(/object/);
  });
});

describeGoldenCases(__dirname);
