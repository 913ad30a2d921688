import { describeGoldenCases } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { sambaAudit } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

function msg(message: string): SyslogMessage {
  return { timestamp: '2026-10-01T09:00:01+09:00', host: 'fs01', program: 'smbd_audit', message, format: 'rfc3164' };
}

describe('samba-audit', () => {
  it('reads the default %u|%I prefix', () => {
    expect(sambaAudit.translate(msg('yamada|10.0.1.21|openat|ok|r|/srv/share/a.xlsx'), ctx)).toMatchObject({
      'user.name': 'yamada',
      'source.ip': '10.0.1.21',
      'kansa.access.operation': 'read',
      'file.path': '/srv/share/a.xlsx',
      'file.name': 'a.xlsx',
      'file.extension': 'xlsx',
    });
  });
  it('reads %u|%I|%m|%S and a rename', () => {
    const ev = sambaAudit.translate(msg('kato|10.0.1.46|PC-KATO|dev|renameat|ok|/srv/dev/a|/srv/dev/b'), ctx) as Record<
      string,
      unknown
    >;
    expect(ev).toMatchObject({
      'kansa.access.operation': 'rename',
      'kansa.access.new_path': '/srv/dev/b',
      'source.domain': 'PC-KATO',
    });
    expect((ev['kansa.raw'] as Record<string, string>).share).toBe('dev');
  });
  it('reads failures', () => {
    expect(sambaAudit.translate(msg('yamada|10.0.1.21|unlinkat|fail (Permission denied)|/srv/x'), ctx)).toMatchObject({
      'event.outcome': 'failure',
      'event.reason': 'Permission denied',
    });
  });
  it('returns null when no operation|result pair is found', () => {
    expect(sambaAudit.translate(msg('something else'), ctx)).toBeNull();
  });
});

describeGoldenCases(__dirname);
