import type { KansaEvent } from '@kansa/schema';
import type { MapCtx, Mapper } from '../map';
import { val } from '../model';
import { baseName, listWords, pidOf, say } from '../text';
import { cmd, connection, file, proc, registry, resolved, sha256, user } from './fields';

/**
 * Sysmon (Microsoft-Windows-Sysmon/Operational), every event ID of the current schema (1–29, 255),
 * from whichever Windows rendering carried it: EventData names are the ones Sysmon prints.
 * One rule per ID: its action, ECS category and type, and what it sets and says, beside a sample.
 */

type Data = Record<string, string>;

/** Who did it, as the sentence begins: `tanaka の excel.exe が WS01 で` / `tanaka's excel.exe … on WS01`. */
interface Who {
  ja: string;
  en: string;
  on: string;
}

interface Rule {
  action: string | ((d: Data) => string);
  category: string[];
  type: string[] | ((d: Data) => string[]);
  outcome?: 'failure';
  /** Sets the event's fields and returns its sentence. */
  run: (out: KansaEvent, d: Data, w: Who, host: string) => [ja: string, en: string];
}

function who(u: string | undefined, p: string, host: string): Who {
  return u
    ? { ja: `${u} の ${p} が ${host} で`, en: `${u}'s ${p}`, on: ` on ${host}` }
    : { ja: `${host} で ${p} が`, en: p, on: ` on ${host}` };
}

function signed(d: Data): { ja: string; en: string } {
  const sig = val(d, 'Signature');
  const status = val(d, 'SignatureStatus');
  if ((val(d, 'Signed') ?? '').toLowerCase() === 'false') return { ja: '署名なし', en: 'unsigned' };
  return sig
    ? {
        ja: `署名: ${sig}${status && status !== 'Valid' ? `、${status}` : ''}`,
        en: `signed by ${sig}${status && status !== 'Valid' ? `, ${status}` : ''}`,
      }
    : { ja: '署名不明', en: 'signature unknown' };
}

function hashed(out: KansaEvent, d: Data, field: 'process.hash.sha256' | 'file.hash.sha256', key = 'Hashes'): void {
  const h = sha256(d, key);
  if (h) out[field] = h;
}

/** Sysmon 12's EventType: CreateKey / DeleteKey (and the value forms). */
const REG_CHANGE: Record<string, { action: string; type: string; ja: string; en: string }> = {
  createkey: { action: 'created-registry-key', type: 'creation', ja: 'を作成しました', en: 'created' },
  deletekey: { action: 'deleted-registry-key', type: 'deletion', ja: 'を削除しました', en: 'deleted' },
  createvalue: { action: 'created-registry-value', type: 'creation', ja: 'を作成しました', en: 'created' },
  deletevalue: { action: 'deleted-registry-value', type: 'deletion', ja: 'を削除しました', en: 'deleted' },
};
const regChange = (d: Data) => REG_CHANGE[(val(d, 'EventType') ?? '').toLowerCase()];

/** WMI Operation: Created / Deleted. */
function wmiOp(d: Data): { ja: string; en: string; type: string } {
  const op = (val(d, 'Operation') ?? '').toLowerCase();
  return op === 'deleted'
    ? { ja: '削除', en: 'deleted', type: 'deletion' }
    : { ja: '登録', en: 'registered', type: 'creation' };
}

/** Windows DNS API status codes in QueryStatus. */
const DNS_STATUS: Record<string, string> = {
  '0': 'NOERROR',
  '9003': 'NXDOMAIN',
  '9002': 'SERVFAIL',
  '9501': 'NODATA',
  '1460': 'TIMEOUT',
};

