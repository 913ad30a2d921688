import { config } from '@grafana/runtime';

export type Language = 'ja' | 'en';

/**
 * Which half of Kansa's bilingual content to show (dashboard, rule and section titles, the kansa.message.ja/en
 * fields, the risk reasons): Japanese when the user's Grafana language is Japanese, as for the UI text, which
 * @grafana/i18n translates from locales/.
 */
export function contentLanguage(): Language {
  const language: string | undefined = config.bootData.user?.language;
  return language?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
