import type { MapCtx, Mapper } from './map';
import { val } from './model';
import { oneLine, say, setUser, splitAccount } from './text';

/** The account in System/Security (4103/4104 carry no other), resolved by NXLog and Winlogbeat only. */
function systemUser(c: MapCtx): string | undefined {
  const u = c.ev.user;
  if (!u) return undefined;
  setUser(c.out, u.name, u.domain, u.sid);
  return u.name;
}

function logCleared(c: MapCtx): void {
  c.out['event.category'] = ['iam'];
  c.out['event.type'] = ['admin', 'change'];
  c.out['event.outcome'] = 'success';
  const name = val(c.d, 'SubjectUserName');
  setUser(c.out, name, val(c.d, 'SubjectDomainName'), val(c.d, 'SubjectUserSid'));
  const logonId = val(c.d, 'SubjectLogonId');
  if (logonId) c.out['winlog.logon.id'] = logonId;
}

const securityLogCleared: Mapper = (c) => {
  logCleared(c);
  c.out['event.action'] = 'audit-log-cleared';
  const u = c.out['user.name'];
  if (u) say(c.out, `${u} が ${c.host} のセキュリティログを消去しました`, `${u} cleared the Security log on ${c.host}`);
  else say(c.out, `${c.host} のセキュリティログが消去されました`, `The Security log on ${c.host} was cleared`);
};

const eventLogCleared: Mapper = (c) => {
  logCleared(c);
  c.out['event.action'] = 'log-cleared';
  const log = val(c.d, 'Channel') ?? c.ev.channel;
  const u = c.out['user.name'];
  if (u) say(c.out, `${u} が ${c.host} の ${log} ログを消去しました`, `${u} cleared the ${log} log on ${c.host}`);
  else say(c.out, `${c.host} の ${log} ログが消去されました`, `The ${log} log on ${c.host} was cleared`);
};

function power(
  action: string,
  type: 'start' | 'end' | 'info',
  transition: 'power-on' | 'power-off' | undefined,
  ja: string,
  en: string,
): Mapper {
  return (c) => {
    c.out['event.category'] = ['host'];
    c.out['event.type'] = [type];
    c.out['event.action'] = action;
    c.out['event.outcome'] = 'success';
    if (transition) c.out['kansa.session.transition'] = transition;
    say(c.out, ja.replace('{host}', c.host), en.replace('{host}', c.host));
  };
}

/** Strips the LRM/RLM marks Windows puts around localized dates (6008 on en-US systems). */
function plain(s: string | undefined): string | undefined {
  return s?.replace(/[\u200e\u200f]/g, '').trim() || undefined;
}

const unexpectedShutdown: Mapper = (c) => {
  c.out['event.category'] = ['host'];
  c.out['event.type'] = ['info'];
  c.out['event.action'] = 'unexpected-shutdown';
  c.out['event.outcome'] = 'failure';
  // The shutdown happened at the time in the data, not at this event's time (logged on the next boot),
  // so no attendance transition is stamped here.
  const time = plain(c.d.param1);
  const date = plain(c.d.param2);
  const when = [date, time].filter(Boolean).join(' ');
  say(
    c.out,
    `${c.host} の前回のシャットダウン${when ? `(${when})` : ''}は予期しないものでした`,
    `The previous shutdown of ${c.host}${when ? ` at ${when}` : ''} was unexpected`,
  );
};

const RESTART = /^(restart|再起動)/i;

