import { describeGoldenCases } from '../../translate/testing/golden';
import { wineventJson } from '.';

describe('winevent-json', () => {
  it('detects Get-WinEvent records and not NXLog or Winlogbeat ones', () => {
    expect(
      wineventJson.detect(
        '{"Id":4624,"ProviderName":"Microsoft-Windows-Security-Auditing","TimeCreated":"/Date(1790812803000)/"}',
      ),
    ).toBeGreaterThan(0.5);
    expect(wineventJson.detect('{"EventTime":"2026-10-01 09:00:03","EventID":4624,"SourceName":"S"}')).toBe(0);
    expect(wineventJson.detect('{"@timestamp":"2026-10-01T00:00:03Z","winlog":{"event_id":"4624"}}')).toBe(0);
  });
});

describeGoldenCases(__dirname);
