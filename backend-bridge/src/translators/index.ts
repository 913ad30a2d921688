import type { Format, Stage, SyslogProgram } from '../translate/types';
import { createSyslogFormat } from './syslog';

/**
 * Every input format, one line each. Auto-detection takes the highest score; a tie goes to the
 * earlier line, so put the more specific format first.
 */
export const FORMATS: Format[] = [
  // --- windows (renderings, DHCP audit CSV) ---
  // --- linux & application files ---
  // --- network, web, door ---
  // --- syslog envelope: last, it accepts any syslog line ---
  createSyslogFormat(
    () => SYSLOG_PROGRAMS,
    () => FORMATS,
  ),
];

/** Every program inside syslog, one line each; the first whose `matches` is true wins. */
export const SYSLOG_PROGRAMS: SyslogProgram[] = [
  // --- linux ---
  // --- network ---
];

/** Stateful stages after translation, in order; each call makes fresh state for one run. */
export const STAGES: Array<() => Stage> = [
  // --- windows ---
];
