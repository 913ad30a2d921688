import { decodeAccess, MESSAGE_CODES, PROTOCOLS, rightWords } from './codes';
import type { MapCtx, Mapper } from './map';
import { val } from './model';
import { baseName, endpoint, ipOf, isPersonAccount, oneLine, pidOf, portOf, say, setFile, setUser } from './text';

function subject(c: MapCtx): string {
  const name = val(c.d, 'SubjectUserName');
  setUser(c.out, name, val(c.d, 'SubjectDomainName'), val(c.d, 'SubjectUserSid'));
  const logonId = val(c.d, 'SubjectLogonId');
  if (logonId) c.out['winlog.logon.id'] = logonId;
  return name ?? '(unknown)';
}

function handleProcess(c: MapCtx): void {
  const pid = pidOf(val(c.d, 'ProcessId'));
  if (pid !== undefined) c.out['process.pid'] = pid;
  const exe = val(c.d, 'ProcessName');
  if (exe) {
    c.out['process.executable'] = exe;
    c.out['process.name'] = baseName(exe);
  }
}

/** Object events of the file system get file.*; registry keys and others keep the name in the sentence only. */
function object(c: MapCtx): string {
  const name = val(c.d, 'ObjectName') ?? '(unknown object)';
  const type = val(c.d, 'ObjectType') ?? 'File';
  if (type === 'File' && name !== '(unknown object)') setFile(c.out, name);
  c.out['event.category'] = type === 'Key' ? ['registry'] : ['file'];
  return name;
}

function rights(c: MapCtx): { names: string[]; ja: string; en: string } {
  const names = decodeAccess(c.d.AccessList, c.d.AccessMask);
  if (names.length > 0) c.out['kansa.access.rights'] = names;
  return { names, ja: rightWords(names, 'ja'), en: rightWords(names, 'en') };
}

const handleRequested: Mapper = (c) => {
  const u = subject(c);
  const obj = object(c);
  handleProcess(c);
  const r = rights(c);
  const ok = c.ev.audit !== 'failure';
  c.out['event.type'] = ok ? ['access'] : ['access', 'denied'];
  c.out['event.action'] = 'object-handle-requested';
  c.out['event.outcome'] = ok ? 'success' : 'failure';
  if (ok) {
    say(
      c.out,
      `${u} が ${c.host} 上の ${obj} へのハンドルを要求しました(${r.ja})`,
      `${u} requested a handle to ${obj} on ${c.host} (${r.en})`,
    );
  } else {
    say(
      c.out,
      `${u} が ${c.host} 上の ${obj} へのアクセスを拒否されました(${r.ja})`,
      `${u} was denied access to ${obj} on ${c.host} (${r.en})`,
    );
  }
};

const objectAccessed: Mapper = (c) => {
  const u = subject(c);
  const obj = object(c);
  handleProcess(c);
  const r = rights(c);
  c.out['event.type'] = ['access'];
  c.out['event.action'] = 'object-accessed';
  c.out['event.outcome'] = c.ev.audit ?? 'success';
  say(
    c.out,
    `${u} が ${c.host} 上の ${obj} にアクセスしました(${r.ja})`,
    `${u} accessed ${obj} on ${c.host} (${r.en})`,
  );
};

const handleClosed: Mapper = (c) => {
  const u = subject(c);
  handleProcess(c);
  c.out['event.category'] = ['file'];
  c.out['event.type'] = ['info'];
  c.out['event.action'] = 'object-handle-closed';
  c.out['event.outcome'] = 'success';
  const h = val(c.d, 'HandleId') ?? '?';
  say(c.out, `${u} が ${c.host} 上のハンドル ${h} を閉じました`, `${u} closed the handle ${h} on ${c.host}`);
};

const objectDeleted: Mapper = (c) => {
  const u = subject(c);
  handleProcess(c);
  c.out['event.category'] = ['file'];
  c.out['event.type'] = ['deletion'];
  c.out['event.action'] = 'object-deleted';
  c.out['event.outcome'] = 'success';
  const h = val(c.d, 'HandleId') ?? '?';
  say(
    c.out,
    `${u} が ${c.host} 上のオブジェクトを削除しました(ハンドル ${h})`,
    `${u} deleted an object on ${c.host} (handle ${h})`,
  );
};

const permissionsChanged: Mapper = (c) => {
  const u = subject(c);
  const obj = object(c);
  handleProcess(c);
  c.out['event.category'] = [...(c.out['event.category'] as string[]), 'configuration'];
  c.out['event.type'] = ['change'];
  c.out['event.action'] = 'permissions-changed';
  c.out['event.outcome'] = 'success';
  say(
    c.out,
    `${u} が ${c.host} 上の ${obj} のアクセス許可を変更しました`,
    `${u} changed the permissions of ${obj} on ${c.host}`,
  );
};

/** `\\*\開発` → `\\FS01\開発`: the share as a client would type it. */
export function sharePath(share: string | undefined, host: string): string | undefined {
  if (!share) return undefined;
  return share.startsWith('\\\\*\\') ? `\\\\${host}\\${share.slice(4)}` : share;
}

