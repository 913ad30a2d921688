/** Bilingual text: every title and description Kansa ships is Japanese first, then English. */
export interface Bi {
  ja: string;
  en: string;
}

export const bi = (ja: string, en: string): Bi => ({ ja, en });

/** The one bilingual rendering used everywhere in dashboards: "日本語 / English". */
export const title = (t: Bi): string => `${t.ja} / ${t.en}`;

/** Descriptions are longer, so each language gets its own paragraph. */
export const paragraphs = (t: Bi): string => `${t.ja}\n\n${t.en}`;