const RULES: Record<number, Rule> = {
  // 1 <Data Name='Image'>C:\…\powershell.exe</Data><Data Name='CommandLine'>powershell -enc …</Data><Data Name='ParentImage'>C:\…\EXCEL.EXE</Data>
  1: {
    action: 'started-process',
    category: ['process'],
    type: ['start'],
    run: (out, d, _w, host) => {
      const child = proc(out, d);
      const cl = val(d, 'CommandLine');
      if (cl) out['process.command_line'] = cl;
      hashed(out, d, 'process.hash.sha256');
      const parent = val(d, 'ParentImage');
      if (parent) {
        out['process.parent.executable'] = parent;
        out['process.parent.name'] = baseName(parent);
      }
      const ppid = pidOf(val(d, 'ParentProcessId'));
      if (ppid !== undefined) out['process.parent.pid'] = ppid;
      const pcl = val(d, 'ParentCommandLine');
      if (pcl) out['process.parent.command_line'] = pcl;
      const w = who(user(out, d), parent ? baseName(parent) : '(unknown parent)', host);
      const tail = cl ? { ja: ` (コマンドライン: ${cmd(cl)})`, en: ` (command line: ${cmd(cl)})` } : { ja: '', en: '' };
      return [`${w.ja} ${child} を起動しました${tail.ja}`, `${w.en} started ${child}${w.on}${tail.en}`];
    },
  },
  // 2 <Data Name='TargetFilename'>C:\Users\tanaka\AppData\Local\Temp\a.dll</Data><Data Name='CreationUtcTime'>2019-03-01 …</Data>
  2: {
    action: 'changed-file-creation-time',
    category: ['file'],
    type: ['change'],
    run: (out, d, w) => {
      const f = file(out, val(d, 'TargetFilename'));
      const to = val(d, 'CreationUtcTime') ?? '?';
      const from = val(d, 'PreviousCreationUtcTime') ?? '?';
      return [
        `${w.ja} ${f} の作成日時を ${from} から ${to} に変更しました`,
        `${w.en} changed the creation time of ${f} from ${from} to ${to}${w.on}`,
      ];
    },
  },
  // 3 <Data Name='Protocol'>tcp</Data><Data Name='Initiated'>true</Data><Data Name='DestinationIp'>203.0.113.50</Data><Data Name='DestinationPort'>443</Data>
  3: {
    action: (d) =>
      (val(d, 'Initiated') ?? 'true').toLowerCase() === 'true'
        ? 'network-connection-made'
        : 'network-connection-accepted',
    category: ['network'],
    type: ['connection', 'start'],
    run: (out, d, w) => {
      const c = connection(out, d);
      const t = val(d, 'Protocol') ? ` (${val(d, 'Protocol')})` : '';
      return c.outbound
        ? [`${w.ja} ${c.to} へ接続しました${t}`, `${w.en} connected to ${c.to}${w.on}${t}`]
        : [`${w.ja} ${c.from} からの接続を受けました${t}`, `${w.en} accepted a connection from ${c.from}${w.on}${t}`];
    },
  },
  // 4 <Data Name='State'>Started</Data><Data Name='Version'>15.15</Data><Data Name='SchemaVersion'>4.90</Data>
  4: {
    action: 'changed-sysmon-service-state',
    category: ['process'],
    type: ['change'],
    run: (_out, d, _w, host) => {
      const state = val(d, 'State') ?? '?';
      const v = val(d, 'Version');
      return [
        `${host} で Sysmon サービスの状態が ${state} になりました${v ? ` (バージョン ${v})` : ''}`,
        `The Sysmon service on ${host} is now ${state}${v ? ` (version ${v})` : ''}`,
      ];
    },
  },
  // 5 <Data Name='Image'>C:\Windows\System32\notepad.exe</Data><Data Name='ProcessId'>4242</Data>
  5: {
    action: 'ended-process',
    category: ['process'],
    type: ['end'],
    run: (_o, _d, w) => [`${w.ja}終了しました`, `${w.en} ended${w.on}`],
  },
  // 6 <Data Name='ImageLoaded'>C:\Windows\System32\drivers\evil.sys</Data><Data Name='Signed'>false</Data>
  6: {
    action: 'loaded-driver',
    category: ['driver'],
    type: ['start'],
    run: (out, d, _w, host) => {
      const f = file(out, val(d, 'ImageLoaded'));
      hashed(out, d, 'file.hash.sha256');
      const s = signed(d);
      return [
        `${host} でドライバー ${f} が読み込まれました (${s.ja})`,
        `The driver ${f} was loaded on ${host} (${s.en})`,
      ];
    },
  },
  // 7 <Data Name='Image'>C:\…\rundll32.exe</Data><Data Name='ImageLoaded'>C:\Users\Public\x.dll</Data><Data Name='Signed'>false</Data>
  7: {
    action: 'loaded-image',
    category: ['library', 'process'],
    type: ['start'],
    run: (out, d, w) => {
      const f = file(out, val(d, 'ImageLoaded'));
      hashed(out, d, 'file.hash.sha256');
      const s = signed(d);
      return [`${w.ja} ${f} を読み込みました (${s.ja})`, `${w.en} loaded ${f}${w.on} (${s.en})`];
    },
  },
  // 8 <Data Name='SourceImage'>C:\Users\Public\inj.exe</Data><Data Name='TargetImage'>C:\Windows\explorer.exe</Data><Data Name='StartFunction'>LoadLibraryW</Data>
  8: {
    action: 'created-remote-thread',
    category: ['process'],
    type: ['change'],
    run: (_out, d, w) => {
      const target = baseName(val(d, 'TargetImage') ?? '(unknown process)');
      const fn = val(d, 'StartFunction');
      return [
        `${w.ja} ${target} にリモートスレッドを作成しました${fn ? ` (開始関数: ${fn})` : ''}`,
        `${w.en} created a remote thread in ${target}${w.on}${fn ? ` (start function ${fn})` : ''}`,
      ];
    },
  },
  // 9 <Data Name='Image'>C:\Users\Public\dump.exe</Data><Data Name='Device'>\Device\HarddiskVolume2</Data>
  9: {
    action: 'read-raw-disk',
    category: ['file', 'driver'],
    type: ['access'],
    run: (_out, d, w) => {
      const dev = val(d, 'Device') ?? '(unknown device)';
      return [`${w.ja} ${dev} を直接読み取りました`, `${w.en} read ${dev} directly${w.on}`];
    },
  },
  // 10 <Data Name='SourceImage'>C:\Users\Public\m.exe</Data><Data Name='TargetImage'>C:\Windows\system32\lsass.exe</Data><Data Name='GrantedAccess'>0x1010</Data>
  10: {
    action: 'accessed-process',
    category: ['process'],
    type: ['access'],
    run: (_out, d, w) => {
      const target = baseName(val(d, 'TargetImage') ?? '(unknown process)');
      const g = val(d, 'GrantedAccess');
      return [
        `${w.ja} ${target} のプロセスにアクセスしました${g ? ` (アクセス権 ${g})` : ''}`,
        `${w.en} opened the process ${target}${w.on}${g ? ` (access ${g})` : ''}`,
      ];
    },
  },
  // 11 <Data Name='Image'>C:\…\OUTLOOK.EXE</Data><Data Name='TargetFilename'>C:\Users\tanaka\Downloads\請求書.xlsm</Data>
  11: {
    action: 'created-file',
    category: ['file'],
    type: ['creation'],
    run: (out, d, w) => fileSentence(out, d, w, 'を作成しました', 'created'),
  },
  // 12 <Data Name='EventType'>CreateKey</Data><Data Name='TargetObject'>HKLM\System\CurrentControlSet\Services\evil</Data>
  12: {
    action: (d) => regChange(d)?.action ?? 'changed-registry-key',
    category: ['registry', 'configuration'],
    type: (d) => [regChange(d)?.type ?? 'change'],
    run: (out, d, w) => {
      const k = registry(out, d);
      const c = regChange(d) ?? { ja: 'を変更しました', en: 'changed' };
      return [`${w.ja} レジストリ ${k} ${c.ja}`, `${w.en} ${c.en} the registry key ${k}${w.on}`];
    },
  },
  // 13 <Data Name='EventType'>SetValue</Data><Data Name='TargetObject'>HKU\…\Run\updater</Data><Data Name='Details'>C:\Users\Public\u.exe</Data>
  13: {
    action: 'modified-registry-value',
    category: ['registry', 'configuration'],
    type: ['change'],
    run: (out, d, w) => {
      const k = registry(out, d);
      out['registry.value'] = baseName(k);
      const details = val(d, 'Details');
      if (details) out['registry.data.strings'] = [details];
      const set = details
        ? { ja: ` に ${cmd(details)} を設定しました`, en: ` to ${cmd(details)}` }
        : { ja: ' を設定しました', en: '' };
      return [`${w.ja} レジストリ値 ${k}${set.ja}`, `${w.en} set the registry value ${k}${set.en}${w.on}`];
    },
  },
  // 14 <Data Name='EventType'>RenameKey</Data><Data Name='TargetObject'>HKLM\…\Old</Data><Data Name='NewName'>HKLM\…\New</Data>
  14: {
    action: 'renamed-registry-key',
    category: ['registry', 'configuration'],
    type: ['change'],
    run: (out, d, w) => {
      const k = registry(out, d);
      const n = val(d, 'NewName') ?? '?';
      return [
        `${w.ja} レジストリ ${k} の名前を ${n} に変更しました`,
        `${w.en} renamed the registry key ${k} to ${n}${w.on}`,
      ];
    },
  },
  // 15 <Data Name='TargetFilename'>C:\Users\tanaka\Downloads\setup.exe:Zone.Identifier</Data><Data Name='Hash'>SHA256=…</Data>
  15: {
    action: 'created-file-stream',
    category: ['file'],
    type: ['creation'],
    run: (out, d, w) => {
      hashed(out, d, 'file.hash.sha256', 'Hash');
      return fileSentence(out, d, w, 'に代替データストリームを作成しました', 'created the alternate data stream', true);
    },
  },
  // 16 <Data Name='Configuration'>C:\Windows\sysmon.xml</Data><Data Name='ConfigurationFileHash'>SHA256=…</Data>
  16: {
    action: 'changed-sysmon-configuration',
    category: ['configuration'],
    type: ['change'],
    run: (_out, d, _w, host) => {
      const c = val(d, 'Configuration');
      return [
        `${host} で Sysmon の設定が変更されました${c ? ` (${c})` : ''}`,
        `The Sysmon configuration on ${host} was changed${c ? ` (${c})` : ''}`,
      ];
    },
  },
  // 17 <Data Name='EventType'>CreatePipe</Data><Data Name='PipeName'>\msagent_12</Data><Data Name='Image'>C:\…\rundll32.exe</Data>
  17: {
    action: 'created-named-pipe',
    category: ['file'],
    type: ['creation'],
    run: (out, d, w) => pipe(out, d, w, 'を作成しました', 'created'),
  },
  // 18 <Data Name='EventType'>ConnectPipe</Data><Data Name='PipeName'>\lsarpc</Data>
  18: {
    action: 'connected-named-pipe',
    category: ['file'],
    type: ['access'],
    run: (out, d, w) => pipe(out, d, w, 'に接続しました', 'connected to'),
  },
  // 19 <Data Name='Operation'>Created</Data><Data Name='Name'>BotFilter</Data><Data Name='Query'>SELECT * FROM __InstanceModificationEvent …</Data>
  19: wmi('filter', 'WMI イベントフィルター', 'WMI event filter', (d) => val(d, 'Query')),
  // 20 <Data Name='Name'>BotConsumer</Data><Data Name='Type'>Command Line</Data><Data Name='Destination'>powershell -nop …</Data>
  20: wmi('consumer', 'WMI イベントコンシューマー', 'WMI event consumer', (d) => val(d, 'Destination')),
  // 21 <Data Name='Consumer'>CommandLineEventConsumer.Name="BotConsumer"</Data><Data Name='Filter'>__EventFilter.Name="BotFilter"</Data>
  21: wmi('binding', 'WMI コンシューマーとフィルターの関連付け', 'WMI consumer-to-filter binding', (d) =>
    [val(d, 'Consumer'), val(d, 'Filter')].filter(Boolean).join(' → '),
  ),
  // 22 <Data Name='QueryName'>evil.example.net</Data><Data Name='QueryStatus'>0</Data><Data Name='QueryResults'>::ffff:203.0.113.50;</Data>
  22: {
    action: 'dns-query',
    category: ['network'],
    type: ['protocol', 'info'],
    run: (out, d, w) => {
      const q = val(d, 'QueryName') ?? '?';
      if (q !== '?') out['dns.question.name'] = q;
      const status = val(d, 'QueryStatus');
      const code = status ? DNS_STATUS[status] : undefined;
      if (code) out['dns.response_code'] = code;
      if (status && status !== '0') out['event.outcome'] = 'failure';
      const ips = resolved(d.QueryResults);
      if (ips.length) out['dns.resolved_ip'] = ips;
      const list = listWords(ips, 3);
      const ja = ips.length ? ` (結果: ${list.ja})` : status && status !== '0' ? ` (失敗: ${code ?? status})` : '';
      const en = ips.length ? ` (${list.en})` : status && status !== '0' ? ` (failed: ${code ?? status})` : '';
      return [`${w.ja} ${q} を名前解決しました${ja}`, `${w.en} looked up ${q}${w.on}${en}`];
    },
  },
  // 23 <Data Name='TargetFilename'>C:\Shares\経理\予算.xlsx</Data><Data Name='IsExecutable'>false</Data><Data Name='Archived'>true</Data>
  23: {
    action: 'deleted-file',
    category: ['file'],
    type: ['deletion'],
    run: (out, d, w) => fileSentence(out, d, w, 'を削除しました', 'deleted', true, archivedTail(d)),
  },
  // 24 <Data Name='Image'>C:\…\mstsc.exe</Data><Data Name='Session'>1</Data><Data Name='ClientInfo'>user: tanaka ip: 10.0.10.21</Data>
  24: {
    action: 'changed-clipboard',
    category: ['host'],
    type: ['change'],
    run: (_out, d, w) => {
      const ci = val(d, 'ClientInfo');
      return [
        `${w.ja} クリップボードを変更しました${ci ? ` (${ci})` : ''}`,
        `${w.en} changed the clipboard${w.on}${ci ? ` (${ci})` : ''}`,
      ];
    },
  },
  // 25 <Data Name='Image'>C:\…\svchost.exe</Data><Data Name='Type'>Image is replaced</Data>
  25: {
    action: 'tampered-process-image',
    category: ['process', 'intrusion_detection'],
    type: ['change'],
    run: (_out, d, w) => {
      const t = val(d, 'Type') ?? '?';
      return [
        `${w.ja} プロセスイメージの改ざんを検出されました (${t})`,
        `${w.en} was detected with a tampered process image${w.on} (${t})`,
      ];
    },
  },
  // 26 <Data Name='TargetFilename'>C:\Users\tanaka\AppData\Local\Temp\x.tmp</Data><Data Name='IsExecutable'>false</Data>
  26: {
    action: 'deleted-file',
    category: ['file'],
    type: ['deletion'],
    run: (out, d, w) => fileSentence(out, d, w, 'を削除しました', 'deleted', true),
  },
  // 27 <Data Name='TargetFilename'>C:\Users\Public\payload.exe</Data>
  27: {
    action: 'blocked-executable-file',
    category: ['file', 'intrusion_detection'],
    type: ['creation', 'denied'],
    outcome: 'failure',
    run: (out, d, w) =>
      fileSentence(
        out,
        d,
        w,
        'を作成しようとしてブロックされました (実行ファイル)',
        'was blocked from creating the executable',
        true,
      ),
  },
  // 28 <Data Name='TargetFilename'>C:\Shares\経理\予算.xlsx</Data>
  28: {
    action: 'blocked-file-shredding',
    category: ['file', 'intrusion_detection'],
    type: ['deletion', 'denied'],
    outcome: 'failure',
    run: (out, d, w) =>
      fileSentence(out, d, w, 'を完全消去しようとしてブロックされました', 'was blocked from shredding', true),
  },
  // 29 <Data Name='TargetFilename'>C:\Users\Public\payload.exe</Data>
  29: {
    action: 'detected-executable-file',
    category: ['file'],
    type: ['creation'],
    run: (out, d, w) => fileSentence(out, d, w, 'を作成しました (実行ファイルを検出)', 'created the executable', true),
  },
  // 255 <Data Name='ID'>DriverCommunication</Data><Data Name='Description'>Failed to open service configuration with error 1060</Data>
  255: {
    action: 'sysmon-error',
    category: ['host'],
    type: ['error'],
    outcome: 'failure',
    run: (_out, d, _w, host) => {
      const what = [val(d, 'ID'), val(d, 'Description')].filter(Boolean).join(': ');
      return [
        `${host} で Sysmon のエラーが発生しました${what ? ` (${what})` : ''}`,
        `Sysmon reported an error on ${host}${what ? ` (${what})` : ''}`,
      ];
    },
  },
};

