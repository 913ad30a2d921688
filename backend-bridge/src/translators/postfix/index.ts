/**
 * Postfix through syslog (`postfix/smtpd`, `postfix/cleanup`, `postfix/qmgr`, `postfix/smtp`,
 * `postfix/local`, `postfix/lmtp`, `postfix/virtual`, `postfix/pipe`, `postfix/pickup`,
 * `postfix/bounce`; multi-instance names such as `postfix-out/smtp` and `postfix/submission/smtpd`
 * too). One event per line; the queue id is event.id so lines of one message can be joined.
 *
 * Direction from the delivering agent: local/lmtp/virtual/pipe delivery is inbound; smtp to a
 * private-address relay is internal; smtp to anything else is outbound; smtp to loopback is a
 * content-filter hop (no direction).
 */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { isIp, setSource } from '../_lib/network';
import { unwrapRepeated } from '../_lib/linux';
import { applyRules, assignFields, ruleTable, sentenceOut } from '../_lib/rules';

const QID = /^([0-9A-F]{6,20}|[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,20}): /;

/** `name[ip]` or `name[ip]:port` → parts. */
function hostIp(s: string): { name?: string; ip?: string; port?: string } {
  const m = /^([^[\s]*)\[([^\]]*)\](?::(\d+))?/.exec(s);
  if (!m) return { name: s };
  return { name: m[1] || undefined, ip: m[2] || undefined, port: m[3] };
}

function isPrivate(ip: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip) || /^f[cd][0-9a-f]{2}:/i.test(ip);
}

function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1';
}

/** Postfix `k=v, k2=v2 (comment)` list after the queue id. */
function parseList(s: string): { kv: Record<string, string>; comment?: string } {
  const kv: Record<string, string> = {};
  let comment: string | undefined;
  let rest = s;
  const statusAt = rest.indexOf(', status=');
  if (statusAt >= 0) {
    // status=sent (250 …) may contain ", " inside the parenthesis.
    const st = rest.slice(statusAt + 9);
    const sp = st.indexOf(' ');
    kv.status = (sp < 0 ? st : st.slice(0, sp)).replace(/,$/, '');
    if (sp >= 0) {
      const c = st.slice(sp + 1);
      comment = c.startsWith('(') && c.endsWith(')') ? c.slice(1, -1) : c.replace(/^, /, '');
    }
    rest = rest.slice(0, statusAt);
  }
  for (const part of rest.split(', ')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      let v = part.slice(eq + 1);
      const k = part.slice(0, eq);
      const paren = v.indexOf(' (');
      if (paren > 0 && k !== 'relay') {
        if (!comment) comment = v.slice(paren + 2, v.endsWith(')') ? -1 : undefined);
        v = v.slice(0, paren);
      }
      kv[k] = v;
    }
  }
  return { kv, comment };
}

function addr(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const a = v.startsWith('<') && v.endsWith('>') ? v.slice(1, -1) : v;
  return a;
}

/** What every rule sees besides its groups (rules read the message after `warning: ` and the queue id). */
interface PostfixCtx {
  /** The delivering agent, e.g. `smtp`, `local`, `smtpd`. */
  agent: string;
  qid: string | undefined;
  /** `mail01` or `メールサーバー` / `the mail server`. */
  h: string;
  hEn: string;
  /** `キュー ID 4F1A2B3C4D` / `queue ID 4F1A2B3C4D`, empty without a queue id. */
  qJa: string;
  qEn: string;
}

const SAMPLE_CTX: PostfixCtx = {
  agent: 'smtp',
  qid: '4F1A2B3C4D',
  h: 'mail01',
  hEn: 'mail01',
  qJa: 'キュー ID 4F1A2B3C4D',
  qEn: 'queue ID 4F1A2B3C4D',
};

