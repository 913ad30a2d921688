import { describeGoldenCases } from '../../translate/testing/golden';
import { exchangeTrackingFormat, FIELDS, RULES, translateTracking } from '.';

const SEND = RULES.rules.find((r) => r.id === 'send')!.sample;

describe('exchange-tracking', () => {
  const header = exchangeTrackingFormat.isHeader!(FIELDS)!;

  it('each event-id rule reads its own sample', () => {
    for (const rule of RULES.rules) {
      const ev = translateTracking(rule.sample, header);
      const { id } = rule;
      expect({ id, action: ev['event.action'] }).toEqual({ id, action: rule.build({}, {})!.fields['event.action'] });
      expect(ev['kansa.message.en']).not.toMatch(/undefined/);
    }
  });

  it('names the sender of a mail leaving the company to a private address, with its size', () => {
    expect(translateTracking(SEND, header)).toMatchObject({
      'user.name': 'tanaka',
      'email.to.address': ['tanaka.private@gmail.com'],
      'email.direction': 'outbound',
      'email.subject': '顧客リスト',
      'kansa.raw': expect.objectContaining({ 'total-bytes': '5242880' }),
    });
  });

  it('fails a record before any #Fields line', () => {
    expect(() => translateTracking(SEND, undefined)).toThrow(/#Fields/);
  });

  it('detects tracking logs, not IIS', () => {
    expect(exchangeTrackingFormat.detect(`#Log-type: Message Tracking Log\n${FIELDS}`)).toBeGreaterThan(0.95);
    expect(
      exchangeTrackingFormat.detect(
        '#Software: Microsoft Internet Information Services 10.0\n#Fields: date time s-ip cs-method',
      ),
    ).toBe(0);
  });
});

describeGoldenCases(__dirname);
