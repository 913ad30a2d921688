import { config } from '@grafana/runtime';

export type Language = 'ja' | 'en';

/** Japanese for users whose Grafana language is Japanese (ja-JP), English for everyone else. */
export function userLanguage(): Language {
  const language: string | undefined = config.bootData.user?.language;
  return language?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
