/** Syslog severities as words, shared by the network device translators (names as the syslog envelope writes them). */
export { SEVERITY_NAMES } from '../_lib/syslog';

/** How each severity reads in a sentence. */
export const SEVERITY_JA = ['緊急', 'アラート', '重大なエラー', 'エラー', '警告', '通知', '情報', 'デバッグ'] as const;
export const SEVERITY_EN = [
  'an emergency',
  'an alert',
  'a critical error',
  'an error',
  'a warning',
  'a notice',
  'an informational message',
  'a debug message',
] as const;
