import { describeGoldenCases } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { postfix } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

function msg(program: string, message: string): SyslogMessage {
  return { timestamp: '2026-10-01T09:00:01+09:00', host: 'mail01', program, message, format: 'rfc3164' };
}

describe('postfix', () => {
  it('matches postfix agents incl. multi-instance names', () => {
    expect(postfix.matches(msg('postfix/smtp', 'x'))).toBe(true);
    expect(postfix.matches(msg('postfix-out/smtp', 'x'))).toBe(true);
    expect(postfix.matches(msg('postfix', 'x'))).toBe(false);
  });
  it('marks smtp delivery to a public relay as outbound and local delivery as inbound', () => {
    expect(
      postfix.translate(
        msg(
          'postfix/smtp',
          '4F1A2B3C4D: to=<b@partner.example.com>, relay=mx.partner.example.com[198.51.100.25]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 ok)',
        ),
        ctx,
      ),
    ).toMatchObject({
      'email.direction': 'outbound',
      'event.action': 'mail-delivered',
      'email.to.address': ['b@partner.example.com'],
      'event.id': '4F1A2B3C4D',
    });
    expect(
      postfix.translate(
        msg(
          'postfix/local',
          '4F1A2B3C4D: to=<s@example.co.jp>, relay=local, delay=0.05, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)',
        ),
        ctx,
      ),
    ).toMatchObject({ 'email.direction': 'inbound' });
  });
  it('reads the sender and size from qmgr', () => {
    expect(
      postfix.translate(
        msg('postfix/qmgr', '4F1A2B3C4D: from=<t@example.co.jp>, size=2048, nrcpt=1 (queue active)'),
        ctx,
      ),
    ).toMatchObject({
      'email.from.address': 't@example.co.jp',
      'source.bytes': 2048,
    });
  });
});

describeGoldenCases(__dirname);
