import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shipped Japanese holiday calendar (2026–2027), the same one the demo company uses. */
export const DEFAULT_HOLIDAYS_FILE = join(__dirname, '..', '..', 'src', 'demo', 'data', 'holidays-jp.txt');

/** A holidays file: one "YYYY-MM-DD name" per line; # comments and blank lines are skipped. */
export function loadHolidays(path: string): Set<string> {
  const out = new Set<string>();
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const t = line.trim();
      if (t === '' || t.startsWith('#')) return;
      const date = t.split(/\s+/)[0];
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw new Error(`${path} line ${i + 1}: expected "YYYY-MM-DD name", got "${t.slice(0, 40)}"`);
      out.add(date);
    });
  return out;
}
