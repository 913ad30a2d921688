import { describeGoldenCases } from '../../translate/testing/golden';
import { ParseError } from '../../translate/types';
import { nxlogJson, readNxlog } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

describe('nxlog-json', () => {
  it('detects im_msvistalog records and not Winlogbeat ones', () => {
    expect(
      nxlogJson.detect(
        '{"EventTime":"2026-10-01 09:00:03","Hostname":"WS01","EventID":4624,"SourceName":"Microsoft-Windows-Security-Auditing"}',
      ),
    ).toBeGreaterThan(0.5);
    expect(nxlogJson.detect('{"@timestamp":"2026-10-01T00:00:03Z","winlog":{"event_id":"4624"}}')).toBe(0);
  });

  it('reads EventTime as local time in the context zone', () => {
    const ev = readNxlog(
      '{"EventTime":"2026-10-01 09:00:03","Hostname":"WS01","EventID":4624,"SourceName":"S","Channel":"Security"}',
      ctx,
    );
    expect(ev.time.toISOString()).toBe('2026-10-01T00:00:03.000Z');
  });

  it('takes the audit outcome from the exact Keywords digits when EventType is missing', () => {
    const ev = readNxlog(
      '{"EventTime":"2026-10-01 09:00:03","Hostname":"WS01","Keywords":-9218868437227405312,"EventID":4625,"SourceName":"S"}',
      ctx,
    );
    expect(ev.audit).toBe('failure');
  });

  it('rejects JSON that is not an object', () => {
    expect(() => readNxlog('[1,2]', ctx)).toThrow(ParseError);
    expect(() => readNxlog('"x"', ctx)).toThrow(/found a string/);
  });
});

describeGoldenCases(__dirname);
