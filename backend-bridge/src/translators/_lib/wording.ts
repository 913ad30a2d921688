/** Helpers for the bilingual sentences (kansa.message.ja / kansa.message.en). */

/** Joins reason parts into `(a、b)` / ` (a, b)`; empty parts dropped. */
export function paren(parts: Array<string | undefined | null>, lang: 'ja' | 'en'): string {
  const sep = lang === 'ja' ? '、' : ', ';
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const x = parts[i];
    if (x) {
      out = out === '' ? x : out + sep + x;
    }
  }
  if (out === '') {
    return '';
  }
  return lang === 'ja' ? `(${out})` : ` (${out})`;
}

/** `GetObject` → `get-object`, `ConsoleLogin` → `console-login`. */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();
}
