import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { fortigateFormat, translateFortigate } from './index';
import { FORTIOS_KV, parseKv } from '../_lib/kv';

describe('fortigate', () => {
  it('parses quoted values with spaces and escaped quotes', () => {
    expect(parseKv('a=1 b="x y" c="say \\"hi\\"" d=', {}, FORTIOS_KV)).toEqual({
      a: '1',
      b: 'x y',
      c: 'say "hi"',
      d: '',
    });
  });

  it('reads the sample traffic line', () => {
    const e = translateFortigate(
      'date=2026-10-01 time=09:00:01 devname="FGT60F" devid="FGT60FTK0001" eventtime=1790812801123456789 tz="+0900" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.1.23 srcport=52344 srcintf="internal" dstip=203.0.113.50 dstport=8443 dstintf="wan1" sessionid=1 proto=6 action="accept" policyid=1 service="HTTPS" sentbyte=1258291 rcvdbyte=3482',
      GOLDEN_CONTEXT,
    );
    expect(e).toMatchObject({
      '@timestamp': '2026-10-01T00:00:01.123Z',
      'source.bytes': 1258291,
      'destination.bytes': 3482,
      'network.bytes': 1261773,
      'network.transport': 'tcp',
      'rule.id': '1',
      'event.outcome': 'success',
      'kansa.message.ja':
        '10.0.1.23 から 203.0.113.50:8443/tcp への通信を許可しました(FGT60F、送信 1.2 MB、受信 3.4 KB、ポリシー 1)',
    });
  });

  it('falls back to date, time and tz', () => {
    const e = translateFortigate(
      'date=2026-10-01 time=09:00:01 devname="F" logid="1" type="event" subtype="system" level="notice" tz="+0900"',
      GOLDEN_CONTEXT,
    );
    expect(e['@timestamp']).toBe('2026-10-01T00:00:01.000Z');
  });

  it('detects fortigate lines, with or without <PRI>', () => {
    expect(
      fortigateFormat.detect(
        '<189>date=2026-10-01 time=09:00:01 devname="F" devid="X" logid="0000000013" type="traffic"',
      ),
    ).toBeGreaterThan(0.5);
    expect(fortigateFormat.detect('Oct  1 09:00:01 web01 sshd[1]: hello')).toBe(0);
  });
});

describeGoldenCases(__dirname);
