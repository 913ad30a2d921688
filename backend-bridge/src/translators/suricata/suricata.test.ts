import { describeGoldenCases } from '../../translate/testing/golden';
import { RULES, suricataFormat, translateEve } from '.';

describe('suricata', () => {
  it('each rule translates its own sample under its own event_type', () => {
    for (const rule of RULES.rules.filter((r) => r.id !== 'other')) {
      const ev = translateEve(rule.sample);
      expect(ev['event.code']).toBe(rule.id);
      expect(ev['event.action']).not.toMatch(/^suricata-/);
      expect(ev['kansa.message.en']).not.toMatch(/undefined/);
    }
  });

  it('reads an alert: signature as the rule, severity 1 as high, time with microseconds and +0900', () => {
    const ev = translateEve(RULES.rules.find((r) => r.id === 'alert')!.sample);
    expect(ev).toMatchObject({
      '@timestamp': '2026-10-01T00:12:30.431Z',
      'event.kind': 'alert',
      'rule.id': '2027512',
      'rule.name': 'ET MALWARE Cobalt Strike Beacon Observed',
      'event.severity': 4,
      'network.transport': 'tcp',
    });
  });

  it('keeps the addresses a DNS answer resolved to', () => {
    const ev = translateEve(RULES.rules.find((r) => r.id === 'dns')!.sample);
    expect(ev['dns.resolved_ip']).toEqual(['162.125.80.18']);
  });

  it('detects EVE lines, not other JSON', () => {
    expect(suricataFormat.detect(RULES.rules[0].sample)).toBeGreaterThan(0.9);
    expect(suricataFormat.detect('{"Records":[{"eventVersion":"1.10","eventSource":"iam.amazonaws.com"')).toBe(0);
  });
});

describeGoldenCases(__dirname);
