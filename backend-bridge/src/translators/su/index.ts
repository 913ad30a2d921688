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

const TO = /^(FAILED SU )?\(to ([^)]*)\) (\S+) on (\S+)$/;
const OLD = /^([+-]) (\S+) ([^:\s]+):(\S+)$/;
const WORDS = /^(Successful|FAILED) su for (\S+) by (\S+)$/;

function build(msg: SyslogMessage, ok: boolean, actor: string, target: string, tty: string | undefined, count: number): KansaEvent {
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
    ev['kansa.message.ja'] = `${actor} が ${hostJa}su で ${target} への切り替えに失敗しました${paren([ttyJa, timesJa], 'ja')}`;
    ev['kansa.message.en'] = `${actor} failed to switch to ${target} with su${onHost}${paren([ttyEn, timesEn], 'en')}`;
  }
  return ev;
}

export function translateSu(msg: SyslogMessage): KansaEvent | null {
  const { text: inner, count } = unwrapRepeated(msg.message.trim());
  if (isPamMessage(inner)) {
    return translatePam(inner, msg, count);
  }
  const text = inner.trim();
  let m = TO.exec(text);
  if (m) {
    return build(msg, !m[1], m[3], m[2], m[4], count);
  }
  m = OLD.exec(text);
  if (m) {
    return build(msg, m[1] === '+', m[3], m[4], m[2], count);
  }
  m = WORDS.exec(text);
  if (m) {
    return build(msg, m[1] === 'Successful', m[3], m[2], undefined, count);
  }
  return null;
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
