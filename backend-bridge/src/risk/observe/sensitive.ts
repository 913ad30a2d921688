import type { RiskState } from '../profile/state';
import type { RiskSettings } from '../settings';
import type { UserInfo } from './observation';

export interface Sensitivity {
  /** Multiplier of a rare resource's points. */
  factor: number;
  /** What makes it sensitive, for the reason text: the matching word or "executives". */
  why: string;
}

const ASCII = /^[\x20-\x7e]+$/;

/** One regular expression for the sensitive words: ASCII words match whole, others anywhere. */
export function sensitiveMatcher(words: readonly string[]): RegExp | undefined {
  if (words.length === 0) return undefined;
  const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    words.map((w) => (ASCII.test(w) ? `(?<![\\p{L}\\p{N}])${esc(w)}(?![\\p{L}\\p{N}])` : esc(w))).join('|'),
    'iu',
  );
}

/** Departments whose known members mostly carry an executive title. */
export function executiveDepartments(
  state: RiskState,
  s: RiskSettings,
  today: ReadonlyMap<string, UserInfo> = new Map(),
): Set<string> {
  const count = new Map<string, { all: number; exec: number }>();
  const add = (i: UserInfo) => {
    const c = count.get(i.department) ?? { all: 0, exec: 0 };
    c.all++;
    if (i.title && s.executiveTitle.test(i.title)) c.exec++;
    count.set(i.department, c);
  };
  for (const p of Object.values(state.users)) add(p.info);
  for (const [user, i] of today) if (!state.users[user]) add(i);
  return new Set([...count].filter(([, c]) => c.exec > 0 && c.exec * 2 >= c.all).map(([d]) => d));
}

/**
 * How sensitive a share or folder key ("share:役員", "folder:役員\報酬") is for a reader: named sensitive
 * by a word in it, or the executives' share read by someone outside the executives. Reading one's own
 * department's share is never sensitive for the reader.
 */
export function sensitivityOf(
  key: string,
  reader: UserInfo,
  words: RegExp | undefined,
  executives: ReadonlySet<string>,
  s: RiskSettings,
): Sensitivity | undefined {
  const kind = key.slice(0, key.indexOf(':'));
  if (kind !== 'share' && kind !== 'folder') return undefined;
  const name = key.slice(kind.length + 1);
  const share = name.split('\\')[0];
  if (share === reader.department) return undefined;
  const m = words?.exec(name);
  if (m) return { factor: s.sensitiveFactor, why: m[0] };
  if (executives.has(share)) return { factor: s.executiveShareFactor, why: 'executives' };
  return undefined;
}
