import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { RULES, yamahaRtxProgram } from '.';

const msg = (message: string) => ({
  timestamp: '2026-10-01T00:00:00.000Z',
  host: 'rtx830',
  program: '',
  message,
  format: 'rfc3164' as const,
});

describe('yamaha-rtx', () => {
  it("translates each rule's sample", () => {
    for (const rule of RULES.rules) {
      const ev = yamahaRtxProgram.translate(msg(rule.sample), GOLDEN_CONTEXT);
      expect(ev).not.toBeNull();
      expect((ev as Record<string, unknown>)['kansa.message.en']).not.toMatch(/undefined/);
    }
  });

  it('reads a rejected connection with its filter number', () => {
    expect(yamahaRtxProgram.translate(msg(RULES.rules[0].sample), GOLDEN_CONTEXT)).toMatchObject({
      'event.action': 'connection-denied',
      'source.ip': '198.51.100.99',
      'destination.port': 3389,
      'rule.id': '1020',
      'network.direction': 'inbound',
    });
  });

  it('reads "LAN2: link down" even when the envelope took LAN2 for a program', () => {
    expect(yamahaRtxProgram.matches({ ...msg('link down'), program: 'LAN2' })).toBe(true);
  });

  it('leaves other devices alone', () => {
    expect(yamahaRtxProgram.matches(msg('Accepted password for tanaka from 10.1.20.15 port 50122 ssh2'))).toBe(false);
  });
});

describeGoldenCases(__dirname);
