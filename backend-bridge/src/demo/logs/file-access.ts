import { FQDN } from '../office';
import { subject, type Account, type EventData, type WindowsLog } from './windows';

const NO_TRANSACTION = '{00000000-0000-0000-0000-000000000000}';
const FILE_SYSTEM = { task: 12800, taskName: 'File System' };
const T = '\n\t\t\t\t';

/** What the handle asks for (AccessList, AccessMask) and what the 4663 then records, for a read and a save. */
const ACCESS = {
  read: {
    requested: `%%1538${T}%%1541${T}%%4416${T}%%4419${T}%%4423${T}`,
    requestedMask: '0x120089',
    used: `%%4416${T}`,
    usedMask: '0x1',
  },
  write: {
    requested: `%%1538${T}%%1541${T}%%4416${T}%%4417${T}%%4418${T}%%4419${T}%%4420${T}%%4423${T}%%4424${T}`,
    requestedMask: '0x12019f',
    used: `%%4417${T}`,
    usedMask: '0x2',
  },
};

/**
 * One file access on a file server's share as the Security log writes it: 4656 handle, 4663 access, 4658 close.
 * Returns the time after the close, where the next access may start.
 */
export function fileAccess(
  win: WindowsLog,
  t: number,
  server: string,
  who: Account,
  logonId: string,
  path: string,
  kind: 'read' | 'write',
): number {
  const h = win.nextHandle();
  const comp = `${server}.${FQDN}`;
  const base = subject(who, logonId);
  const a = ACCESS[kind];
  const object: EventData = [
    ['ObjectServer', 'Security'],
    ['ObjectType', 'File'],
    ['ObjectName', path],
    ['HandleId', h],
  ];
  const process: EventData = [
    ['ProcessId', '0x4'],
    ['ProcessName', ''],
  ];
  const requested: EventData = [
    ...base,
    ...object,
    ['TransactionId', NO_TRANSACTION],
    ['AccessList', a.requested],
    ['AccessReason', '-'],
    ['AccessMask', a.requestedMask],
    ['PrivilegeList', '-'],
    ['RestrictedSidCount', '0'],
    ...process,
    ['ResourceAttributes', 'S:AI'],
  ];
  win.security('fileServers', t, comp, 4656, requested, 'A handle to an object was requested.', {
    version: 1,
    ...FILE_SYSTEM,
  });
  const used: EventData = [
    ...base,
    ...object,
    ['AccessList', a.used],
    ['AccessMask', a.usedMask],
    ...process,
    ['ResourceAttributes', 'S:AI'],
  ];
  win.security('fileServers', t + 3, comp, 4663, used, 'An attempt was made to access an object.', {
    version: 1,
    ...FILE_SYSTEM,
  });
  const closed: EventData = [...base, ['ObjectServer', 'Security'], ['HandleId', h], ...process];
  win.security('fileServers', t + 9, comp, 4658, closed, 'The handle to an object was closed.', FILE_SYSTEM);
  return t + 10;
}
