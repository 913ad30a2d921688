import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { panosFormat, RULES, translatePanos } from '.';
import { splitPanosCsv } from './columns';

describe('panos', () => {
  it('every sample translates', () => {
    for (const rule of RULES.rules) {
      const ev = translatePanos(rule.sample, GOLDEN_CONTEXT, 'fw');
      expect(ev['kansa.message.en']).not.toMatch(/undefined/);
    }
  });

  it('splits quoted fields with commas and doubled quotes, and a quote cut short', () => {
    expect(splitPanosCsv('a,"b,c",,"say ""hi""",e')).toEqual(['a', 'b,c', '', 'say "hi"', 'e']);
    expect(splitPanosCsv('a,"cut, here')).toEqual(['a', 'cut, here']);
    expect(splitPanosCsv('a,b,')).toEqual(['a', 'b', '']);
  });

  it('names the person, the cloud-storage category and the bytes of an allowed session', () => {
    const ev = translatePanos(RULES.rules[0].sample, GOLDEN_CONTEXT);
    expect(ev).toMatchObject({
      '@timestamp': '2026-10-01T00:00:31.000Z',
      'user.name': 'tanaka',
      'user.domain': 'example',
      'source.ip': '10.1.20.15',
      'destination.port': 443,
      'source.bytes': 18342,
      'destination.bytes': 2490113,
      'kansa.url.category': 'cloud-storage',
      'event.action': 'connection-allowed',
    });
  });

  it('marks a threat as an alert with the signature as the rule', () => {
    const ev = translatePanos(RULES.rules.find((r) => r.id === 'threat')!.sample, GOLDEN_CONTEXT);
    expect(ev).toMatchObject({
      'event.kind': 'alert',
      'rule.id': '91696',
      'event.severity': 5,
      'event.type': ['denied'],
    });
  });

  it('detects payload lines and bare <PRI> payloads, not FortiGate or CSV', () => {
    expect(panosFormat.detect(`<14>${RULES.rules[0].sample}`)).toBeGreaterThan(0.9);
    expect(panosFormat.detect(RULES.rules[1].sample)).toBeGreaterThan(0.9);
    expect(panosFormat.detect('date=2026-10-01 time=09:00:01 devname="FGT" logid="0000000013" type="traffic"')).toBe(0);
    expect(panosFormat.detect('a,b,c\n1,2,3')).toBe(0);
  });
});

describeGoldenCases(__dirname);
