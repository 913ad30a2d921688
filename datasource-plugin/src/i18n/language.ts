import { config } from '@grafana/runtime';

export type UiLanguage = 'ja' | 'en';

/** A user-facing text in both languages. */
export interface Bilingual {
  ja: string;
  en: string;
}

/** Japanese for users whose Grafana language is Japanese (ja-JP), English for everyone else (as the app plugin does). */
export function userLanguage(): UiLanguage {
  const language: string | undefined = config.bootData.user?.language;
  return language?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The text in the user's language. */
export function t(text: Bilingual): string {
  return text[userLanguage()];
}

/** The text in the user's language with {name} placeholders filled in. */
export function tf(text: Bilingual, values: Record<string, string | number>): string {
  return t(text).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