const shutdownInitiated: Mapper = (c) => {
  c.out['event.category'] = ['host'];
  c.out['event.type'] = ['end'];
  c.out['event.action'] = 'shutdown-initiated';
  c.out['event.outcome'] = 'success';
  c.out['kansa.session.transition'] = 'power-off';
  const account = splitAccount(val(c.d, 'param7'));
  setUser(c.out, account.name, account.domain);
  const proc = val(c.d, 'param1');
  if (proc) {
    const exe = proc.replace(/\s*\([^)]*\)\s*$/, '');
    c.out['process.executable'] = exe;
    c.out['process.name'] = exe.slice(Math.max(exe.lastIndexOf('\\'), exe.lastIndexOf('/')) + 1);
  }
  const reason = val(c.d, 'param3');
  if (reason) c.out['event.reason'] = reason;
  const comment = val(c.d, 'param6');
  const restart = RESTART.test(val(c.d, 'param5') ?? '');
  const detailsJa = [
    reason ? `理由: ${reason}` : '',
    comment ? `コメント: ${oneLine(comment, 100)}` : '',
    c.out['process.name'] ? `プロセス ${c.out['process.name']}` : '',
  ].filter(Boolean);
  const detailsEn = [
    reason ? `reason: ${reason}` : '',
    comment ? `comment: ${oneLine(comment, 100)}` : '',
    c.out['process.name'] ? `process ${c.out['process.name']}` : '',
  ].filter(Boolean);
  const dj = detailsJa.length ? `(${detailsJa.join('、')})` : '';
  const de = detailsEn.length ? ` (${detailsEn.join(', ')})` : '';
  const u = account.name;
  const verbJa = restart ? '再起動しました' : 'シャットダウンしました';
  const verbEn = restart ? 'restarted' : 'shut down';
  if (u) say(c.out, `${u} が ${c.host} を${verbJa}${dj}`, `${u} ${verbEn} ${c.host}${de}`);
  else
    say(
      c.out,
      `${c.host} が${verbJa.replace('しました', 'されました')}${dj}`,
      `${c.host} was ${verbEn === 'shut down' ? 'shut down' : 'restarted'}${de}`,
    );
};

/** `Key = Value` (4103 ContextInfo) or `Key=Value` (400/800 details) lines into a map. */
function keyValues(text: string | undefined, sep: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!text) return out;
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(sep);
    if (i <= 0) continue;
    const key = line.slice(0, i).trim();
    if (key && !out.has(key)) out.set(key, line.slice(i + sep.length).trim());
  }
  return out;
}

function first(map: Map<string, string>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = map.get(k);
    if (v) return v;
  }
  return undefined;
}

function powershellCommon(c: MapCtx, type: 'start' | 'end' | 'info'): void {
  c.out['event.category'] = ['process'];
  c.out['event.type'] = [type];
  c.out['event.outcome'] = 'success';
}

const scriptBlock: Mapper = (c) => {
  powershellCommon(c, 'info');
  c.out['event.action'] = 'executed-script-block';
  const u = systemUser(c);
  const text = c.d.ScriptBlockText ?? '';
  if (text) c.out['powershell.file.script_block_text'] = text;
  const id = val(c.d, 'ScriptBlockId');
  if (id) c.out['powershell.file.script_block_id'] = id;
  const n = Number(val(c.d, 'MessageNumber'));
  const total = Number(val(c.d, 'MessageTotal'));
  if (Number.isInteger(n) && n > 0) c.out['powershell.sequence'] = n;
  if (Number.isInteger(total) && total > 0) c.out['powershell.total'] = total;
  const path = val(c.d, 'Path');
  if (path) c.out['file.path'] = path;
  const partsJa: string[] = [];
  const partsEn: string[] = [];
  if (total > 1) {
    partsJa.push(`${total} 分割中の ${n} 番目`);
    partsEn.push(`part ${n} of ${total}`);
  }
  if (path) {
    partsJa.push(`スクリプト ${path}`);
    partsEn.push(`script ${path}`);
  }
  if (c.ev.level === 3) {
    partsJa.push('疑わしい内容として警告レベルで記録');
    partsEn.push('logged as suspicious');
  }
  const preview = oneLine(text, 120);
  partsJa.push(`内容: ${preview}`);
  partsEn.push(`text: ${preview}`);
  const ja = `(${partsJa.join('、')})`;
  const en = ` (${partsEn.join(', ')})`;
  if (u)
    say(
      c.out,
      `${u} が ${c.host} で PowerShell スクリプトブロックを実行しました${ja}`,
      `${u} ran a PowerShell script block on ${c.host}${en}`,
    );
  else
    say(
      c.out,
      `${c.host} で PowerShell スクリプトブロックが実行されました${ja}`,
      `A PowerShell script block ran on ${c.host}${en}`,
    );
};

