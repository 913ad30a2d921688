import { describeGoldenCases } from '../../translate/testing/golden';
import { isHeader, isPreamble, macOf, windowsDhcp } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

describe('windows-dhcp', () => {
  it('tells the preamble, the header and rows apart', () => {
    expect(isPreamble('\t\tMicrosoft DHCP Service Activity Log')).toBe(true);
    expect(isPreamble('10\tA new IP address was leased to a client.')).toBe(true);
    expect(isPreamble('10,10/01/26,08:48:12,Assign,10.0.10.21,WS01,0050569A1B2C,,1,0,,,,,,,,,0')).toBe(false);
    expect(
      isHeader(
        'ID,Date,Time,Description,IP Address,Host Name,MAC Address,User Name, TransactionID, QResult,DnsRegError.',
      ),
    ).toEqual([
      'ID',
      'Date',
      'Time',
      'Description',
      'IP Address',
      'Host Name',
      'MAC Address',
      'User Name',
      'TransactionID',
      'QResult',
      'DnsRegError',
    ]);
    expect(isHeader('10,10/01/26,08:48:12,Assign')).toBeNull();
  });

  it('reads rows without a header (a log picked up mid-file) with the default columns', () => {
    const [e] = windowsDhcp.translate(
      {
        text: '10,10/01/26,08:48:12,Assign,10.0.10.21,WS01.corp.example.co.jp,0050569A1B2C,,2838234871,0,,,,,,,,,0',
        origin: { source: 't', line: 1, offset: 0 },
      },
      ctx,
    );
    expect(e).toMatchObject({
      '@timestamp': '2026-09-30T23:48:12.000Z',
      'event.action': 'dhcp-lease-assigned',
      'source.ip': '10.0.10.21',
      'source.mac': '00-50-56-9A-1B-2C',
    });
  });

  it('writes MAC addresses the ECS way', () => {
    expect(macOf('0050569a1b2c')).toBe('00-50-56-9A-1B-2C');
    expect(macOf('00:50:56:9a:1b:2c')).toBe('00-50-56-9A-1B-2C');
    expect(macOf('BAD')).toBeUndefined();
  });
});

describeGoldenCases(__dirname);
