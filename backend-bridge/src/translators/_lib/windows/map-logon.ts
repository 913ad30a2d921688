import { KERBEROS_STATUS, LOGON_TYPES, NTSTATUS, type Words } from './codes';
import type { MapCtx, Mapper } from './map';
import { val } from './model';
import { baseName, ipOf, isLoopback, isPersonAccount, listWords, pidOf, portOf, say, setUser, shortHost } from './text';

/** Logon types that mean a person sat down at (or remoted into) the machine. */
const ATTENDANCE_TYPES = new Set(['2', '10', '11', '12']);

function logonType(c: MapCtx): (Words & { name: string }) | undefined {
  const t = val(c.d, 'LogonType');
  if (!t) return undefined;
  const known = LOGON_TYPES[t];
  if (known) {
    c.out['winlog.logon.type'] = known.name;
    return known;
  }
  return { name: t, ja: `ログオンの種類 ${t}`, en: `logon type ${t}` };
}

function auth(c: MapCtx, action: string, type: string, outcome: 'success' | 'failure'): void {
  c.out['event.category'] = ['authentication'];
  c.out['event.type'] = [type];
  c.out['event.action'] = action;
  c.out['event.outcome'] = outcome;
}

function target(c: MapCtx): string | undefined {
  const name = val(c.d, 'TargetUserName');
  setUser(c.out, name, val(c.d, 'TargetDomainName'), val(c.d, 'TargetUserSid') ?? val(c.d, 'TargetSid'));
  return name;
}

function subject(c: MapCtx): string | undefined {
  const name = val(c.d, 'SubjectUserName');
  setUser(c.out, name, val(c.d, 'SubjectDomainName'), val(c.d, 'SubjectUserSid'));
  const logonId = val(c.d, 'SubjectLogonId');
  if (logonId) c.out['winlog.logon.id'] = logonId;
  return name;
}

function source(c: MapCtx, ipKey = 'IpAddress', portKey = 'IpPort', wsKey = 'WorkstationName'): string | undefined {
  const ip = ipOf(c.d[ipKey]);
  if (ip) c.out['source.ip'] = ip;
  const port = portOf(c.d[portKey]);
  if (ip && port) c.out['source.port'] = port;
  const ws = val(c.d, wsKey);
  if (ws && ws !== ip) c.out['source.domain'] = ws;
  return isLoopback(ip) ? undefined : ip;
}

function process(c: MapCtx): string | undefined {
  const exe = val(c.d, 'ProcessName');
  const pid = pidOf(val(c.d, 'ProcessId'));
  if (pid !== undefined && pid !== 0) c.out['process.pid'] = pid;
  if (exe) {
    c.out['process.executable'] = exe;
    c.out['process.name'] = baseName(exe);
  }
  return exe;
}

/** The reason of a failed logon: the SubStatus when it is specific, else the Status. */
function failureReason(c: MapCtx, table: Record<string, Words>, ...keys: string[]): Words {
  for (const key of keys) {
    const code = val(c.d, key)?.toLowerCase();
    if (!code || code === '0x0') continue;
    c.out['error.code'] = val(c.d, key)!;
    const words = table[code] ?? table[code.replace(/^0x0+(?=[0-9a-f])/, '0x')];
    const reason = words ?? { ja: `状態コード ${code}`, en: `status ${code}` };
    c.out['event.reason'] = reason.en;
    return reason;
  }
  return { ja: '理由不明', en: 'unknown reason' };
}

function transitionFor(c: MapCtx, name: string | undefined, transition: string, type?: string): void {
  if (!isPersonAccount(name, val(c.d, 'TargetUserSid') ?? val(c.d, 'TargetSid'))) return;
  if (type !== undefined && !ATTENDANCE_TYPES.has(type)) {
    if (type === '7' && transition === 'start') c.out['kansa.session.transition'] = 'unlock';
    return;
  }
  c.out['kansa.session.transition'] = transition;
}

