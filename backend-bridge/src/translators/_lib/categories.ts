import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * URL categories from plain-text lists: one file per category (`job-site.txt`, `sns.txt`, …), one
 * domain per line, `#` comments, and optional `#! ja: 転職サイト` / `#! en: job site` label lines.
 * A domain matches its own entry or any parent domain's (www.doda.jp → doda.jp); the most specific
 * entry wins. Building a matcher is a pure function of the file texts; `defaultCategories()` reads
 * the shipped lists once.
 */

export interface CategoryFile {
  /** The category id, normally the file name without `.txt`. */
  category: string;
  text: string;
}

export interface CategoryLabel {
  ja: string;
  en: string;
}

export interface CategoryMatcher {
  /** The category of a host name (any case, with or without port or trailing dot), or undefined. */
  categorize(domain: string): string | undefined;
  /** Words for a category id, for sentences. */
  label(category: string): CategoryLabel;
  readonly categories: readonly string[];
}

const BUILTIN_LABELS: Record<string, CategoryLabel> = {
  'job-site': { ja: '転職サイト', en: 'job site' },
  sns: { ja: 'SNS', en: 'social media' },
  video: { ja: '動画サイト', en: 'video site' },
  'cloud-storage': { ja: 'クラウドストレージ', en: 'cloud storage' },
  webmail: { ja: 'Web メール', en: 'webmail' },
  search: { ja: '検索', en: 'search' },
  news: { ja: 'ニュース', en: 'news' },
  business: { ja: '業務', en: 'business' },
};

/** Normalizes a host for lookup: lowercase, no port, no trailing dot, no brackets. */
export function normalizeDomain(domain: string): string {
  let d = domain.trim().toLowerCase();
  if (d.startsWith('[')) return d; // IPv6 literal: never categorized by suffix
  const colon = d.lastIndexOf(':');
  if (colon !== -1 && d.indexOf(':') === colon) d = d.slice(0, colon);
  if (d.endsWith('.')) d = d.slice(0, -1);
  return d;
}

/** Builds a matcher from category file texts. Files earlier in the list win a domain listed twice. */
export function buildCategoryMatcher(files: readonly CategoryFile[]): CategoryMatcher {
  const byDomain = new Map<string, string>();
  const labels = new Map<string, CategoryLabel>();
  const categories: string[] = [];
  for (const file of files) {
    categories.push(file.category);
    const label: CategoryLabel = { ...(BUILTIN_LABELS[file.category] ?? { ja: file.category, en: file.category }) };
    for (const rawLine of file.text.split(/\r?\n/)) {
      const line = rawLine.trim();
      if (line === '') continue;
      if (line.startsWith('#!')) {
        const m = /^#!\s*(ja|en)\s*:\s*(.+)$/.exec(line);
        if (m) label[m[1] as 'ja' | 'en'] = m[2].trim();
        continue;
      }
      if (line.startsWith('#')) continue;
      // Allow "domain  # comment" and a stray scheme or path.
      const entry = normalizeDomain(
        line
          .split(/\s+#|\s/)[0]
          .replace(/^[a-z]+:\/\//, '')
          .split('/')[0],
      );
      if (entry && !byDomain.has(entry)) byDomain.set(entry, file.category);
    }
    labels.set(file.category, label);
  }
  return {
    categories,
    categorize(domain: string): string | undefined {
      let d = normalizeDomain(domain);
      for (;;) {
        const hit = byDomain.get(d);
        if (hit) return hit;
        const dot = d.indexOf('.');
        if (dot === -1) return undefined;
        d = d.slice(dot + 1);
      }
    },
    label(category: string): CategoryLabel {
      return labels.get(category) ?? BUILTIN_LABELS[category] ?? { ja: category, en: category };
    },
  };
}

/** Where the shipped lists are: beside this file in src, or found from dist. */
export function shippedCategoryDir(): string | undefined {
  const candidates = [
    join(__dirname, 'categories'),
    join(__dirname, '..', '..', '..', 'src', 'translators', '_lib', 'categories'),
  ];
  return candidates.find((d) => existsSync(d));
}

/** Reads every `*.txt` of a directory as category files, sorted by name. */
export function readCategoryDir(dir: string): CategoryFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ category: f.slice(0, -4), text: readFileSync(join(dir, f), 'utf8') }));
}

let shipped: CategoryMatcher | undefined;

/** The matcher over the shipped lists, read once. */
export function defaultCategories(): CategoryMatcher {
  if (!shipped) {
    const dir = shippedCategoryDir();
    shipped = buildCategoryMatcher(dir ? readCategoryDir(dir) : []);
  }
  return shipped;
}

/** The shipped lists' category of a domain, e.g. categorize('www.doda.jp') === 'job-site'. */
export function categorize(domain: string): string | undefined {
  return defaultCategories().categorize(domain);
}

/** Words for a category id from the shipped lists. */
export function categoryLabel(category: string): CategoryLabel {
  return defaultCategories().label(category);
}
