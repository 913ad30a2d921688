import { MESSAGE_CODES, PROTOCOLS } from './codes';
import type { MapCtx, Mapper } from './map';
import { val } from './model';
import { baseName, endpoint, ipOf, pidOf, portOf, say, setUser, splitAccount } from './text';

/**
 * Windows Filtering Platform and Windows Firewall events other than 5156/5157 (map-object.ts): on a
 * busy server these are most of the Security log. Each rule: id, what it says, its sample.
 */

function app(c: MapCtx): string {
  const exe = val(c.d, 'Application');
  if (exe) {
    c.out['process.executable'] = exe;
    c.out['process.name'] = baseName(exe);
  }
  const pid = pidOf(val(c.d, 'ProcessId') ?? val(c.d, 'ProcessID'));
  if (pid !== undefined) c.out['process.pid'] = pid;
  return exe ? baseName(exe) : pid ? `PID ${pid}` : '(unknown application)';
}

function proto(c: MapCtx): string | undefined {
  const p = val(c.d, 'Protocol');
  if (!p) return undefined;
  const name = PROTOCOLS[p];
  if (name) c.out['network.transport'] = name;
  return name ?? `protocol ${p}`;
}

function direction(c: MapCtx): 'inbound' | 'outbound' | undefined {
  const code = /%%(\d+)/.exec(c.d.Direction ?? '')?.[1];
  const w = (c.d.Direction ?? '').trim().toLowerCase();
  const d =
    code === '14592' || w === 'inbound' || w === '受信'
      ? 'inbound'
      : code === '14593' || w === 'outbound' || w === '送信'
        ? 'outbound'
        : undefined;
  if (d) c.out['network.direction'] = d;
  return d;
}

/** 5154/5155 listen and 5158/5159 bind: one local address and port, no remote end. */
function localPort(kind: 'listen' | 'bind', allowed: boolean): Mapper {
  return (c) => {
    const a = app(c);
    const p = proto(c);
    const ip = ipOf(c.d.SourceAddress);
    const port = portOf(c.d.SourcePort);
    if (ip) c.out['source.ip'] = ip;
    if (port) c.out['source.port'] = port;
    c.out['event.category'] = ['network'];
    c.out['event.type'] = [allowed ? 'allowed' : 'denied', 'start'];
    c.out['event.action'] = `network-${kind}-${allowed ? 'allowed' : 'blocked'}`;
    c.out['event.outcome'] = allowed ? 'success' : 'failure';
    const where = ip ? endpoint(ip, port) : port !== undefined ? `port ${port}` : '?';
    const pw = p ? ` (${p})` : '';
    const ja = kind === 'listen' ? `${where}${pw} での待ち受け` : `ローカルポート ${where}${pw} へのバインド`;
    const en =
      kind === 'listen'
        ? `${allowed ? 'to listen' : 'from listening'} on ${where}${pw}`
        : `${allowed ? 'to bind' : 'from binding'} to the local port ${where}${pw}`;
    say(
      c.out,
      `${c.host} で ${a} の ${ja}が${allowed ? '許可されました' : 'ブロックされました'}`,
      `${c.host} ${allowed ? 'allowed' : 'blocked'} ${a} ${en}`,
    );
  };
}

/** 5152: a packet dropped by a filter (no connection was ever made). */
const packetDropped: Mapper = (c) => {
  const a = app(c);
  const p = proto(c);
  const dir = direction(c);
  const local = { ip: ipOf(c.d.SourceAddress), port: portOf(c.d.SourcePort) };
  const remote = { ip: ipOf(c.d.DestAddress), port: portOf(c.d.DestPort) };
  const [src, dst] = dir === 'inbound' ? [remote, local] : [local, remote];
  if (src.ip) c.out['source.ip'] = src.ip;
  if (src.port) c.out['source.port'] = src.port;
  if (dst.ip) c.out['destination.ip'] = dst.ip;
  if (dst.port) c.out['destination.port'] = dst.port;
  c.out['event.category'] = ['network'];
  c.out['event.type'] = ['connection', 'denied'];
  c.out['event.action'] = 'network-packet-blocked';
  c.out['event.outcome'] = 'failure';
  const from = src.ip ? endpoint(src.ip, src.port) : '?';
  const to = dst.ip ? endpoint(dst.ip, dst.port) : '?';
  const dw = dir ? MESSAGE_CODES[dir === 'inbound' ? '14592' : '14593'] : { ja: '', en: '' };
  // Packets dropped before any process owns them carry Application "-" and ProcessId 0.
  const known = a !== '(unknown application)';
  say(
    c.out,
    `${c.host} で ${known ? `${a} の` : ''}${dw.ja}パケット ${from} → ${to}${p ? ` (${p})` : ''} がブロックされました`,
    `${c.host} dropped ${dw.en ? `an ${dw.en} ` : 'a '}${p ? `${p} ` : ''}packet from ${from} to ${to}${known ? ` (${a})` : ''}`,
  );
};

