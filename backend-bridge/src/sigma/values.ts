/**
 * Sigma values → Lucene (OpenSearch query_string) terms. A Sigma string is a sequence of literal characters and
 * the wildcards `*` and `?` (a backslash escapes `*`, `?` and itself); modifiers turn a value into one or more
 * such patterns before a field kind decides how to write them.
 */

export type Piece = { lit: string } | { any: true } | { one: true };
/** One Sigma string with its wildcards; `cased` when the rule asked for case-sensitive matching. */
export interface Pattern {
  pieces: Piece[];
}

/** Reads a Sigma string: `\*`, `\?` and `\\` are literals, any other backslash is itself. */
export function parsePattern(s: string): Pattern {
  const pieces: Piece[] = [];
  let lit = '';
  const flush = () => {
    if (lit) pieces.push({ lit });
    lit = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && (s[i + 1] === '*' || s[i + 1] === '?' || s[i + 1] === '\\')) {
      lit += s[++i];
    } else if (c === '*') {
      flush();
      pieces.push({ any: true });
    } else if (c === '?') {
      flush();
      pieces.push({ one: true });
    } else {
      lit += c;
    }
  }
  flush();
  return { pieces };
}

export const literal = (s: string): Pattern => ({ pieces: s ? [{ lit: s }] : [] });
export const isLiteral = (p: Pattern) => p.pieces.every((x) => 'lit' in x);
export const text = (p: Pattern) => p.pieces.map((x) => ('lit' in x ? x.lit : 'any' in x ? '*' : '?')).join('');
export const literalText = (p: Pattern) => p.pieces.map((x) => ('lit' in x ? x.lit : '')).join('');

export function wrap(p: Pattern, before: boolean, after: boolean): Pattern {
  const pieces = [...p.pieces];
  if (before && !(pieces[0] && 'any' in pieces[0])) pieces.unshift({ any: true });
  if (after && !(pieces[pieces.length - 1] && 'any' in pieces[pieces.length - 1])) pieces.push({ any: true });
  return { pieces };
}

/** A literal prefix followed by one trailing `*` (what a prefix query can express). */
export function prefixOf(p: Pattern): string | undefined {
  const last = p.pieces[p.pieces.length - 1];
  if (!last || !('any' in last)) return undefined;
  const head = p.pieces.slice(0, -1);
  return head.every((x) => 'lit' in x) ? head.map((x) => (x as { lit: string }).lit).join('') : undefined;
}

