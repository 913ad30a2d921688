// The plugins' UI strings as the page shows them in a language: read from the built locales, so a scenario finds
// a button by what the user reads in Japanese or English rather than by markup.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '..', '..');
const DIST = {
  'kansa-logs-app': join(REPO, 'app-plugin', 'dist'),
  'kansa-logs-datasource': join(REPO, 'datasource-plugin', 'dist'),
};
const cache = new Map();

/** The text of `key` (dotted) in the plugin's locale; English falls back to the en-US file. */
export function text(plugin, lang, key) {
  const file = join(DIST[plugin], 'locales', lang, `${plugin}.json`);
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(file, 'utf8')));
  const v = key.split('.').reduce((o, k) => o?.[k], cache.get(file));
  if (typeof v !== 'string') throw new Error(`no ${lang} text for ${plugin} ${key}`);
  return v;
}