function shareCommon(c: MapCtx): { u: string; ip?: string } {
  const u = subject(c);
  const ip = ipOf(c.d.IpAddress);
  if (ip) c.out['source.ip'] = ip;
  const port = portOf(c.d.IpPort);
  if (ip && port) c.out['source.port'] = port;
  c.out['event.category'] = ['network', 'file'];
  return { u, ip };
}

const shareAccessed: Mapper = (c) => {
  const { u, ip } = shareCommon(c);
  const share = sharePath(val(c.d, 'ShareName'), c.host) ?? '(unknown share)';
  if (share !== '(unknown share)') setFile(c.out, share, 'dir');
  rights(c);
  const ok = c.ev.audit !== 'failure';
  c.out['event.type'] = ok ? ['info', 'access'] : ['info', 'access', 'denied'];
  c.out['event.action'] = 'network-share-object-accessed';
  c.out['event.outcome'] = ok ? 'success' : 'failure';
  const from = ip ? { ja: `${ip} から `, en: ` from ${ip}` } : { ja: '', en: '' };
  if (ok) {
    say(
      c.out,
      `${u} が ${from.ja}${c.host} の共有 ${share} にアクセスしました`,
      `${u} accessed the share ${share} on ${c.host}${from.en}`,
    );
  } else {
    say(
      c.out,
      `${u} が ${from.ja}${c.host} の共有 ${share} へのアクセスを拒否されました`,
      `${u} was denied access to the share ${share} on ${c.host}${from.en}`,
    );
  }
};

/** The UNC path of a 5145 target: share + relative name. */
export function shareTarget(d: Record<string, string>, host: string): string | undefined {
  const share = sharePath(val(d, 'ShareName'), host);
  if (!share) return undefined;
  const rel = val(d, 'RelativeTargetName');
  if (!rel || rel === '\\') return share;
  return `${share}\\${rel.replace(/^\\+/, '')}`;
}

const shareObjectChecked: Mapper = (c) => {
  const { u, ip } = shareCommon(c);
  const path = shareTarget(c.d, c.host) ?? '(unknown object)';
  if (path !== '(unknown object)') setFile(c.out, path);
  const r = rights(c);
  const ok = c.ev.audit !== 'failure';
  c.out['event.type'] = ok ? ['info', 'access'] : ['info', 'access', 'denied'];
  c.out['event.action'] = 'network-share-object-access-checked';
  c.out['event.outcome'] = ok ? 'success' : 'failure';
  const from = ip ? { ja: `${ip} から `, en: ` from ${ip}` } : { ja: '', en: '' };
  if (ok) {
    say(
      c.out,
      `${u} が ${from.ja}${c.host} 上の ${path} にアクセスしました(${r.ja})`,
      `${u} accessed ${path} on ${c.host}${from.en} (${r.en})`,
    );
  } else {
    say(
      c.out,
      `${u} が ${from.ja}${c.host} 上の ${path} へのアクセスを拒否されました(${r.ja})`,
      `${u} was denied access to ${path} on ${c.host}${from.en} (${r.en})`,
    );
  }
};

/**
 * WFP 5156/5157. "Source" is the local end and "Destination" the remote end in both directions, so
 * for inbound connections ECS source (the initiator) is the event's destination.
 */
function connection(allowed: boolean): Mapper {
  return (c) => {
    c.out['event.category'] = ['network'];
    c.out['event.type'] = ['connection', allowed ? 'allowed' : 'denied'];
    c.out['event.action'] = allowed ? 'network-connection-allowed' : 'network-connection-blocked';
    c.out['event.outcome'] = allowed ? 'success' : 'failure';
    const dirCode = /%%(\d+)/.exec(c.d.Direction ?? '')?.[1];
    const dirWord = (c.d.Direction ?? '').trim().toLowerCase();
    const inbound = dirCode === '14592' || dirWord === 'inbound' || dirWord === '受信';
    const outbound = dirCode === '14593' || dirWord === 'outbound' || dirWord === '送信';
    if (inbound || outbound) c.out['network.direction'] = inbound ? 'inbound' : 'outbound';
    const local = { ip: ipOf(c.d.SourceAddress), port: portOf(c.d.SourcePort) };
    const remote = { ip: ipOf(c.d.DestAddress), port: portOf(c.d.DestPort) };
    const [src, dst] = inbound ? [remote, local] : [local, remote];
    if (src.ip) c.out['source.ip'] = src.ip;
    if (src.port) c.out['source.port'] = src.port;
    if (dst.ip) c.out['destination.ip'] = dst.ip;
    if (dst.port) c.out['destination.port'] = dst.port;
    const proto =
      PROTOCOLS[val(c.d, 'Protocol') ?? ''] ?? (val(c.d, 'Protocol') ? `protocol ${val(c.d, 'Protocol')}` : undefined);
    if (proto && PROTOCOLS[val(c.d, 'Protocol')!]) c.out['network.transport'] = proto;
    const app = val(c.d, 'Application');
    if (app) {
      c.out['process.executable'] = app;
      c.out['process.name'] = baseName(app);
    }
    const pid = pidOf(val(c.d, 'ProcessID') ?? val(c.d, 'ProcessId'));
    if (pid !== undefined) c.out['process.pid'] = pid;
    const dir = inbound ? MESSAGE_CODES['14592'] : outbound ? MESSAGE_CODES['14593'] : { ja: '', en: '' };
    const from = src.ip ? endpoint(src.ip, src.port) : '?';
    const to = dst.ip ? endpoint(dst.ip, dst.port) : '?';
    const appName = app ? baseName(app) : 'unknown application';
    const verbJa = allowed ? '許可されました' : 'ブロックされました';
    const verbEn = allowed ? 'allowed' : 'blocked';
    say(
      c.out,
      `${c.host} で ${appName} の${dir.ja}接続 ${from} → ${to}${proto ? ` (${proto})` : ''} が${verbJa}`,
      `${c.host} ${verbEn} ${dir.en ? `an ${dir.en} ` : 'a '}${proto ? `${proto} ` : ''}connection from ${from} to ${to} (${appName})`,
    );
  };
}

