import {
  ParseError,
  type Format,
  type KansaEvent,
  type SyslogMessage,
  type SyslogProgram,
  type TranslateContext,
} from '../../translate/types';
import { type Envelope, parseEnvelope, SEVERITY_NAMES } from '../_lib/syslog';
import { shareOfLines } from '../../translate/detect';
import { newEvent } from '../../translate/event-object';

const HEADER =
  /^(<\d{1,3}>)?(1 \S+ \S+ |\d+: |[A-Z][a-z]{2} [ \d]?\d (\d{4} )?\d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/;

/**
 * The syslog envelope as a format: it reads the header, then hands the message to the first program
 * translator that claims it. Bare `<PRI>payload` lines (FortiGate, for one) go to the line format
 * that recognises the payload.
 */
export function createSyslogFormat(
  programs: () => readonly SyslogProgram[],
  payloadFormats: () => readonly Format[],
): Format {
  return {
    id: 'syslog',
    framing: 'lines',
    detect(sample) {
      // Low: a specific format that also matches (e.g. BIND in syslog) should win.
      return shareOfLines(sample, (l) => HEADER.test(l), 0.5);
    },
    translate(record, ctx) {
      const env = parseEnvelope(record.text, ctx);
      if (!env) {
        throw new ParseError(
          'expected a syslog header: RFC 3164 "Mmm dd hh:mm:ss host tag:" or RFC 5424 "<PRI>1 TIMESTAMP HOST APP PROCID MSGID"',
        );
      }
      if (env.headerless !== undefined) {
        const payload = env.headerless;
        const format = payloadFormats().find(
          (f) => f.framing === 'lines' && f.id !== 'syslog' && safeDetect(f, payload) >= 0.5,
        );
        if (!format) {
          throw new ParseError('expected a syslog header or a known payload after <PRI>');
        }
        return format.translate({ ...record, text: payload }, ctx).map((e) => Object.assign(envelopeFields(env), e));
      }
      return translateMessage(env, programs(), ctx);
    },
  };
}

function safeDetect(format: Format, text: string): number {
  try {
    return format.detect(text);
  } catch {
    return 0;
  }
}

export function translateMessage(
  env: Envelope,
  programs: readonly SyslogProgram[],
  ctx: TranslateContext,
): KansaEvent[] {
  const base = envelopeFields(env);
  for (const program of programs) {
    if (!program.matches(env)) continue;
    const out = program.translate(env, ctx);
    if (out === null) break;
    base['kansa.source_type'] = program.id;
    if (!Array.isArray(out)) return [Object.assign(base, out)];
    // The program's fields go into the envelope's own object (envelope keys first, then the program's, as
    // before); only a second event from the same line needs a copy of the envelope. Object.assign, not
    // spread: spreading these many-keyed objects costs ten times as much per line.
    return out.map((e, i) => (i === out.length - 1 ? Object.assign(base, e) : Object.assign({}, base, e)));
  }
  return [Object.assign(base, genericFields(env))];
}

/** A fresh object per line: the program's fields are added to it (newEvent keeps it in fast mode as they are). */
function envelopeFields(env: Envelope): KansaEvent {
  const e = newEvent();
  if (env.timestamp) e['@timestamp'] = env.timestamp;
  if (env.host) e['host.name'] = env.host;
  if (env.priority !== undefined) e['log.syslog.priority'] = env.priority;
  if (env.facility) e['log.syslog.facility.name'] = env.facility;
  if (env.severity !== undefined) {
    e['log.syslog.severity.code'] = env.severity;
    e['log.syslog.severity.name'] = SEVERITY_NAMES[env.severity];
    e['log.level'] = SEVERITY_NAMES[env.severity];
  }
  if (env.program) {
    e['log.logger'] = env.program;
    e['process.name'] = env.program;
  }
  if (env.pid !== undefined) e['process.pid'] = env.pid;
  if (env.message) e['message'] = env.message;
  return e;
}

/** A message no program translator knows: still an event, searchable by its text. */
function genericFields(msg: SyslogMessage): KansaEvent {
  const who = msg.program || 'syslog';
  const where = msg.host ?? '(unknown host)';
  return {
    'event.action': 'syslog-message',
    'event.module': who,
    'event.dataset': 'syslog',
    'kansa.source_type': 'syslog',
    'kansa.message.ja': `${where} の ${who} が記録しました: ${msg.message}`,
    'kansa.message.en': `${who} on ${where} logged: ${msg.message}`,
  };
}
