import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { powerscaleFormat, powerscaleSyslog, RULES, translateOneFs } from '.';
import { rightsOf, statusOf } from './access';

const origin = { source: 't', line: 1, offset: 0 };
const sample = (id: string) => RULES.rules.find((r) => r.id === id)!.sample;

describe('powerscale (OneFS audit)', () => {
  it('detects isi_audit_viewer output, JSON lines and @cee: syslog, and not other JSON or syslog', () => {
    expect(powerscaleFormat.detect(`[0: Thu Oct  1 09:00:01 2026] ${sample('delete')}`)).toBeGreaterThan(0.9);
    expect(powerscaleFormat.detect(sample('config-request'))).toBeGreaterThan(0.9);
    expect(
      powerscaleFormat.detect(`<110>Oct  1 10:15:02 isilon01-1 audit_protocol[1]: @cee: ${sample('read')}`),
    ).toBeGreaterThan(0.9);
    expect(powerscaleFormat.detect('{"Records":[{"eventVersion":"1.08","eventSource":"s3.amazonaws.com"}]}')).toBe(0);
    // Kansa's own output keeps the payload in kansa.raw: it is not a OneFS record.
    expect(
      powerscaleFormat.detect('{"event.code":"read","kansa.raw":{"eventType":"read","clientIPAddr":"10.0.1.23"}}'),
    ).toBe(0);
    expect(
      powerscaleFormat.detect('Oct  1 10:15:02 host sshd[1]: Accepted password for a from 10.0.0.1 port 22 ssh2'),
    ).toBe(0);
  });

  it('reads a file created over SMB: who, from where, which file, when', () => {
    const [ev] = powerscaleFormat.translate(
      { text: `[0: Thu Oct  1 09:00:01 2026] ${sample('create-created')}`, origin },
      GOLDEN_CONTEXT,
    );
    expect(ev).toMatchObject({
      '@timestamp': '2026-10-01T00:00:01.104Z',
      'event.action': 'created-file',
      'event.outcome': 'success',
      'kansa.access.operation': 'create',
      'network.protocol': 'smb2',
      'source.ip': '10.0.1.23',
      'user.id': 'S-1-5-21-1004336348-1177238915-682003330-1107',
      'file.path': '\\ifs\\data\\share\\dev\\design.xlsx',
      'file.name': 'design.xlsx',
      'file.directory': '\\ifs\\data\\share\\dev',
      'file.extension': 'xlsx',
      'file.type': 'file',
      'kansa.message.en':
        'UID 2001 created \\ifs\\data\\share\\dev\\design.xlsx on PowerScale (zone System, SMB2, from 10.0.1.23)',
    });
  });

  it('tells a refused access (STATUS_ACCESS_DENIED) from another failure', () => {
    const denied = translateOneFs(
      sample('read').replace('"ntStatus":0', '"ntStatus":3221225506'),
      'isilon01',
      undefined,
    );
    expect(denied).toMatchObject({
      'event.action': 'file-access-denied',
      'event.outcome': 'failure',
      'event.reason': 'STATUS_ACCESS_DENIED',
      'event.type': ['access', 'denied'],
    });
    const failed = translateOneFs(
      sample('delete').replace('"ntStatus":0', '"ntStatus":"0xC0000101"'),
      'isilon01',
      undefined,
    );
    expect(failed).toMatchObject({
      'event.action': 'deleted-file',
      'event.outcome': 'failure',
      'event.reason': 'STATUS_DIRECTORY_NOT_EMPTY',
    });
    expect(statusOf(0).ok).toBe(true);
    expect(statusOf(0xc0000999).name).toBe('0xC0000999');
  });

  it('names the rights of a create that opened a file, GENERIC_READ included', () => {
    expect(rightsOf(0x120089)).toEqual(['ReadData', 'ReadEA', 'ReadAttributes', 'READ_CONTROL', 'SYNCHRONIZE']);
    expect(rightsOf(0x80000000)).toEqual(['GENERIC_READ']);
  });

  it('keeps an unknown eventType as a generic event and refuses a record that is not OneFS', () => {
    const ev = translateOneFs(
      sample('read').replace('"eventType":"read"', '"eventType":"tree_connect"'),
      undefined,
      undefined,
    );
    expect(ev).toMatchObject({
      'event.action': 'powerscale-tree-connect',
      'event.code': 'tree_connect',
      'event.type': ['info'],
    });
    expect(() => translateOneFs('{"hello":"world"}', undefined, '2026-10-01T00:00:00.000Z')).toThrow(
      'expected a OneFS audit record',
    );
    expect(() => translateOneFs('{"id":', undefined, undefined)).toThrow('expected a JSON object');
  });

  it('takes records from the syslog intake after @cee:, the header time for a payload without one', () => {
    const msg: SyslogMessage = {
      timestamp: '2026-10-01T10:15:02.000+09:00',
      host: 'isilon01-1',
      program: 'audit_protocol',
      message: `@cee: ${JSON.stringify(JSON.parse(sample('write')).payload)}`,
      format: 'rfc3164',
    };
    expect(powerscaleSyslog.matches(msg)).toBe(true);
    expect(powerscaleSyslog.translate(msg, GOLDEN_CONTEXT)).toMatchObject({
      '@timestamp': '2026-10-01T10:15:02.000+09:00',
      'host.name': 'isilon01-1',
      'event.action': 'modified-file',
    });
    expect(powerscaleSyslog.matches({ ...msg, message: 'smbd_audit: yamada|10.0.1.21|openat|ok|r|/srv/a' })).toBe(
      false,
    );
  });
});

describeGoldenCases(__dirname);
