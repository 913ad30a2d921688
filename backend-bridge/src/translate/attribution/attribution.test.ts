import type { KansaEvent } from '../types';
import { TranslateStream } from '../engine';
import { FORMATS } from '../../translators';
import { AttributionStage } from '.';
import { AttributionTables, MAX_KEYS, MAX_SPANS, SpanTable } from './table';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

/** Translates each text as its own input file, in order, all through stages sharing `tables` (as kansa import does). */
function run(tables: AttributionTables, ...files: string[]): KansaEvent[] {
  const out: KansaEvent[] = [];
  files.forEach((text, i) => {
    const s = new TranslateStream(
      { source: `f${i}`, format: 'auto', ctx, formats: FORMATS, stages: [new AttributionStage(tables)] },
      (e) => out.push(...e),
    );
    s.write(Buffer.from(text));
    s.end();
  });
  return out;
}

const DHCPD = [
  'Oct  1 08:01:00 dhcp01 dhcpd[812]: DHCPREQUEST for 10.0.1.23 (10.0.0.2) from 00:11:22:33:44:55 (PC-TANAKA) via eth0',
  'Oct  1 08:01:00 dhcp01 dhcpd[812]: DHCPACK on 10.0.1.23 to 00:11:22:33:44:55 (PC-TANAKA) via eth0',
  'Oct  1 08:02:00 dhcp01 dhcpd[812]: DHCPACK on 10.0.1.40 to 00:11:22:33:44:66 (PC-SATO) via eth0',
  'Oct  1 11:00:00 dhcp01 dhcpd[812]: DHCPREQUEST for 10.0.1.23 (10.0.0.2) from 00:11:22:33:44:55 (PC-TANAKA) via eth0',
  'Oct  1 12:00:00 dhcp01 dhcpd[812]: DHCPRELEASE of 10.0.1.40 from 00:11:22:33:44:66 (PC-SATO) via eth0 (found)',
].join('\n');

