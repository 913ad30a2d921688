import { jstDate } from '../time';
import { syslogLine, type TimedLine } from './syslog';

export interface Submission {
  t: number;
  queueId: string;
  pid: number;
  client: { host: string; ip: string; account: string };
  from: string;
  to: string;
  size: number;
  /** The delivering agent's id: the local mailbox's session id, or the remote server's queue id. */
  deliveryId: string;
}

const INTERNAL = '@example.co.jp';

/** Postfix's maillog for one message a user submits (SASL) and mail01 delivers, locally or to a remote MX. */
export function submissionLines(m: Submission): TimedLine[] {
  const { t, queueId: id, pid, client } = m;
  const smtpd = `postfix/smtpd[${pid}]`;
  const at = `${client.host}[${client.ip}]`;
  const msgId = `${jstDate(t).replace(/-/g, '')}${id}@mail01.example.co.jp`;
  const lines: TimedLine[] = [
    [t, syslogLine(t, 'mail01', smtpd, `connect from ${at}`)],
    [
      t + 100,
      syslogLine(t + 100, 'mail01', smtpd, `${id}: client=${at}, sasl_method=PLAIN, sasl_username=${client.account}`),
    ],
    [t + 200, syslogLine(t + 200, 'mail01', `postfix/cleanup[${pid + 4}]`, `${id}: message-id=<${msgId}>`)],
    [
      t + 300,
      syslogLine(
        t + 300,
        'mail01',
        'postfix/qmgr[1102]',
        `${id}: from=<${m.from}>, size=${m.size}, nrcpt=1 (queue active)`,
      ),
    ],
  ];
  if (m.to.endsWith(INTERNAL)) {
    const relay = 'relay=mail01.example.co.jp[private/dovecot-lmtp], delay=0.31, delays=0.08/0.01/0.02/0.2, dsn=2.0.0';
    const status = `status=sent (250 2.0.0 <${m.to}> ${m.deliveryId} Saved)`;
    lines.push([
      t + 700,
      syslogLine(t + 700, 'mail01', `postfix/lmtp[${pid + 9}]`, `${id}: to=<${m.to}>, ${relay}, ${status}`),
    ]);
  } else {
    const relay = `relay=mx1.${m.to.split('@')[1]}[198.51.100.25]:25, delay=1.2, delays=0.08/0.01/0.45/0.66, dsn=2.0.0`;
    const status = `status=sent (250 2.0.0 Ok: queued as ${m.deliveryId})`;
    lines.push([
      t + 1200,
      syslogLine(t + 1200, 'mail01', `postfix/smtp[${pid + 9}]`, `${id}: to=<${m.to}>, ${relay}, ${status}`),
    ]);
  }
  const bye = 'ehlo=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=6';
  lines.push([t + 1300, syslogLine(t + 1300, 'mail01', 'postfix/qmgr[1102]', `${id}: removed`)]);
  lines.push([t + 1400, syslogLine(t + 1400, 'mail01', smtpd, `disconnect from ${at} ${bye}`)]);
  return lines;
}

export interface Arrival {
  t: number;
  queueId: string;
  pid: number;
  fromDomain: string;
  to: string;
  size: number;
  sessionId: string;
}

/** Postfix's maillog for one message from outside, delivered to a local mailbox. */
export function arrivalLines(m: Arrival): TimedLine[] {
  const { t, queueId: id, pid } = m;
  const mx = `mx1.${m.fromDomain}[198.51.100.25]`;
  const relay = 'relay=mail01.example.co.jp[private/dovecot-lmtp], delay=0.4, delays=0.1/0.01/0.02/0.27, dsn=2.0.0';
  const status = `status=sent (250 2.0.0 <${m.to}> ${m.sessionId} Saved)`;
  return [
    [t, syslogLine(t, 'mail01', `postfix/smtpd[${pid}]`, `connect from ${mx}`)],
    [t + 100, syslogLine(t + 100, 'mail01', `postfix/smtpd[${pid}]`, `${id}: client=${mx}`)],
    [
      t + 300,
      syslogLine(
        t + 300,
        'mail01',
        'postfix/qmgr[1102]',
        `${id}: from=<info@${m.fromDomain}>, size=${m.size}, nrcpt=1 (queue active)`,
      ),
    ],
    [t + 600, syslogLine(t + 600, 'mail01', `postfix/lmtp[${pid + 9}]`, `${id}: to=<${m.to}>, ${relay}, ${status}`)],
    [t + 700, syslogLine(t + 700, 'mail01', 'postfix/qmgr[1102]', `${id}: removed`)],
  ];
}