const TOKEN_ELEVATION: Record<string, [string, string]> = {
  '1937': ['、管理者として昇格', ', elevated'],
};

const processCreated: Mapper = (c) => {
  c.out['event.category'] = ['process'];
  c.out['event.type'] = ['start'];
  c.out['event.action'] = 'created-process';
  c.out['event.outcome'] = 'success';
  const u = subject(c);
  const exe = val(c.d, 'NewProcessName') ?? '(unknown)';
  const name = baseName(exe);
  if (exe !== '(unknown)') {
    c.out['process.executable'] = exe;
    c.out['process.name'] = name;
  }
  const pid = pidOf(val(c.d, 'NewProcessId'));
  if (pid !== undefined) c.out['process.pid'] = pid;
  const cmd = val(c.d, 'CommandLine');
  if (cmd) c.out['process.command_line'] = cmd;
  const parent = val(c.d, 'ParentProcessName');
  if (parent) {
    c.out['process.parent.executable'] = parent;
    c.out['process.parent.name'] = baseName(parent);
  }
  const ppid = pidOf(val(c.d, 'ProcessId'));
  if (ppid !== undefined) c.out['process.parent.pid'] = ppid;
  const elevation = TOKEN_ELEVATION[/%%(\d+)/.exec(c.d.TokenElevationType ?? '')?.[1] ?? ''];
  const partsJa = [
    parent ? `親 ${baseName(parent)}` : '',
    elevation ? elevation[0].slice(1) : '',
    cmd ? `コマンドライン: ${oneLine(cmd, 200)}` : '',
  ].filter(Boolean);
  const partsEn = [
    parent ? `parent ${baseName(parent)}` : '',
    elevation ? elevation[1].slice(2) : '',
    cmd ? `command line: ${oneLine(cmd, 200)}` : '',
  ].filter(Boolean);
  say(
    c.out,
    `${u} が ${c.host} でプロセス ${name} を起動しました${partsJa.length ? `(${partsJa.join('、')})` : ''}`,
    `${u} started the process ${name} on ${c.host}${partsEn.length ? ` (${partsEn.join(', ')})` : ''}`,
  );
};

const deviceRecognized: Mapper = (c) => {
  c.out['event.category'] = ['host'];
  c.out['event.type'] = ['info'];
  c.out['event.action'] = 'recognized-external-device';
  c.out['event.outcome'] = 'success';
  // The subject is the machine (SYSTEM or WS01$) that enumerated the device, not a person acting.
  const subj = val(c.d, 'SubjectUserName');
  if (isPersonAccount(subj, val(c.d, 'SubjectUserSid'))) subject(c);
  const id = val(c.d, 'DeviceId');
  if (id) c.out['device.id'] = id;
  const desc = val(c.d, 'DeviceDescription');
  if (desc) c.out['device.model.name'] = desc;
  const cls = val(c.d, 'ClassName');
  const what = desc ?? id ?? '(unknown device)';
  const detail = [cls, id && id !== what ? id : undefined].filter(Boolean) as string[];
  const u = c.out['user.name'];
  const ja = `${c.host} で新しい外部デバイス ${what} が認識されました${detail.length ? `(${detail.join('、')})` : ''}`;
  say(
    c.out,
    u ? `${u} が ${ja.replace(/^\S+ で/, `${c.host} で`)}` : ja,
    `A new external device ${what} was recognized on ${c.host}${detail.length ? ` (${detail.join(', ')})` : ''}`,
  );
};

export const OBJECT_MAPPERS: Array<[number, Mapper]> = [
  [4656, handleRequested],
  [4663, objectAccessed],
  [4658, handleClosed],
  [4660, objectDeleted],
  [4670, permissionsChanged],
  [5140, shareAccessed],
  [5145, shareObjectChecked],
  [5156, connection(true)],
  [5157, connection(false)],
  [4688, processCreated],
  [6416, deviceRecognized],
];