const logonSuccess: Mapper = (c) => {
  auth(c, 'logged-in', 'start', 'success');
  const u = target(c) ?? '(unknown)';
  const logonId = val(c.d, 'TargetLogonId');
  if (logonId) c.out['winlog.logon.id'] = logonId;
  const t = logonType(c);
  const ip = source(c);
  process(c);
  transitionFor(c, val(c.d, 'TargetUserName'), 'start', val(c.d, 'LogonType'));
  const how = t ? { ja: `(${t.ja})`, en: ` (${t.en})` } : { ja: '', en: '' };
  say(
    c.out,
    `${u} が ${ip ? `${ip} から ` : ''}${c.host} にログオンしました${how.ja}`,
    `${u} logged on to ${c.host}${ip ? ` from ${ip}` : ''}${how.en}`,
  );
};

const logonFailed: Mapper = (c) => {
  auth(c, 'logon-failed', 'start', 'failure');
  const u = target(c);
  const t = logonType(c);
  const ip = source(c);
  process(c);
  const reason = failureReason(c, NTSTATUS, 'SubStatus', 'Status');
  const ja = t ? `${reason.ja}、${t.ja}` : reason.ja;
  const en = t ? `${reason.en}, ${t.en}` : reason.en;
  const from = ip ? { ja: `${ip} から `, en: ` from ${ip}` } : { ja: '', en: '' };
  if (u) {
    say(
      c.out,
      `${u} が ${from.ja}${c.host} へのログオンに失敗しました(${ja})`,
      `${u} failed to log on to ${c.host}${from.en} (${en})`,
    );
  } else {
    say(
      c.out,
      `${c.host} への${ip ? ` ${ip} からの` : ''}ログオンが失敗しました(${ja})`,
      `A logon to ${c.host}${from.en} failed (${en})`,
    );
  }
};

const loggedOff: Mapper = (c) => {
  auth(c, 'logged-out', 'end', 'success');
  const u = target(c) ?? '(unknown)';
  const logonId = val(c.d, 'TargetLogonId');
  if (logonId) c.out['winlog.logon.id'] = logonId;
  const t = logonType(c);
  // 4647 (user-initiated) has no logon type: it is always a person at the console or over RDP.
  transitionFor(c, val(c.d, 'TargetUserName'), 'end', c.ev.eventId === 4647 ? undefined : val(c.d, 'LogonType'));
  const how =
    c.ev.eventId === 4647
      ? { ja: '(ユーザーによるログオフ)', en: ' (user-initiated)' }
      : t
        ? { ja: `(${t.ja})`, en: ` (${t.en})` }
        : { ja: '', en: '' };
  say(c.out, `${u} が ${c.host} からログオフしました${how.ja}`, `${u} logged off from ${c.host}${how.en}`);
};

const explicitLogon: Mapper = (c) => {
  auth(c, 'logged-in-explicit', 'start', 'success');
  const u = subject(c) ?? '(unknown)';
  const as = val(c.d, 'TargetUserName');
  if (as) c.out['user.target.name'] = as;
  const asDomain = val(c.d, 'TargetDomainName');
  if (asDomain) c.out['user.target.domain'] = asDomain;
  let server = val(c.d, 'TargetServerName');
  if (server && server.toLowerCase() === 'localhost') server = c.host;
  if (server && server !== c.host) c.out['destination.domain'] = server;
  const ip = source(c);
  const exe = process(c);
  const where = server ? shortHost(server) : c.host;
  const detailsJa = [ip ? `接続先 ${ip}` : '', exe ? `プロセス ${baseName(exe)}` : ''].filter(Boolean).join('、');
  const detailsEn = [ip ? `to ${ip}` : '', exe ? `process ${baseName(exe)}` : ''].filter(Boolean).join(', ');
  say(
    c.out,
    `${u} が ${c.host} で明示的な資格情報を使い ${as ?? '別のアカウント'} として ${where} にログオンしました${detailsJa ? `(${detailsJa})` : ''}`,
    `${u} logged on to ${where} as ${as ?? 'another account'} with explicit credentials on ${c.host}${detailsEn ? ` (${detailsEn})` : ''}`,
  );
  if (ip) {
    // In 4648 the address is the target server's, not a source.
    delete c.out['source.ip'];
    delete c.out['source.port'];
    c.out['destination.ip'] = ip;
  }
};