/** 4624 as wevtutil renders it: `type` 2 at the PC itself, or 3 on the DC from `ip`. */
function logon4624(time: string, computer: string, user: string, type: number, ip: string): string {
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>4624</EventID><Version>2</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime='${time}'/><EventRecordID>1</EventRecordID><Correlation/><Execution ProcessID='700' ThreadID='1200'/><Channel>Security</Channel><Computer>${computer}</Computer><Security/></System><EventData><Data Name='SubjectUserSid'>S-1-5-18</Data><Data Name='SubjectUserName'>-</Data><Data Name='SubjectDomainName'>-</Data><Data Name='SubjectLogonId'>0x3e7</Data><Data Name='TargetUserSid'>S-1-5-21-1-2-3-1105</Data><Data Name='TargetUserName'>${user}</Data><Data Name='TargetDomainName'>CORP</Data><Data Name='TargetLogonId'>0x2a81f3c</Data><Data Name='LogonType'>${type}</Data><Data Name='LogonProcessName'>User32 </Data><Data Name='AuthenticationPackageName'>Negotiate</Data><Data Name='WorkstationName'>-</Data><Data Name='IpAddress'>${ip}</Data><Data Name='IpPort'>0</Data></EventData></Event>`;
}

const netfilter = (time: string, src: string) =>
  `Oct  1 ${time} gw01 kernel: [12346.001122] IPTABLES-ACCEPT: IN=eth1 OUT=eth0 MAC=52:54:00:ab:cd:ef:00:1b:21:11:22:33:08:00 SRC=${src} DST=203.0.113.10 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=1 DF PROTO=TCP SPT=50000 DPT=443 WINDOW=29200 RES=0x00 SYN URGP=0 `;
// Squid native access.log, no authenticated user ("-"); epoch seconds.
const squid = (epoch: number, src: string) =>
  `${epoch}.200    120 ${src} TCP_TUNNEL/200 5120 CONNECT example.com:443 - HIER_DIRECT/203.0.113.65 -`;
const jst = (hhmm: string) => Date.parse(`2026-10-01T${hhmm}:00+09:00`) / 1000;

const attributed = (events: KansaEvent[]) =>
  events
    .filter((e) => e['kansa.attribution.method'])
    .map((e) => [
      e['source.ip'],
      e['user.name'] ?? null,
      e['source.domain'] ?? null,
      e['kansa.attribution.method'],
      e['kansa.attribution.source'],
    ]);

describe('attribution stage', () => {
  it('names the person logged on at the leased host, as of each event time', () => {
    const t = new AttributionTables();
    const events = run(
      t,
      DHCPD,
      logon4624('2026-09-30T23:05:00.0000000Z', 'PC-TANAKA.corp.example.co.jp', 'tanaka', 2, '127.0.0.1'),
      [
        netfilter('07:59:00', '10.0.1.23'),
        netfilter('09:00:00', '10.0.1.23'),
        netfilter('09:00:01', '10.0.1.40'),
        netfilter('13:00:00', '10.0.1.40'),
      ].join('\n'),
    );
    expect(attributed(events)).toEqual([
      // 07:59 is before the lease: nothing; 09:00 after the 08:05 logon at PC-TANAKA
      ['10.0.1.23', 'tanaka', 'PC-TANAKA', 'dhcp-lease+logon-at-host', 'dhcpd+windows'],
      // PC-SATO has a lease but nobody logged on and no asset list: the host only
      ['10.0.1.40', null, 'PC-SATO', 'dhcp-lease', 'dhcpd'],
      // 13:00 is after PC-SATO released 10.0.1.40: nothing
    ]);
  });

  it('falls back to the asset list owner of the leased host', () => {
    const t = new AttributionTables();
    t.useAssets([{ host: 'PC-SATO.corp.example.co.jp', owner: 'sato' }]);
    const events = run(t, DHCPD, squid(jst('09:30'), '10.0.1.40'));
    expect(attributed(events)).toEqual([['10.0.1.40', 'sato', 'PC-SATO', 'dhcp-lease+asset-owner', 'dhcpd+assets']]);
    expect(events[events.length - 1]['related.user']).toContain('sato');
  });

  it('prefers a logon from the address itself (4624 type 3 on the DC, sshd accepted)', () => {
    const t = new AttributionTables();
    t.useAssets([{ host: 'PC-TANAKA', owner: 'someone-else' }]);
    const sshd =
      'Oct  1 10:00:00 bastion01 sshd[4242]: Accepted publickey for suzuki from 10.0.1.77 port 50522 ssh2: RSA SHA256:abc';
    const events = run(
      t,
      DHCPD,
      logon4624('2026-10-01T00:30:00.0000000Z', 'DC01.corp.example.co.jp', 'yamada', 3, '10.0.1.23'),
      sshd,
      [squid(jst('09:45'), '10.0.1.23'), squid(jst('10:05'), '10.0.1.77'), squid(jst('23:59'), '10.0.1.99')].join('\n'),
    );
    expect(attributed(events)).toEqual([
      ['10.0.1.23', 'yamada', 'PC-TANAKA', 'logon-from-address', 'windows'],
      ['10.0.1.77', 'suzuki', null, 'logon-from-address', 'sshd'],
    ]);
    // The logons themselves and the DHCP lines (DHCPREQUEST included) are evidence, never attributed.
    expect(
      events.filter(
        (e) => (e['event.action'] === 'logged-in' || e['network.protocol'] === 'dhcp') && e['kansa.attribution.method'],
      ),
    ).toEqual([]);
    expect(events.filter((e) => e['network.protocol'] === 'dhcp').length).toBe(5);
  });

  it('leaves Postfix records alone (the mail join names their sender)', () => {
    const t = new AttributionTables();
    t.useAssets([{ host: 'PC-TANAKA', owner: 'tanaka' }]);
    const events = run(t, DHCPD, 'Oct  1 09:30:00 mail01 postfix/smtpd[2001]: connect from unknown[10.0.1.23]');
    const mail = events[events.length - 1];
    expect(mail['source.ip']).toBe('10.0.1.23');
    expect(mail['user.name']).toBeUndefined();
    expect(mail['kansa.attribution.method']).toBeUndefined();
  });

  it('leaves Windows host telemetry and the Windows DHCP server log alone', () => {
    const t = new AttributionTables();
    const wfp = `{"EventTime":"2026-10-01 10:22:44","Hostname":"PC-TANAKA.corp.example.co.jp","EventType":"AUDIT_SUCCESS","EventID":5156,"SourceName":"Microsoft-Windows-Security-Auditing","Channel":"Security","Message":"The Windows Filtering Platform has permitted a connection.","Application":"\\\\device\\\\harddiskvolume3\\\\windows\\\\system32\\\\curl.exe","Direction":"%%14593","SourceAddress":"10.0.1.23","SourcePort":"50544","DestAddress":"203.0.113.80","DestPort":"80","Protocol":"6","ProcessID":"8012","SourceModuleType":"im_msvistalog"}`;
    const dns = '30,10/01/26,10:30:00,DNS Update Request,10.0.1.23,PC-TANAKA.corp.example.co.jp,,,0,6,,,,,,,,,0';
    const events = run(
      t,
      logon4624('2026-10-01T00:30:00.0000000Z', 'DC01.corp.example.co.jp', 'yamada', 3, '10.0.1.23'),
      wfp,
      dns,
      squid(jst('10:40'), '10.0.1.23'),
    );
    const byAction = (a: string) => events.find((e) => e['event.action'] === a)!;
    expect(byAction('network-connection-allowed')['kansa.attribution.method']).toBeUndefined();
    expect(byAction('dhcp-dns-update-requested')).toMatchObject({ 'network.protocol': 'dhcp' });
    expect(byAction('dhcp-dns-update-requested')['kansa.attribution.method']).toBeUndefined();
    // The same address in the proxy log is still attributed: the exclusions are by source, not by address.
    expect(attributed(events)).toEqual([['10.0.1.23', 'yamada', null, 'logon-from-address', 'windows']]);
  });

  it('keeps a user name the source already had', () => {
    const t = new AttributionTables();
    const events = run(
      t,
      DHCPD,
      `${jst('09:30')}.200    120 10.0.1.23 TCP_TUNNEL/200 5120 CONNECT example.com:443 kimura HIER_DIRECT/203.0.113.65 -`,
    );
    expect(events[events.length - 1]['user.name']).toBe('kimura');
    expect(events[events.length - 1]['kansa.attribution.method']).toBeUndefined();
  });
});

describe('attribution tables are bounded', () => {
  it(`remember at most ${MAX_KEYS} addresses, dropping the least recently learned`, () => {
    const t = new SpanTable(3600_000);
    for (let i = 0; i < MAX_KEYS + 100; i++)
      t.learn(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, `h${i}`, 1000, 'dhcpd');
    expect(t.size).toBe(MAX_KEYS);
    expect(t.at('10.0.0.0', 1000)).toBeUndefined();
    expect(t.at(`10.1.0.${MAX_KEYS + 99 - 65536}`, 1000)?.value).toBe(`h${MAX_KEYS + 99}`);
  });

  it(`keep at most ${MAX_SPANS} spans per address, the latest`, () => {
    const t = new SpanTable(1000);
    for (let i = 0; i < MAX_SPANS + 10; i++) t.learn('10.0.0.1', `h${i}`, i * 10_000, 'dhcpd');
    expect(t.at('10.0.0.1', 0)).toBeUndefined();
    expect(t.at('10.0.0.1', (MAX_SPANS + 9) * 10_000 + 500)?.value).toBe(`h${MAX_SPANS + 9}`);
    expect(t.at('10.0.0.1', 10 * 10_000 + 500)?.value).toBe('h10');
  });

  it('expire a lease after its lifetime without renewal, and extend it with renewals', () => {
    const t = new SpanTable(1000);
    t.learn('10.0.0.1', 'pc1', 0, 'dhcpd');
    t.learn('10.0.0.1', 'pc1', 900, 'dhcpd');
    expect(t.at('10.0.0.1', 1800)?.value).toBe('pc1');
    expect(t.at('10.0.0.1', 1900)).toBeUndefined();
  });
});