/** 5447 ChangeType: %%16385 Add, %%16386 Delete (the WFP change types of the message table). */
const FILTER_CHANGES: Record<string, { ja: string; en: string }> = {
  '16385': { ja: '追加', en: 'added' },
  '16386': { ja: '削除', en: 'deleted' },
  add: { ja: '追加', en: 'added' },
  delete: { ja: '削除', en: 'deleted' },
};

/** 5447: a WFP filter was added or removed (firewall rules, IPsec, the Base Filtering Engine itself). */
const filterChanged: Mapper = (c) => {
  const account = splitAccount(val(c.d, 'UserName'));
  if (account.name) setUser(c.out, account.name, account.domain, val(c.d, 'UserSid'));
  const pid = pidOf(val(c.d, 'ProcessId'));
  if (pid !== undefined) c.out['process.pid'] = pid;
  const filter = val(c.d, 'FilterName') ?? val(c.d, 'FilterKey') ?? '(unnamed filter)';
  if (filter) c.out['rule.name'] = filter;
  const id = val(c.d, 'FilterId');
  if (id) c.out['rule.id'] = id;
  const change =
    FILTER_CHANGES[/%%(\d+)/.exec(c.d.ChangeType ?? '')?.[1] ?? (c.d.ChangeType ?? '').trim().toLowerCase()];
  const provider = val(c.d, 'ProviderName');
  c.out['event.category'] = ['configuration', 'network'];
  c.out['event.type'] = change?.en === 'added' ? ['creation'] : change?.en === 'deleted' ? ['deletion'] : ['change'];
  c.out['event.action'] =
    change?.en === 'added'
      ? 'firewall-filter-added'
      : change?.en === 'deleted'
        ? 'firewall-filter-deleted'
        : 'firewall-filter-changed';
  c.out['event.outcome'] = 'success';
  const by = provider ? { ja: `(${provider})`, en: ` (${provider})` } : { ja: '', en: '' };
  const verb = change ?? { ja: '変更', en: 'changed' };
  if (account.name) {
    say(
      c.out,
      `${account.name} が ${c.host} で WFP フィルター ${filter} を${verb.ja}しました${by.ja}`,
      `${account.name} ${verb.en} the WFP filter ${filter} on ${c.host}${by.en}`,
    );
  } else {
    say(
      c.out,
      `${c.host} で WFP フィルター ${filter} が${verb.ja}されました${by.ja}`,
      `The WFP filter ${filter} was ${verb.en} on ${c.host}${by.en}`,
    );
  }
};

/** 4957: a firewall rule that could not be applied (usually one bound to an absent interface). */
const ruleNotApplied: Mapper = (c) => {
  const rule = val(c.d, 'RuleName') ?? val(c.d, 'RuleId') ?? '(unnamed rule)';
  c.out['rule.name'] = rule;
  const id = val(c.d, 'RuleId');
  if (id) c.out['rule.id'] = id;
  c.out['event.category'] = ['configuration', 'network'];
  c.out['event.type'] = ['info'];
  c.out['event.action'] = 'firewall-rule-not-applied';
  c.out['event.outcome'] = 'failure';
  const attr = val(c.d, 'RuleAttr');
  say(
    c.out,
    `${c.host} で Windows ファイアウォールの規則 ${rule} が適用されませんでした${attr ? `(${attr})` : ''}`,
    `Windows Firewall did not apply the rule ${rule} on ${c.host}${attr ? ` (${attr})` : ''}`,
  );
};

export const WFP_MAPPERS: Array<[number, Mapper]> = [
  // <Data Name='Application'>\device\harddiskvolume2\windows\system32\svchost.exe</Data><Data Name='SourcePort'>3389</Data><Data Name='Protocol'>6</Data>
  [5154, localPort('listen', true)],
  [5155, localPort('listen', false)],
  // <Data Name='Application'>…\chrome.exe</Data><Data Name='SourceAddress'>0.0.0.0</Data><Data Name='SourcePort'>52411</Data><Data Name='Protocol'>17</Data>
  [5158, localPort('bind', true)],
  [5159, localPort('bind', false)],
  // <Data Name='Direction'>%%14592</Data><Data Name='SourceAddress'>10.0.10.5</Data><Data Name='DestAddress'>10.0.10.21</Data>
  [5152, packetDropped],
  // <Data Name='ChangeType'>%%16385</Data><Data Name='FilterName'>Block inbound SMB</Data><Data Name='ProviderName'>Windows Firewall</Data>
  [5447, filterChanged],
  // <Data Name='RuleId'>{…}</Data><Data Name='RuleName'>Core Networking - Teredo (UDP-In)</Data><Data Name='RuleAttr'>Local Port</Data>
  [4957, ruleNotApplied],
];
