import { config } from '@grafana/runtime';

export type UiLanguage = 'ja' | 'en';

/** A text of Kansa's bilingual content: registry field descriptions, use-case titles, query examples. */
export interface Bilingual {
  ja: string;
  en: string;
}

/**
 * Which half of the bilingual content to show: Japanese when the user's Grafana language is Japanese, as for
 * the editors' own text, which @grafana/i18n translates from locales/.
 */
export function contentLanguage(): UiLanguage {
  const language: string | undefined = config.bootData.user?.language;
  return language?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The content text in the user's language. */
export function pick(text: Bilingual): string {
  return text[contentLanguage()];
}

/**
 * Placeholder values for t() that show as typed: i18next HTML-escapes values by default, and React escapes
 * again, so a typed Asia/Tokio would read Asia&#x2F;Tokio in the message.
 */
export function unescaped(values: Record<string, string | number>) {
  return { ...values, interpolation: { escapeValue: false } };
}
