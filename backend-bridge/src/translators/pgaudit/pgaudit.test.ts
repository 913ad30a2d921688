import { describeGoldenCases } from '../../translate/testing/golden';
import { parsePgLine, pgauditFormat } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };
const origin = { source: 'postgresql.log', line: 1, offset: 0 };

describe('pgaudit', () => {
  it('reads an AUDIT line with the Debian prefix', () => {
    const [ev] = pgauditFormat.translate(
      {
        text: '2026-10-01 09:00:01.123 JST [12345] hr_admin@hrdb LOG:  AUDIT: SESSION,1,1,READ,SELECT,TABLE,public.employees,"select * from employees",<not logged>',
        origin,
      },
      ctx,
    );
    expect(ev).toMatchObject({
      '@timestamp': '2026-10-01T00:00:01.123Z',
      'user.name': 'hr_admin',
      'kansa.db.name': 'hrdb',
      'kansa.db.class': 'READ',
      'kansa.db.command': 'SELECT',
      'kansa.db.object': 'public.employees',
      'kansa.db.statement': 'select * from employees',
    });
  });
  it('keeps commas and doubled quotes inside the statement', () => {
    const [ev] = pgauditFormat.translate(
      {
        text: `2026-10-01 09:00:01 JST [1] u@d LOG:  AUDIT: SESSION,1,1,READ,SELECT,TABLE,t,"select 'a,b', ""x""",<not logged>`,
        origin,
      },
      ctx,
    );
    expect(ev['kansa.db.statement']).toBe(`select 'a,b', "x"`);
  });
  it('reads the %r client of an RDS-style prefix', () => {
    const p = parsePgLine('2026-10-01 00:10:00 UTC:10.0.1.45(50123):app_user@salesdb:[22001]:LOG:  x', ctx);
    expect(p).toMatchObject({
      user: 'app_user',
      db: 'salesdb',
      client: '10.0.1.45',
      pid: 22001,
      time: '2026-10-01T00:10:00.000Z',
    });
  });
  it('translates a failed password', () => {
    const [ev] = pgauditFormat.translate(
      {
        text: '2026-10-01 09:01:00 JST [1] postgres@hrdb FATAL:  password authentication failed for user "postgres"',
        origin,
      },
      ctx,
    );
    expect(ev).toMatchObject({ 'event.action': 'logon-failed', 'user.name': 'postgres' });
  });
});

describeGoldenCases(__dirname);
