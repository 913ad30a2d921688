import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { parseEnvelope } from '../_lib/syslog';

describe('syslog envelope', () => {
  it('reads an RFC 3164 line in the context zone', () => {
    const env = parseEnvelope('<38>Oct  1 09:00:01 web01 sshd[1234]: Accepted password for tanaka', GOLDEN_CONTEXT);
    expect(env).toMatchObject({
      timestamp: '2026-10-01T00:00:01.000Z',
      host: 'web01',
      program: 'sshd',
      pid: 1234,
      facility: 'auth',
      severity: 6,
      message: 'Accepted password for tanaka',
    });
  });

  it('reads a Cisco line with a sequence number and zone', () => {
    const env = parseEnvelope(
      '<187>12345: Oct  1 09:00:01.123 JST: %LINK-3-UPDOWN: Interface Gi1/0/5, changed state to down',
      GOLDEN_CONTEXT,
    );
    expect(env).toMatchObject({
      timestamp: '2026-10-01T00:00:01.123Z',
      program: '',
      message: '%LINK-3-UPDOWN: Interface Gi1/0/5, changed state to down',
    });
  });

  it('keeps the relay header in front of a Cisco line', () => {
    const env = parseEnvelope(
      'Oct  1 09:00:01 10.0.0.2 12345: *Oct  1 00:00:01.123: %LINK-3-UPDOWN: x',
      GOLDEN_CONTEXT,
    );
    expect(env).toMatchObject({
      host: '10.0.0.2',
      timestamp: '2026-10-01T00:00:01.000Z',
      message: '%LINK-3-UPDOWN: x',
    });
  });

  it('parses RFC 5424 structured data with escapes', () => {
    const env = parseEnvelope('<165>1 2026-10-01T09:00:01+09:00 h app - - [a@1 k="x\\"y\\]z"] msg', GOLDEN_CONTEXT);
    expect(env?.structuredData).toEqual({ 'a@1': { k: 'x"y]z' } });
    expect(env?.message).toBe('msg');
  });

  it('returns null when there is no header', () => {
    expect(parseEnvelope('hello world', GOLDEN_CONTEXT)).toBeNull();
  });
});

describeGoldenCases(__dirname);