const moduleCommand: Mapper = (c) => {
  powershellCommon(c, 'info');
  c.out['event.action'] = 'executed-command';
  const ctx = keyValues(c.d.ContextInfo, ' = ');
  const cmd = first(ctx, 'Command Name', 'コマンド名');
  const host = first(ctx, 'Host Application', 'ホスト アプリケーション', 'ホストアプリケーション');
  const script = first(ctx, 'Script Name', 'スクリプト名');
  const account = splitAccount(first(ctx, 'User', 'ユーザー'));
  let u = systemUser(c);
  if (!u && account.name) {
    setUser(c.out, account.name, account.domain);
    u = account.name;
  }
  if (cmd) c.out['powershell.command.name'] = cmd;
  if (host) c.out['process.command_line'] = host;
  if (script) c.out['file.path'] = script;
  const what = cmd ?? '(unknown command)';
  const partsJa = [host ? `ホスト ${oneLine(host, 120)}` : '', script ? `スクリプト ${script}` : ''].filter(Boolean);
  const partsEn = [host ? `host ${oneLine(host, 120)}` : '', script ? `script ${script}` : ''].filter(Boolean);
  const ja = partsJa.length ? `(${partsJa.join('、')})` : '';
  const en = partsEn.length ? ` (${partsEn.join(', ')})` : '';
  if (u)
    say(
      c.out,
      `${u} が ${c.host} で PowerShell コマンド ${what} を実行しました${ja}`,
      `${u} ran the PowerShell command ${what} on ${c.host}${en}`,
    );
  else
    say(
      c.out,
      `${c.host} で PowerShell コマンド ${what} が実行されました${ja}`,
      `The PowerShell command ${what} ran on ${c.host}${en}`,
    );
};

/** The `Key=Value` details of classic 400/403/800 events: whichever Data holds them, or the message. */
function classicDetails(c: MapCtx): Map<string, string> {
  for (const v of Object.values(c.d)) {
    if (v.includes('HostApplication=') || v.includes('HostName=')) return keyValues(v, '=');
  }
  return keyValues(c.ev.message, '=');
}

function engine(started: boolean): Mapper {
  return (c) => {
    powershellCommon(c, started ? 'start' : 'end');
    c.out['event.action'] = started ? 'powershell-engine-started' : 'powershell-engine-stopped';
    const details = classicDetails(c);
    const app = details.get('HostApplication');
    if (app) c.out['process.command_line'] = app;
    const account = splitAccount(details.get('UserId'));
    setUser(c.out, account.name, account.domain);
    const ja = app ? `(ホストアプリケーション: ${oneLine(app, 160)})` : '';
    const en = app ? ` (host application: ${oneLine(app, 160)})` : '';
    const verbJa = started ? '起動しました' : '停止しました';
    const verbEn = started ? 'started' : 'stopped';
    if (account.name)
      say(
        c.out,
        `${account.name} が ${c.host} で PowerShell エンジンを${verbJa}${ja}`,
        `${account.name} ${verbEn} the PowerShell engine on ${c.host}${en}`,
      );
    else
      say(
        c.out,
        `${c.host} で PowerShell エンジンが${verbJa}${ja}`,
        `The PowerShell engine ${verbEn} on ${c.host}${en}`,
      );
  };
}

const pipeline: Mapper = (c) => {
  powershellCommon(c, 'info');
  c.out['event.action'] = 'executed-pipeline';
  const details = classicDetails(c);
  const app = details.get('HostApplication');
  if (app) c.out['process.command_line'] = app;
  const account = splitAccount(details.get('UserId'));
  setUser(c.out, account.name, account.domain);
  const seq = Number(details.get('DetailSequence'));
  const total = Number(details.get('DetailTotal'));
  if (Number.isInteger(seq) && seq > 0) c.out['powershell.sequence'] = seq;
  if (Number.isInteger(total) && total > 0) c.out['powershell.total'] = total;
  const command = details.get('CommandLine') || val(c.d, 'param1');
  const partsJa = [
    command ? `コマンド: ${oneLine(command, 160)}` : '',
    app ? `ホスト ${oneLine(app, 100)}` : '',
  ].filter(Boolean);
  const partsEn = [command ? `command: ${oneLine(command, 160)}` : '', app ? `host ${oneLine(app, 100)}` : ''].filter(
    Boolean,
  );
  const ja = partsJa.length ? `(${partsJa.join('、')})` : '';
  const en = partsEn.length ? ` (${partsEn.join(', ')})` : '';
  if (account.name)
    say(
      c.out,
      `${account.name} が ${c.host} で PowerShell パイプラインを実行しました${ja}`,
      `${account.name} ran a PowerShell pipeline on ${c.host}${en}`,
    );
  else
    say(
      c.out,
      `${c.host} で PowerShell パイプラインが実行されました${ja}`,
      `A PowerShell pipeline ran on ${c.host}${en}`,
    );
};