/** query_string escapes every reserved character with a backslash, including space. */
export function escapeTerm(s: string): string {
  return s.replace(/[+\-=&|><!(){}[\]^"~*?:\\/\s]/g, (c) => `\\${c}`);
}

export const quote = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** Lucene regular expressions treat these as operators; everything else is literal. */
const REGEX_SPECIAL = /[.?+*|{}[\]()"\\#@&<>~/]/;

function regexChar(c: string, caseless: boolean): string {
  if (caseless && /[a-zA-Z]/.test(c)) return `[${c.toLowerCase()}${c.toUpperCase()}]`;
  return REGEX_SPECIAL.test(c) ? `\\${c}` : c;
}

/**
 * A pattern as a Lucene regular expression between slashes. Keyword fields are case-sensitive in OpenSearch
 * while Sigma matches without case by default, so each letter becomes a two-letter class unless the rule said `cased`.
 */
export function patternRegex(p: Pattern, caseless: boolean): string {
  const body = p.pieces
    .map((x) => ('any' in x ? '.*' : 'one' in x ? '.' : [...x.lit].map((c) => regexChar(c, caseless)).join('')))
    .join('');
  return `/${body}/`;
}

/** A pattern as a query_string wildcard term (case-sensitive). */
export function patternWildcard(p: Pattern): string {
  return p.pieces.map((x) => ('any' in x ? '*' : 'one' in x ? '?' : escapeTerm(x.lit))).join('');
}

/**
 * Sigma's `re` (PCRE-like) as a Lucene regular expression, or the reason it cannot be one. Lucene anchors its
 * expressions, so an unanchored Sigma regex gets `.*` on the open ends; Lucene has no shorthand classes, so
 * `\d \w \s` are spelled out; look-arounds, back-references, `\b` and inline flags other than a leading `(?i)` have
 * no Lucene form.
 */
export function pcreToLucene(re: string, flags: { i?: boolean } = {}): { regex: string } | { error: string } {
  let src = re;
  let caseless = !!flags.i;
  if (src.startsWith('(?i)')) {
    caseless = true;
    src = src.slice(4);
  }
  if (/\(\?/.test(src)) return { error: 'look-arounds, non-capturing groups and inline flags have no Lucene form' };
  if (/\\[bBAZzG]/.test(src)) return { error: 'anchors such as \\b have no Lucene form' };
  if (/\\[1-9]/.test(src)) return { error: 'back-references have no Lucene form' };
  const anchoredStart = src.startsWith('^');
  if (anchoredStart) src = src.slice(1);
  const anchoredEnd = /(^|[^\\])\$$/.test(src);
  if (anchoredEnd) src = src.slice(0, -1);
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[++i];
      if (n === undefined) return { error: 'trailing backslash' };
      if (n === 'd') out += inClass ? '0-9' : '[0-9]';
      else if (n === 'w') out += inClass ? 'a-zA-Z0-9_' : '[a-zA-Z0-9_]';
      else if (n === 's') out += inClass ? ' \t\r\n' : '[ \t\r\n]';
      else if (n === 'D' || n === 'W' || n === 'S') {
        if (inClass) return { error: `\\${n} inside a class has no Lucene form` };
        out += n === 'D' ? '[^0-9]' : n === 'W' ? '[^a-zA-Z0-9_]' : '[^ \t\r\n]';
      } else if (n === 't') out += '\t';
      else if (n === 'n') out += '\n';
      else if (n === 'r') out += '\r';
      else if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(src.slice(i + 1, i + 3))) {
        out += regexChar(String.fromCharCode(parseInt(src.slice(i + 1, i + 3), 16)), false);
        i += 2;
      } else out += /[a-zA-Z0-9]/.test(n) ? n : `\\${n}`;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out +=
        c === '"' || c === '/'
          ? `\\${c}`
          : caseless && /[a-zA-Z]/.test(c) && src[i + 1] !== '-' && src[i - 1] !== '-'
            ? `${c.toLowerCase()}${c.toUpperCase()}`
            : c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') out += src[++i];
    } else if (c === '$' || c === '^') {
      return { error: `an anchor inside the expression has no Lucene form` };
    } else if ('#@&<>~"/'.includes(c)) {
      out += `\\${c}`;
    } else if (caseless && /[a-zA-Z]/.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    } else {
      out += c;
    }
  }
  return { regex: `/${anchoredStart ? '' : '.*'}${out}${anchoredEnd ? '' : '.*'}/` };
}

// --- modifiers that rewrite the value itself ---

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];

/** `windash`: a dash or slash that starts an option (at the start or after a space) in each dash Windows accepts. */
export function windash(s: string): string[] {
  if (!/(^|\s)[-/]/.test(s)) return [s];
  return DASHES.map((d) => s.replace(/(^|\s)[-/]/g, (_m, pre: string) => pre + d));
}

/** `base64`: the exact encoding. */
export const base64 = (bytes: Buffer) => bytes.toString('base64');

/**
 * `base64offset`: the value can start at any of three byte offsets inside an encoded blob, so each offset has its
 * own stable middle part of the encoding; the characters that depend on the neighbouring bytes are cut off.
 */
export function base64offset(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const enc = Buffer.concat([Buffer.alloc(i, 0x20), bytes]).toString('base64');
    const start = [0, 2, 3][i];
    const rem = (bytes.length + i) % 3;
    const end = rem === 0 ? enc.length : enc.length - [0, 3, 2][rem];
    out.push(enc.slice(start, end));
  }
  return out;
}

/** `wide` / `utf16le` / `utf16be` / `utf16`: the bytes a base64 modifier encodes. */
export function encodeText(s: string, encoding: 'utf8' | 'utf16le' | 'utf16be' | 'utf16'): Buffer {
  if (encoding === 'utf8') return Buffer.from(s, 'utf8');
  const le = Buffer.from(s, 'utf16le');
  if (encoding === 'utf16le') return le;
  const be = Buffer.from(le);
  be.swap16();
  return encoding === 'utf16be' ? be : Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
}
