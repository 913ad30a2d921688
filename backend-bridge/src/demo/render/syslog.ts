import { syslogStamp } from '../time';

/** An RFC 3164 line as rsyslog writes it to a file: `Oct  1 09:00:01 host tag: message` (JST, no year). */
export function syslogLine(t: number, host: string, tag: string, message: string): string {
  return `${syslogStamp(t)} ${host} ${tag}: ${message}`;
}

/** A line with the time it is stamped at; the log writers add it to its output file in time order. */
export type TimedLine = [t: number, text: string];