const specialLogon: Mapper = (c) => {
  c.out['event.category'] = ['iam'];
  c.out['event.type'] = ['admin'];
  c.out['event.action'] = 'logged-in-special';
  c.out['event.outcome'] = 'success';
  const u = subject(c) ?? '(unknown)';
  const privs = (val(c.d, 'PrivilegeList') ?? '').split(/\s+/).filter(Boolean);
  const list = listWords(privs, 4);
  say(
    c.out,
    `${u} が ${c.host} に特権付きでログオンしました(${list.ja || '特権の一覧なし'})`,
    `${u} logged on to ${c.host} with special privileges (${list.en || 'no privilege list'})`,
  );
};

const lockedOut: Mapper = (c) => {
  c.out['event.category'] = ['iam'];
  c.out['event.type'] = ['user', 'change'];
  c.out['event.action'] = 'locked-out-user-account';
  c.out['event.outcome'] = 'success';
  const t = val(c.d, 'TargetUserName') ?? '(unknown)';
  c.out['user.target.name'] = t;
  const sid = val(c.d, 'TargetSid');
  if (sid) c.out['user.target.id'] = sid;
  // In 4740 TargetDomainName holds the caller computer, where the bad attempts came from.
  const caller = val(c.d, 'TargetDomainName');
  if (caller) c.out['source.domain'] = caller;
  const by = caller
    ? { ja: `(呼び出し元コンピューター ${caller})`, en: ` (caller computer ${caller})` }
    : { ja: '', en: '' };
  say(
    c.out,
    `${c.host} で ${t} のアカウントがロックアウトされました${by.ja}`,
    `The account ${t} was locked out on ${c.host}${by.en}`,
  );
};

const kerberosPreauthFailed: Mapper = (c) => {
  auth(c, 'kerberos-preauth-failed', 'start', 'failure');
  const u = val(c.d, 'TargetUserName');
  setUser(c.out, u, undefined, val(c.d, 'TargetSid'));
  const ip = source(c);
  const reason = failureReason(c, KERBEROS_STATUS, 'Status');
  const from = ip ? { ja: `${ip} から `, en: ` from ${ip}` } : { ja: '', en: '' };
  if (u) {
    say(
      c.out,
      `${u} が ${from.ja}${c.host} への Kerberos 事前認証に失敗しました(${reason.ja})`,
      `${u} failed Kerberos pre-authentication on ${c.host}${from.en} (${reason.en})`,
    );
  } else {
    say(
      c.out,
      `${c.host} で Kerberos 事前認証が失敗しました(${reason.ja})`,
      `Kerberos pre-authentication failed on ${c.host}${from.en} (${reason.en})`,
    );
  }
};

const credentialValidated: Mapper = (c) => {
  const status = (val(c.d, 'Status') ?? '0x0').toLowerCase();
  const ok = status === '0x0' && c.ev.audit !== 'failure';
  auth(c, 'credential-validated', 'start', ok ? 'success' : 'failure');
  const u = val(c.d, 'TargetUserName');
  setUser(c.out, u);
  const ws = val(c.d, 'Workstation');
  if (ws) c.out['source.domain'] = ws;
  const from = ws ? { ja: `${ws} から `, en: ` from workstation ${ws}` } : { ja: '', en: '' };
  const who = u ?? '(unknown)';
  if (ok) {
    say(
      c.out,
      `${who} が ${from.ja}${c.host} で NTLM 認証に成功しました`,
      `${who} passed NTLM authentication on ${c.host}${from.en}`,
    );
  } else {
    const reason = failureReason(c, NTSTATUS, 'Status');
    say(
      c.out,
      `${who} が ${from.ja}${c.host} への NTLM 認証に失敗しました(${reason.ja})`,
      `${who} failed NTLM authentication on ${c.host}${from.en} (${reason.en})`,
    );
  }
};

