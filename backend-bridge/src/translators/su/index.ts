/**
 * su's own syslog lines (util-linux and shadow-utils su):
 *   `(to root) tanaka on pts/0`, `FAILED SU (to root) tanaka on pts/0`
 *   old shadow su: `+ pts/0 tanaka:root`, `- pts/0 tanaka:root`, `Successful su for root by tanaka`,
 *   `FAILED su for root by tanaka`.
 * PAM lines (`pam_unix(su-l:session): session opened for user root(uid=0) by tanaka(uid=1001)`) go to
 * the pam translator.
 */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { isPamMessage, translatePam } from '../_lib/pam';
import { baseEvent, setUser, unwrapRepeated } from '../_lib/linux';
import { paren } from '../_lib/wording';
import { applyRules, ruleTable, sentenceIn } from '../_lib/rules';

function build(
  msg: SyslogMessage,
  ok: boolean,
  actor: string,
  target: string,
  tty: string | undefined,
  count: number,
): KansaEvent {
  const ev = baseEvent('su', 'su', 'su.log');
  setUser(ev, actor);
  setUser(ev, target, 'user.target.name');
  setUser(ev, target, 'user.effective.name');
  if (count > 1) {
    ev['kansa.count'] = count;
  }
  if (tty) {
    ev['kansa.raw'] = { tty };
  }
  const hostJa = msg.host ? `${msg.host} で ` : '';
  const onHost = msg.host ? ` on ${msg.host}` : '';
  const ttyJa = tty && tty !== 'none' && tty !== '???' ? `端末 ${tty}` : '';
  const ttyEn = tty && tty !== 'none' && tty !== '???' ? `terminal ${tty}` : '';
  const timesJa = count > 1 ? `${count} 回` : '';
  const timesEn = count > 1 ? `${count} times` : '';
  ev['event.category'] = ['authentication', 'session'];
  ev['event.type'] = ['start'];
  if (ok) {
    ev['event.action'] = 'switched-user';
    ev['event.outcome'] = 'success';
    ev['kansa.message.ja'] = `${actor} が ${hostJa}su で ${target} に切り替えました${paren([ttyJa, timesJa], 'ja')}`;
    ev['kansa.message.en'] = `${actor} switched to ${target} with su${onHost}${paren([ttyEn, timesEn], 'en')}`;
  } else {
    ev['event.action'] = 'switch-user-failed';
    ev['event.outcome'] = 'failure';
    ev['event.reason'] = 'authentication failure';
    ev['kansa.message.ja'] =
      `${actor} が ${hostJa}su で ${target} への切り替えに失敗しました${paren([ttyJa, timesJa], 'ja')}`;
    ev['kansa.message.en'] = `${actor} failed to switch to ${target} with su${onHost}${paren([ttyEn, timesEn], 'en')}`;
  }
  return ev;
}

interface SuCtx {
  msg: SyslogMessage;
  count: number;
}

const SAMPLE_CTX: SuCtx = {
  msg: { timestamp: '2026-10-01T09:00:01+09:00', host: 'web01', program: 'su', message: '', format: 'rfc3164' },
  count: 1,
};

/** su's own message forms, in the order they are tried; each is a switch that worked or failed. */
export const RULES = ruleTable<SuCtx>('su', SAMPLE_CTX, [
  {
    id: 'switch',
    sample: 'FAILED SU (to root) tanaka on pts/0',
    match: /^(?<failed>FAILED SU )?\(to (?<target>[^)]*)\) (?<actor>\S+) on (?<tty>\S+)$/,
    build: (g, { msg, count }) => sentenceIn(build(msg, !g.failed, g.actor, g.target, g.tty, count)),
  },
  {
    id: 'old-shadow-switch',
    sample: '+ pts/0 tanaka:root',
    match: /^(?<sign>[+-]) (?<tty>\S+) (?<actor>[^:\s]+):(?<target>\S+)$/,
    build: (g, { msg, count }) => sentenceIn(build(msg, g.sign === '+', g.actor, g.target, g.tty, count)),
  },
  {
    id: 'old-shadow-words',
    sample: 'Successful su for root by tanaka',
    match: /^(?<result>Successful|FAILED) su for (?<target>\S+) by (?<actor>\S+)$/,
    build: (g, { msg, count }) =>
      sentenceIn(build(msg, g.result === 'Successful', g.actor, g.target, undefined, count)),
  },
]);

export function translateSu(msg: SyslogMessage): KansaEvent | null {
  const { text: inner, count } = unwrapRepeated(msg.message.trim());
  if (isPamMessage(inner)) {
    return translatePam(inner, msg, count);
  }
  return applyRules(RULES, inner.trim(), { msg, count })?.result.fields ?? null;
}

export const su: SyslogProgram = {
  id: 'su',
  matches(msg: SyslogMessage): boolean {
    return msg.program === 'su';
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    return translateSu(msg);
  },
};

export default su;