/** PrintService 307 UserData DocumentPrinted: Param1 job, 2 document, 3 user, 4 client, 5 printer, 6 port, 7 bytes, 8 pages. */
const documentPrinted: Mapper = (c) => {
  c.out['event.category'] = ['host'];
  c.out['event.type'] = ['info'];
  c.out['event.action'] = 'printed-document';
  c.out['event.outcome'] = 'success';
  const doc = val(c.d, 'Param2') ?? '(unknown document)';
  const account = splitAccount(val(c.d, 'Param3'));
  setUser(c.out, account.name, account.domain);
  const client = val(c.d, 'Param4')?.replace(/^\\\\/, '');
  if (client) c.out['source.domain'] = client;
  const printer = val(c.d, 'Param5') ?? '(unknown printer)';
  const port = val(c.d, 'Param6');
  const bytes = Number(val(c.d, 'Param7'));
  const pages = Number(val(c.d, 'Param8'));
  if (doc !== '(unknown document)') c.out['kansa.print.document'] = doc;
  if (printer !== '(unknown printer)') c.out['kansa.print.printer'] = printer;
  if (port) c.out['kansa.print.port'] = port;
  if (Number.isFinite(bytes) && val(c.d, 'Param7')) c.out['kansa.print.bytes'] = bytes;
  if (Number.isFinite(pages) && val(c.d, 'Param8')) c.out['kansa.print.pages'] = pages;
  const from = client ? { ja: `${client} から `, en: ` from ${client}` } : { ja: '', en: '' };
  const sizeJa = [
    c.out['kansa.print.pages'] !== undefined ? `${pages} ページ` : '',
    c.out['kansa.print.bytes'] !== undefined ? `${bytes} バイト` : '',
    `印刷サーバー ${c.host}`,
  ].filter(Boolean);
  const sizeEn = [
    c.out['kansa.print.pages'] !== undefined ? `${pages} page${pages === 1 ? '' : 's'}` : '',
    c.out['kansa.print.bytes'] !== undefined ? `${bytes} bytes` : '',
    `print server ${c.host}`,
  ].filter(Boolean);
  const who = account.name ?? '(unknown)';
  say(
    c.out,
    `${who} が ${from.ja}${printer} で「${doc}」を印刷しました(${sizeJa.join('、')})`,
    `${who} printed "${doc}" on ${printer}${from.en} (${sizeEn.join(', ')})`,
  );
};

export const SYSTEM_MAPPERS: Map<string, Mapper> = new Map([
  ['microsoft-windows-eventlog:1102', securityLogCleared],
  ['microsoft-windows-eventlog:104', eventLogCleared],
  [
    'eventlog:6005',
    power(
      'event-log-started',
      'start',
      'power-on',
      '{host} でイベントログサービスが開始されました(システム起動)',
      'The event log service started on {host} (system startup)',
    ),
  ],
  [
    'eventlog:6006',
    power(
      'event-log-stopped',
      'end',
      'power-off',
      '{host} でイベントログサービスが停止されました(システム シャットダウン)',
      'The event log service stopped on {host} (system shutdown)',
    ),
  ],
  ['eventlog:6008', unexpectedShutdown],
  ['user32:1074', shutdownInitiated],
  [
    'microsoft-windows-kernel-general:12',
    power('system-started', 'start', 'power-on', '{host} が起動しました', '{host} started'),
  ],
  [
    'microsoft-windows-kernel-general:13',
    power('system-shutdown', 'end', 'power-off', '{host} がシャットダウンしました', '{host} shut down'),
  ],
  [
    'microsoft-windows-kernel-power:42',
    power('system-sleep', 'end', 'power-off', '{host} がスリープ状態に入りました', '{host} went to sleep'),
  ],
  [
    'microsoft-windows-kernel-power:107',
    power('system-resumed', 'start', 'power-on', '{host} がスリープから復帰しました', '{host} resumed from sleep'),
  ],
  ['microsoft-windows-powershell:4104', scriptBlock],
  ['microsoft-windows-powershell:4103', moduleCommand],
  ['powershell:400', engine(true)],
  ['powershell:403', engine(false)],
  ['powershell:800', pipeline],
  ['microsoft-windows-printservice:307', documentPrinted],
]);
