/**
 * The one key=value scanner: `key=value key2="quoted value" key3='x'` as PAM, sshd, auditd and
 * FortiOS write it. Unquoted values end at the next space; a word before the next `=` that holds a
 * space is not a key and is skipped (`authentication failure; logname= uid=0`). The dialects differ
 * only in the details a style names.
 */
export interface KvStyle {
  /** A tab separates pairs too (PAM). */
  readonly tabs?: boolean;
  /** `'…'` quotes a value as `"…"` does (Linux); FortiOS quotes with `"` only. */
  readonly singleQuotes?: boolean;
  /** `\"` inside a quoted value is a quote (FortiOS). */
  readonly backslashEscapes?: boolean;
  /** A word whose key is empty or holds `"` is skipped whole, not read as a pair (FortiOS). */
  readonly strictKeys?: boolean;
}

/** Linux programs (PAM, sshd, postfix): tabs separate, `"` and `'` quote. */
export const LINUX_KV: KvStyle = { tabs: true, singleQuotes: true };
/** Linux audit records: spaces only, `"` and `'` quote. */
export const AUDIT_KV: KvStyle = { singleQuotes: true };
/** FortiOS logs: `"` quotes with `\"` escapes, odd words skipped. */
export const FORTIOS_KV: KvStyle = { backslashEscapes: true, strictKeys: true };

/**
 * Calls `pair(key, value, quoted)` for each pair in order (keys never empty) and returns how many
 * there were. An unterminated quote takes the rest of the text as the value.
 */
export function scanKv(
  s: string,
  pair: (key: string, value: string, quoted: boolean) => void,
  style: KvStyle = LINUX_KV,
): number {
  const n = s.length;
  let i = 0;
  let pairs = 0;
  while (i < n) {
    while (i < n && (s.charCodeAt(i) === 32 || (style.tabs === true && s.charCodeAt(i) === 9))) {
      i++;
    }
    const eq = s.indexOf('=', i);
    if (eq < 0) {
      break;
    }
    const sp = s.indexOf(' ', i);
    if (sp >= 0 && sp < eq) {
      // A bare word without '=' (e.g. "authentication failure;"): skip it.
      i = sp + 1;
      continue;
    }
    const key = s.slice(i, eq);
    if (style.strictKeys === true && (key === '' || key.includes('"'))) {
      if (sp < 0) {
        break;
      }
      i = sp + 1;
      continue;
    }
    let j = eq + 1;
    let value: string;
    const q = s.charCodeAt(j);
    const quoted = q === 34 || (q === 39 && style.singleQuotes === true);
    if (quoted && style.backslashEscapes === true) {
      j++;
      value = '';
      let start = j;
      for (;;) {
        const close = s.indexOf('"', j);
        if (close < 0) {
          value += s.slice(start);
          j = n;
          break;
        }
        if (s.charCodeAt(close - 1) === 92 /* \ */) {
          value += s.slice(start, close - 1) + '"';
          j = close + 1;
          start = j;
          continue;
        }
        value += s.slice(start, close);
        j = close + 1;
        break;
      }
    } else if (quoted) {
      const end = s.indexOf(q === 34 ? '"' : "'", j + 1);
      if (end < 0) {
        value = s.slice(j + 1);
        j = n;
      } else {
        value = s.slice(j + 1, end);
        j = end + 1;
      }
    } else {
      let end = s.indexOf(' ', j);
      if (end < 0) {
        end = n;
      }
      value = s.slice(j, end);
      j = end;
    }
    if (key.length > 0) {
      pair(key, value, quoted);
      pairs++;
    }
    i = j;
  }
  return pairs;
}

/** The pairs of `s` into `out` (a later key overwrites an earlier one). */
export function parseKv(
  s: string,
  out: Record<string, string> = {},
  style: KvStyle = LINUX_KV,
): Record<string, string> {
  scanKv(
    s,
    (key, value) => {
      out[key] = value;
    },
    style,
  );
  return out;
}
