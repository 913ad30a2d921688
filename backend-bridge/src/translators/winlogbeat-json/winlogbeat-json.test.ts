import { describeGoldenCases } from '../../translate/testing/golden';
import { readWinlogbeat, winlogbeatJson } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

describe('winlogbeat-json', () => {
  it('detects nested and flattened Winlogbeat documents', () => {
    expect(
      winlogbeatJson.detect(
        '{"@timestamp":"2026-10-01T00:00:03.123Z","winlog":{"channel":"Security","event_id":"4624"}}',
      ),
    ).toBeGreaterThan(0.5);
    expect(winlogbeatJson.detect('{"@timestamp":"2026-10-01T00:00:03.123Z","winlog.event_id":4624}')).toBeGreaterThan(
      0.5,
    );
    expect(winlogbeatJson.detect('{"EventTime":"2026-10-01 09:00:03","EventID":4624}')).toBe(0);
  });

  it('reads Winlogbeat 7 numbers and 8 strings alike', () => {
    const seven = readWinlogbeat(
      '{"@timestamp":"2026-10-01T00:00:03.123Z","winlog":{"event_id":4624,"record_id":12,"channel":"Security","computer_name":"WS01"}}',
      ctx,
    );
    const eight = readWinlogbeat(
      '{"@timestamp":"2026-10-01T00:00:03.123Z","winlog":{"event_id":"4624","record_id":"12","channel":"Security","computer_name":"WS01"}}',
      ctx,
    );
    expect(seven).toEqual(eight);
    expect(seven.time.toISOString()).toBe('2026-10-01T00:00:03.123Z');
  });

  it('flattens user_data without its xml_name', () => {
    const ev = readWinlogbeat(
      '{"@timestamp":"2026-10-01T00:00:03Z","winlog":{"event_id":1102,"user_data":{"xml_name":"LogFileCleared","SubjectUserName":"adm"}}}',
      ctx,
    );
    expect(ev.data).toEqual({ SubjectUserName: 'adm' });
  });
});

describeGoldenCases(__dirname);
