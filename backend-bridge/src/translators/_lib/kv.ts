/** key=value text as PAM, sshd and others write it. */

/**
 * Parses `key=value key2="quoted value" key3='x'` pairs (PAM, audit, postfix). Values without
 * quotes end at the next space. Keys may contain letters, digits, `_`, `-` and `.`.
 */
export function parseKv(s: string, out: Record<string, string> = {}): Record<string, string> {
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) {
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
    let j = eq + 1;
    let value: string;
    const q = s.charCodeAt(j);
    if (q === 34 || q === 39) {
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
      out[key] = value;
    }
    i = j;
  }
  return out;
}
