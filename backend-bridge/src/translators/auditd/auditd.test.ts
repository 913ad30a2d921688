import { describeGoldenCases } from '../../translate/testing/golden';
import { auditdFormat, translateAudit } from '.';
import { parseAuditRecord } from './parse';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };
const origin = { source: 'audit.log', line: 1, offset: 0 };

describe('auditd', () => {
  it('detects audit.log', () => {
    expect(auditdFormat.detect('type=USER_LOGIN msg=audit(1790812801.160:4527): pid=1 uid=0\n')).toBeGreaterThan(0.9);
    expect(auditdFormat.detect('Oct  1 09:00:01 web01 sshd[1]: x\n')).toBe(0);
  });

  it('decodes the hex-encoded sudo command of USER_CMD', () => {
    const [ev] = auditdFormat.translate(
      {
        text: 'type=USER_CMD msg=audit(1790813040.500:4560): pid=3010 uid=1001 auid=1001 ses=3 msg=\'cwd="/home/tanaka" cmd=73797374656D63746C2072657374617274206E67696E78 exe="/usr/bin/sudo" terminal=pts/0 res=success\'',
        origin,
      },
      ctx,
    );
    expect(ev).toMatchObject({
      'process.command_line': 'systemctl restart nginx',
      'user.id': '1001',
      '@timestamp': '2026-10-01T00:04:00.500Z',
    });
  });

  it('keeps SYSCALL register arguments as they are but decodes EXECVE arguments', () => {
    const sys = parseAuditRecord('type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=59 a0=55AB items=1');
    expect(sys?.fields.a0).toBe('55AB');
    const exec = parseAuditRecord('type=EXECVE msg=audit(1.000:1): argc=2 a0="ls" a1=2D6C61');
    expect(exec?.fields.a1).toBe('-la');
  });

  it('does not hex-decode numeric ids', () => {
    const r = parseAuditRecord(
      "type=ADD_GROUP msg=audit(1.000:1): pid=1 uid=0 auid=1001 msg='op=add-group id=1002 res=success'",
    );
    expect(translateAudit(r!)).toMatchObject({ 'group.id': '1002', 'event.action': 'added-group-account' });
  });

  it('rejects non-audit lines', () => {
    expect(() => auditdFormat.translate({ text: 'hello', origin }, ctx)).toThrow(/audit record/);
  });
});

describeGoldenCases(__dirname);