function archivedTail(d: Data): { ja: string; en: string } {
  return (val(d, 'Archived') ?? '').toLowerCase() === 'true'
    ? { ja: ' (アーカイブ済み)', en: ' (archived)' }
    : { ja: '', en: '' };
}

function fileSentence(
  out: KansaEvent,
  d: Data,
  w: Who,
  ja: string,
  en: string,
  hashes = false,
  tail = { ja: '', en: '' },
): [string, string] {
  const f = file(out, val(d, 'TargetFilename'));
  if (hashes) hashed(out, d, 'file.hash.sha256');
  return [`${w.ja} ${f} ${ja}${tail.ja}`, `${w.en} ${en} ${f}${w.on}${tail.en}`];
}

function pipe(out: KansaEvent, d: Data, w: Who, ja: string, en: string): [string, string] {
  const name = val(d, 'PipeName') ?? '(unknown pipe)';
  if (name !== '(unknown pipe)') out['file.name'] = name;
  return [`${w.ja} 名前付きパイプ ${name} ${ja}`, `${w.en} ${en} the named pipe ${name}${w.on}`];
}

/** 19–21: WMI persistence. The actor is the account only (no process), so the sentence starts with it. */
function wmi(kind: string, ja: string, en: string, detail: (d: Data) => string | undefined): Rule {
  return {
    action: (d) => `${wmiOp(d).en === 'deleted' ? 'deleted' : 'registered'}-wmi-${kind}`,
    category: ['host', 'configuration'],
    type: (d) => [wmiOp(d).type],
    run: (out, d, _w, host) => {
      const op = wmiOp(d);
      const name = val(d, 'Name');
      const x = detail(d);
      const u = out['user.name'] as string | undefined;
      const tail = x ? ` (${x})` : '';
      const obj = `${ja}${name ? ` ${name}` : ''}`;
      const objEn = `${en}${name ? ` ${name}` : ''}`;
      return u
        ? [`${u} が ${host} で ${obj} を${op.ja}しました${tail}`, `${u} ${op.en} the ${objEn} on ${host}${tail}`]
        : [`${host} で ${obj} が${op.ja}されました${tail}`, `The ${objEn} was ${op.en} on ${host}${tail}`];
    },
  };
}

