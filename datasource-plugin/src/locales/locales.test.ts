import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import en from './en-US/kansa-logs-datasource.json';
import ja from './ja-JP/kansa-logs-datasource.json';

type Tree = { [key: string]: string | Tree };

const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [[prefix + k, v]] : Object.entries(flatten(v, `${prefix}${k}.`)),
    ),
  );

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name === 'locales' ? [] : sources(path);
    }
    return /\.tsx?$/.test(name) && !name.includes('.test.') ? [path] : [];
  });
}

// Every t('key', 'English') call in the source; the English is the text Grafana shows without a translation.
const calls = sources(join(__dirname, '..')).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)',\s*'((?:[^'\\]|\\.)*)'/g)].map(([, key, text]) => ({
    file,
    key,
    text: text.replace(/\\'/g, "'"),
  })),
);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the locale files', () => {
  const english = flatten(en);
  const japanese = flatten(ja);

  it('hold the English of every t() call in the source, and nothing else', () => {
    expect(calls.length).toBeGreaterThan(50);
    for (const { key, text } of calls) {
      expect({ key, text: english[key] }).toEqual({ key, text });
    }
    expect(Object.keys(english).sort()).toEqual([...new Set(calls.map((c) => c.key))].sort());
  });

  it('have a Japanese text for every key, with the same placeholders', () => {
    expect(Object.keys(japanese).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(english)) {
      expect({ key, placeholders: placeholders(japanese[key]) }).toEqual({ key, placeholders: placeholders(text) });
      expect(japanese[key]).not.toBe('');
    }
  });
});