/** One rule per Postfix message form, in the order they are tried; `qid` rules need a queue id. */
export const RULES = ruleTable<PostfixCtx>('postfix', SAMPLE_CTX, [
  {
    id: 'smtp-connection',
    sample:
      'disconnect from pc-tanaka.corp.example.co.jp[10.0.1.23] ehlo=1 auth=1 mail=1 rcpt=2 data=1 quit=1 commands=7',
    sampleContext: { ...SAMPLE_CTX, qid: undefined, qJa: '', qEn: '' },
    match: /^(?<verb>connect|disconnect) from (?<client>\S+)(?: (?<commands>.*))?$/,
    build({ verb, client, commands }, { qid, h, hEn }) {
      if (qid) return null;
      const ev: KansaEvent = {};
      const c = hostIp(client);
      setSource(ev, c.ip);
      if (c.name && c.name !== 'unknown') ev['source.domain'] = c.name;
      const connect = verb === 'connect';
      ev['event.category'] = ['network'];
      ev['event.type'] = ['connection', connect ? 'start' : 'end'];
      ev['event.action'] = connect ? 'smtp-connected' : 'smtp-disconnected';
      ev['event.outcome'] = 'success';
      if (commands) ev['kansa.raw'] = { commands };
      ev['kansa.message.ja'] =
        `${h} で ${client} からの SMTP 接続が${connect ? '開始されました' : '終了しました'}${commands ? `(${commands})` : ''}`;
      ev['kansa.message.en'] =
        `SMTP connection from ${client} ${connect ? 'opened' : 'closed'} on ${hEn}${commands ? ` (${commands})` : ''}`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'client',
    sample: 'client=pc-tanaka.corp.example.co.jp[10.0.1.23], sasl_method=PLAIN, sasl_username=tanaka',
    match: /^(?<list>client=[^]*)$/,
    build({ list }, { qid, h, hEn, qJa, qEn }) {
      if (!qid) return null;
      const ev: KansaEvent = {};
      const parts = parseList(list).kv;
      const c = hostIp(parts.client ?? '');
      setSource(ev, c.ip);
      if (c.name && c.name !== 'unknown') ev['source.domain'] = c.name;
      const user = parts.sasl_username;
      if (user) ev['user.name'] = user;
      ev['kansa.raw'] = parts;
      ev['event.category'] = ['email'];
      ev['event.type'] = ['info'];
      ev['event.action'] = 'mail-received-from-client';
      ev['event.outcome'] = 'success';
      ev['kansa.message.ja'] = user
        ? `${user} が ${parts.client} から ${h} にメールを送信しました(SMTP 認証 ${parts.sasl_method ?? ''}、${qJa})`.replace(
            ' 、',
            '、',
          )
        : `${h} が ${parts.client} からメールを受け付けました(${qJa})`;
      ev['kansa.message.en'] = user
        ? `${user} submitted a message to ${hEn} from ${parts.client} (SMTP AUTH ${parts.sasl_method ?? ''}, ${qEn})`.replace(
            ' ,',
            ',',
          )
        : `${hEn} accepted a message from ${parts.client} (${qEn})`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'message-id',
    sample: 'message-id=<20261001090001.4F1A2B3C4D@mail01.example.co.jp>',
    match: /^message-id=(?<rest>[^]*)$/,
    build({ rest }, { qid, h, hEn }) {
      if (!qid) return null;
      const ev: KansaEvent = {};
      const id = addr(rest.split(' ')[0]) ?? '';
      if (id) ev['email.message_id'] = id;
      ev['event.category'] = ['email'];
      ev['event.type'] = ['info'];
      ev['event.action'] = 'mail-message-id';
      ev['event.outcome'] = 'success';
      ev['kansa.message.ja'] = `${h} でメール ${qid} の Message-ID は ${id || '(なし)'} です`;
      ev['kansa.message.en'] = `Message ${qid} on ${hEn} has Message-ID ${id || '(none)'}`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'pickup',
    sample: 'uid=1001 from=<tanaka>',
    match: /^uid=(?<uid>\d+) from=<(?<from>[^>]*)>/,
    build({ uid, from }, { qid, h, hEn, qJa, qEn }) {
      if (!qid) return null;
      const ev: KansaEvent = {};
      ev['user.id'] = uid;
      if (from) {
        ev['email.from.address'] = from;
        if (from.indexOf('@') < 0) ev['user.name'] = from;
      }
      ev['event.category'] = ['email'];
      ev['event.type'] = ['info'];
      ev['event.action'] = 'mail-submitted-locally';
      ev['event.outcome'] = 'success';
      ev['kansa.message.ja'] =
        from && from.indexOf('@') < 0
          ? `${from} が ${h} 上でメールを投函しました(uid ${uid}、${qJa})`
          : `${h} でローカル投函されたメールを受け付けました(送信者 ${from || '(空)'}、uid ${uid}、${qJa})`;
      ev['kansa.message.en'] =
        from && from.indexOf('@') < 0
          ? `${from} submitted a message locally on ${hEn} (uid ${uid}, ${qEn})`
          : `${hEn} accepted a locally submitted message (sender ${from || '(empty)'}, uid ${uid}, ${qEn})`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'queued',
    sample: 'from=<tanaka@example.co.jp>, size=18432, nrcpt=2 (queue active)',
    match: /^(?<list>from=<[^]*)$/,
    build({ list }, { qid, h, hEn, qJa, qEn }) {
      if (!qid) return null;
      const ev: KansaEvent = {};
      const { kv, comment } = parseList(list);
      const from = addr(kv.from) ?? '';
      if (from) ev['email.from.address'] = from;
      const raw: Record<string, string> = { ...kv };
      if (comment) raw.comment = comment;
      ev['kansa.raw'] = raw;
      ev['event.category'] = ['email'];
      ev['event.type'] = ['info'];
      ev['event.outcome'] = 'success';
      if (kv.status === 'expired') {
        ev['event.action'] = 'mail-expired';
        ev['event.outcome'] = 'failure';
        ev['kansa.message.ja'] =
          `${h} で ${from || '(空の送信者)'} からのメールが配送期限切れで差出人に返送されました(${qJa})`;
        ev['kansa.message.en'] =
          `A message from ${from || '(empty sender)'} expired on ${hEn} and was returned to the sender (${qEn})`;
        return sentenceOut(ev);
      }
      const size = kv.size && /^\d+$/.test(kv.size) ? Number(kv.size) : NaN;
      if (Number.isFinite(size)) ev['source.bytes'] = size;
      ev['event.action'] = 'mail-queued';
      ev['kansa.message.ja'] =
        `${h} で ${from || '(空の送信者)'} からのメールをキューに入れました(${Number.isFinite(size) ? `${size} バイト、` : ''}宛先 ${kv.nrcpt ?? '?'} 件、${qJa})`;
      ev['kansa.message.en'] =
        `${hEn} queued a message from ${from || '(empty sender)'} (${Number.isFinite(size) ? `${size} bytes, ` : ''}${kv.nrcpt ?? '?'} recipient${kv.nrcpt === '1' ? '' : 's'}, ${qEn})`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'removed',
    sample: 'removed',
    match: /^removed$/,
    build(_g, { qid, h, hEn }) {
      if (!qid) return null;
      const ev: KansaEvent = {};
      ev['event.category'] = ['email'];
      ev['event.type'] = ['end'];
      ev['event.action'] = 'mail-removed-from-queue';
      ev['event.outcome'] = 'success';
      ev['kansa.message.ja'] = `${h} でメール ${qid} をキューから削除しました(処理完了)`;
      ev['kansa.message.en'] = `Message ${qid} left the queue on ${hEn} (done)`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'delivery',
    sample:
      'to=<buyer@partner.example.com>, relay=mx1.partner.example.com[198.51.100.25]:25, delay=1.2, delays=0.08/0.01/0.45/0.66, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9A8B7C6D5E)',
    match: /^(?<list>to=<[^]*)$/,
    build({ list }, { agent, qid, h, hEn, qJa, qEn }) {
      if (!qid) return null;
      const ev: KansaEvent = {};
      const { kv, comment } = parseList(list);
      const to = addr(kv.to) ?? '';
      if (to) ev['email.to.address'] = [to];
      const relay = kv.relay ?? '';
      const r = hostIp(relay);
      if (r.ip && isIp(r.ip)) ev['destination.ip'] = r.ip;
      if (r.port) ev['destination.port'] = Number(r.port);
      if (r.name && r.name !== 'none') ev['destination.domain'] = r.name;
      if (kv.dsn) ev['error.code'] = kv.dsn;
      const delay = Number(kv.delay);
      if (Number.isFinite(delay)) ev['event.duration'] = Math.round(delay * 1e9);
      const raw: Record<string, string> = { ...kv };
      if (comment) raw.response = comment;
      ev['kansa.raw'] = raw;
      const status = kv.status ?? 'unknown';
      ev['event.category'] = ['email'];
      ev['event.type'] = ['info'];
      let direction: string | undefined;
      if (agent === 'local' || agent === 'lmtp' || agent === 'virtual' || agent === 'pipe') direction = 'inbound';
      else if (agent === 'smtp' && r.ip && isLoopback(r.ip)) direction = undefined;
      else if (agent === 'smtp' && r.ip && isPrivate(r.ip)) direction = 'internal';
      else if (agent === 'smtp' && relay !== 'none') direction = 'outbound';
      if (direction) {
        ev['email.direction'] = direction;
        ev['network.direction'] = direction;
      }
      const where = relay === 'local' ? 'ローカルのメールボックス' : relay || '?';
      const whereEn = relay === 'local' ? 'the local mailbox' : relay || '?';
      const dirJa =
        direction === 'inbound'
          ? '受信'
          : direction === 'outbound'
            ? '外部送信'
            : direction === 'internal'
              ? '社内'
              : '';
      const dirEn = direction ?? '';
      const tailJa = [dirJa, kv.dsn ? `DSN ${kv.dsn}` : '', qJa].filter(Boolean).join('、');
      const tailEn = [dirEn, kv.dsn ? `DSN ${kv.dsn}` : '', qEn].filter(Boolean).join(', ');
      if (status === 'sent') {
        ev['event.action'] = agent === 'smtp' && r.ip && isLoopback(r.ip) ? 'mail-passed-to-filter' : 'mail-delivered';
        ev['event.outcome'] = 'success';
        const filter = ev['event.action'] === 'mail-passed-to-filter';
        ev['kansa.message.ja'] = filter
          ? `${h} で ${to} 宛てのメールをコンテンツフィルター ${where} に渡しました(${tailJa})`
          : `${h} で ${to} 宛てのメールを${relay === 'local' ? where : ` ${where} `}に配送しました(${tailJa})`;
        ev['kansa.message.en'] = filter
          ? `${hEn} passed a message for ${to} to the content filter ${whereEn} (${tailEn})`
          : `${hEn} delivered a message for ${to} to ${whereEn} (${tailEn})`;
      } else if (status === 'bounced') {
        ev['event.action'] = 'mail-bounced';
        ev['event.outcome'] = 'failure';
        ev['event.reason'] = comment ?? 'bounced';
        ev['kansa.message.ja'] =
          `${h} で ${to} 宛てのメールが配送できず差し戻されました(${comment ?? ''}${comment ? '、' : ''}${tailJa})`;
        ev['kansa.message.en'] =
          `${hEn} could not deliver a message for ${to}; it bounced (${comment ? `${comment}, ` : ''}${tailEn})`;
      } else if (status === 'deferred') {
        ev['event.action'] = 'mail-deferred';
        ev['event.outcome'] = 'failure';
        ev['event.reason'] = comment ?? 'deferred';
        ev['kansa.message.ja'] =
          `${h} で ${to} 宛てのメールの配送が延期されました(${comment ?? ''}${comment ? '、' : ''}${tailJa})`;
        ev['kansa.message.en'] = `${hEn} deferred a message for ${to} (${comment ? `${comment}, ` : ''}${tailEn})`;
      } else {
        ev['event.action'] = `mail-${status}`;
        ev['event.outcome'] = 'unknown';
        ev['kansa.message.ja'] =
          `${h} で ${to} 宛てのメールの状態: ${status}(${comment ?? ''}${comment ? '、' : ''}${tailJa})`;
        ev['kansa.message.en'] = `${hEn}: message for ${to} is ${status} (${comment ? `${comment}, ` : ''}${tailEn})`;
      }
      return sentenceOut(ev);
    },
  },
  {
    id: 'reject-discard-hold-warn',
    sample:
      'NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 554 5.7.1 <victim@example.net>: Relay access denied; from=<spam@bad.example> to=<victim@example.net> proto=ESMTP helo=<WIN-ABC123>',
    match:
      /^(?:NOQUEUE: )?(?<what>reject|discard|hold|warning): (?<stage>\S+) from (?<client>\S+?): (?<reason>.*?); from=<(?<from>[^>]*)> to=<(?<to>[^>]*)>(?: proto=(?<proto>\S+))?(?: helo=<(?<helo>[^>]*)>)?/,
    build({ what, stage, client, reason, from, to, proto, helo }, { h, hEn }) {
      const ev: KansaEvent = {};
      const c = hostIp(client);
      setSource(ev, c.ip);
      if (c.name && c.name !== 'unknown') ev['source.domain'] = c.name;
      if (from) ev['email.from.address'] = from;
      if (to) ev['email.to.address'] = [to];
      const code = /^(\d{3}) (\d\.\d\.\d+)/.exec(reason);
      if (code) ev['error.code'] = code[2];
      ev['event.reason'] = reason;
      ev['kansa.raw'] = { stage, ...(proto ? { proto } : {}), ...(helo ? { helo } : {}) };
      ev['event.category'] = ['email'];
      ev['event.type'] = what === 'reject' || what === 'discard' ? ['denied'] : ['info'];
      ev['event.action'] =
        `mail-${what === 'warning' ? 'warned' : what === 'reject' ? 'rejected' : what === 'discard' ? 'discarded' : 'held'}`;
      ev['event.outcome'] = what === 'reject' || what === 'discard' ? 'failure' : 'success';
      const whatJa =
        what === 'reject'
          ? '拒否しました'
          : what === 'discard'
            ? '破棄しました'
            : what === 'hold'
              ? '保留しました'
              : '警告しました';
      ev['kansa.message.ja'] =
        `${h} が ${client} からの ${from || '(空の送信者)'} → ${to} のメールを ${stage} 段階で${whatJa}(${reason})`;
      ev['kansa.message.en'] =
        `${hEn} ${what === 'reject' ? 'rejected' : what === 'discard' ? 'discarded' : what === 'hold' ? 'held' : 'warned about'} mail from ${from || '(empty sender)'} to ${to} at ${stage} from ${client} (${reason})`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'header-check',
    sample:
      'warning: header Subject: Re: 見積書の件 from mx.sender.example.net[203.0.113.40]; from=<info@sender.example.net> to=<yamada@example.co.jp> proto=ESMTP helo=<mx.sender.example.net>',
    match:
      /^(?:(?<verdict>reject|warning|hold|discard|info): )?header (?<name>Subject|From|To): (?<value>.*?) from (?<client>\S+?); from=<(?<from>[^>]*)> to=<(?<to>[^>]*)>/,
    build({ verdict, name, value, client, from, to }, { h, hEn }) {
      const ev: KansaEvent = {};
      if (name === 'Subject') ev['email.subject'] = value;
      if (from) ev['email.from.address'] = from;
      if (to) ev['email.to.address'] = [to];
      const c = hostIp(client);
      setSource(ev, c.ip);
      ev['event.category'] = ['email'];
      ev['event.type'] = verdict === 'reject' ? ['denied'] : ['info'];
      ev['event.action'] = verdict === 'reject' ? 'mail-rejected' : 'mail-header-logged';
      ev['event.outcome'] = verdict === 'reject' ? 'failure' : 'success';
      ev['kansa.message.ja'] =
        `${h} で ${from || '(空の送信者)'} から ${to} へのメールのヘッダー ${name}: ${value} を${verdict === 'reject' ? '理由に拒否しました' : '記録しました'}`;
      ev['kansa.message.en'] =
        `${hEn} ${verdict === 'reject' ? 'rejected' : 'logged'} header ${name}: ${value} of mail from ${from || '(empty sender)'} to ${to}`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'sasl-authentication-failed',
    sample: 'unknown[203.0.113.5]: SASL PLAIN authentication failed: authentication failure, sasl_username=admin',
    match:
      /^(?<client>\S+?): SASL (?<mechanism>\S+) authentication failed: ?(?<reason>.*?)(?:, sasl_username=(?<user>\S+))?$/,
    build({ client, mechanism, reason, user }, { h, hEn }) {
      const ev: KansaEvent = {};
      const c = hostIp(client);
      setSource(ev, c.ip);
      if (c.name && c.name !== 'unknown') ev['source.domain'] = c.name;
      if (user) ev['user.name'] = user;
      ev['event.category'] = ['authentication'];
      ev['event.type'] = ['start'];
      ev['event.action'] = 'logon-failed';
      ev['event.outcome'] = 'failure';
      ev['event.reason'] = reason || 'authentication failure';
      ev['kansa.message.ja'] = user
        ? `${user} が ${c.ip ?? client} から ${h} への SMTP 認証に失敗しました(${mechanism})`
        : `${h} で ${c.ip ?? client} からの SMTP 認証が失敗しました(${mechanism}、${reason || 'authentication failure'})`;
      ev['kansa.message.en'] =
        `${user ?? 'A client'} failed SMTP authentication to ${hEn} from ${c.ip ?? client} (${mechanism})`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'notification-sent',
    sample: 'sender non-delivery notification: 9E0F1A2B3C',
    match: /^sender (?<kind>non-delivery|delivery status|delay) notification: (?<notificationQid>\S+)/,
    build({ kind, notificationQid }, { qid, h, hEn }) {
      if (!qid) return null;
      const ev: KansaEvent = {};
      ev['event.category'] = ['email'];
      ev['event.type'] = ['info'];
      ev['event.action'] = 'mail-notification-sent';
      ev['event.outcome'] = 'success';
      ev['kansa.raw'] = { notification: kind, notification_queue_id: notificationQid };
      ev['kansa.message.ja'] =
        `${h} でメール ${qid} の差出人に${kind === 'non-delivery' ? '不達' : kind === 'delay' ? '遅延' : '配送状況'}通知 ${notificationQid} を作成しました`;
      ev['kansa.message.en'] =
        `${hEn} created a ${kind} notification ${notificationQid} for the sender of message ${qid}`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'connection-lost',
    sample: 'lost connection after AUTH from unknown[203.0.113.5]',
    match: /^(?<what>lost connection|timeout|too many errors) after (?<stage>\S+) from (?<client>\S+)/,
    build({ what, stage, client }, { h, hEn }) {
      const ev: KansaEvent = {};
      const c = hostIp(client);
      setSource(ev, c.ip);
      ev['event.category'] = ['network'];
      ev['event.type'] = ['connection', 'end'];
      ev['event.action'] = `smtp-${what.replace(/ /g, '-')}`;
      ev['event.outcome'] = 'failure';
      ev['event.reason'] = `${what} after ${stage}`;
      ev['kansa.message.ja'] = `${h} で ${client} との SMTP 接続が ${stage} の後に切れました(${what})`;
      ev['kansa.message.en'] = `SMTP session from ${client} to ${hEn} ended: ${what} after ${stage}`;
      return sentenceOut(ev);
    },
  },
]);

export function translatePostfix(msg: SyslogMessage): KansaEvent | null {
  const slash = msg.program.lastIndexOf('/');
  const agent = slash >= 0 ? msg.program.slice(slash + 1) : msg.program;
  const { text: inner, count } = unwrapRepeated(msg.message);
  let text = inner;
  const host = msg.host;
  if (text.startsWith('warning: ')) {
    text = text.slice(9);
  }
  const q = QID.exec(text);
  const qid = q ? q[1] : undefined;
  if (q) {
    text = text.slice(q[0].length);
  }
  const ctx: PostfixCtx = {
    agent,
    qid,
    h: host ?? 'メールサーバー',
    hEn: host ?? 'the mail server',
    qJa: qid ? `キュー ID ${qid}` : '',
    qEn: qid ? `queue ID ${qid}` : '',
  };
  const applied = applyRules(RULES, text, ctx);
  if (!applied) {
    return null;
  }
  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'postfix',
    'event.dataset': `postfix.${agent}`,
    'kansa.source_type': 'postfix',
    'network.protocol': 'smtp',
  };
  if (count > 1) ev['kansa.count'] = count;
  if (qid) ev['event.id'] = qid;
  assignFields(ev, applied.result.fields);
  ev['kansa.message.ja'] = applied.result.ja;
  ev['kansa.message.en'] = applied.result.en;
  return ev;
}

export const postfix: SyslogProgram = {
  id: 'postfix',
  matches(msg: SyslogMessage): boolean {
    return msg.program.startsWith('postfix') && msg.program.indexOf('/') > 0;
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    return translatePostfix(msg);
  },
};

export default postfix;