/** IDs whose actor is SourceImage/SourceUser rather than Image/User. */
const SOURCE_ACTOR = new Set([8, 10]);

const sysmon: Mapper = (c: MapCtx) => {
  const rule = RULES[c.ev.eventId];
  const d = c.d;
  c.out['event.action'] = typeof rule.action === 'string' ? rule.action : rule.action(d);
  c.out['event.category'] = rule.category;
  c.out['event.type'] = typeof rule.type === 'function' ? rule.type(d) : rule.type;
  c.out['event.outcome'] = rule.outcome ?? 'success';
  const rn = val(d, 'RuleName');
  if (rn) c.out['rule.name'] = rn;
  const source = SOURCE_ACTOR.has(c.ev.eventId);
  const u = user(c.out, d, source ? 'SourceUser' : 'User');
  const p =
    c.ev.eventId === 1
      ? ''
      : proc(c.out, d, source ? 'SourceImage' : 'Image', source ? 'SourceProcessId' : 'ProcessId');
  const [ja, en] = rule.run(c.out, d, who(u, p, c.host), c.host);
  say(c.out, ja, en);
};

/** `eventId → mapper` for the provider Microsoft-Windows-Sysmon. */
export const SYSMON_MAPPERS: Map<number, Mapper> = new Map(Object.keys(RULES).map((id) => [Number(id), sysmon]));
