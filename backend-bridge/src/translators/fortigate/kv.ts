/**
 * FortiOS `key=value` log text: values are bare (`srcip=10.0.1.23`) or double-quoted
 * (`devname="FGT60F"`, `msg="URL belongs to a denied category"`), quotes inside escaped as `\"`.
 * Returns null if the text holds no pair at all.
 */
export function parseKv(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  let i = 0;
  const n = text.length;
  let pairs = 0;
  while (i < n) {
    while (i < n && text.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    const eq = text.indexOf('=', i);
    if (eq === -1) break;
    const key = text.slice(i, eq);
    if (key === '' || key.includes(' ') || key.includes('"')) {
      // Not a key: skip this word.
      const sp = text.indexOf(' ', i);
      if (sp === -1) break;
      i = sp + 1;
      continue;
    }
    let j = eq + 1;
    let value: string;
    if (text.charCodeAt(j) === 34 /* " */) {
      j++;
      let v = '';
      let start = j;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          // Truncated line: keep what there is.
          v += text.slice(start);
          j = n;
          break;
        }
        if (text.charCodeAt(q - 1) === 92 /* \ */) {
          v += text.slice(start, q - 1) + '"';
          j = q + 1;
          start = j;
          continue;
        }
        v += text.slice(start, q);
        j = q + 1;
        break;
      }
      value = v;
    } else {
      const sp = text.indexOf(' ', j);
      const end = sp === -1 ? n : sp;
      value = text.slice(j, end);
      j = end;
    }
    out[key] = value;
    pairs++;
    i = j;
  }
  return pairs > 0 ? out : null;
}