function rdpSession(reconnect: boolean): Mapper {
  return (c) => {
    c.out['event.category'] = ['authentication', 'session'];
    c.out['event.type'] = [reconnect ? 'start' : 'end'];
    c.out['event.action'] = reconnect ? 'session-reconnected' : 'session-disconnected';
    c.out['event.outcome'] = 'success';
    const u = val(c.d, 'AccountName') ?? '(unknown)';
    setUser(c.out, val(c.d, 'AccountName'), val(c.d, 'AccountDomain'));
    const logonId = val(c.d, 'LogonID');
    if (logonId) c.out['winlog.logon.id'] = logonId;
    const ip = source(c, 'ClientAddress', '', 'ClientName');
    const client = val(c.d, 'ClientName');
    const session = val(c.d, 'SessionName') ?? '';
    if (isPersonAccount(val(c.d, 'AccountName')))
      c.out['kansa.session.transition'] = reconnect ? 'reconnect' : 'disconnect';
    const from = [client, ip].filter(Boolean);
    const fromJa = from.length ? `(クライアント ${from.join('、')})` : '';
    const fromEn = from.length ? ` (client ${from.join(', ')})` : '';
    if (reconnect) {
      say(
        c.out,
        `${u} が ${c.host} のセッション ${session} に再接続しました${fromJa}`,
        `${u} reconnected to session ${session} on ${c.host}${fromEn}`,
      );
    } else {
      say(
        c.out,
        `${u} が ${c.host} のセッション ${session} から切断しました${fromJa}`,
        `${u} disconnected from session ${session} on ${c.host}${fromEn}`,
      );
    }
  };
}

function workstation(action: string, transition: 'lock' | 'unlock', ja: string, en: string): Mapper {
  return (c) => {
    c.out['event.category'] = ['session'];
    c.out['event.type'] = [transition === 'lock' ? 'end' : 'start'];
    c.out['event.action'] = action;
    c.out['event.outcome'] = 'success';
    const u = target(c) ?? '(unknown)';
    const logonId = val(c.d, 'TargetLogonId');
    if (logonId) c.out['winlog.logon.id'] = logonId;
    transitionFor(c, val(c.d, 'TargetUserName'), transition);
    say(c.out, `${u} が ${c.host} ${ja}`, `${en.replace('{u}', u).replace('{host}', c.host)}`);
  };
}

export const LOGON_MAPPERS: Array<[number, Mapper]> = [
  [4624, logonSuccess],
  [4625, logonFailed],
  [4634, loggedOff],
  [4647, loggedOff],
  [4648, explicitLogon],
  [4672, specialLogon],
  [4740, lockedOut],
  [4771, kerberosPreauthFailed],
  [4776, credentialValidated],
  [4778, rdpSession(true)],
  [4779, rdpSession(false)],
  [4800, workstation('workstation-locked', 'lock', 'をロックしました', '{u} locked {host}')],
  [4801, workstation('workstation-unlocked', 'unlock', 'のロックを解除しました', '{u} unlocked {host}')],
  [
    4802,
    workstation(
      'screensaver-invoked',
      'lock',
      'を一定時間操作せず、スクリーンセーバーが起動しました',
      'The screensaver started for {u} on {host}',
    ),
  ],
  [
    4803,
    workstation(
      'screensaver-dismissed',
      'unlock',
      'でスクリーンセーバーを解除しました',
      '{u} dismissed the screensaver on {host}',
    ),
  ],
];
