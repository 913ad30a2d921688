/**
 * Cuts the elements of a CloudTrail log file's `Records` array (or another wrapper's array named
 * `key`, such as Azure Event Hub's `records`) out of its text, each exactly as
 * written, so every event keeps its own record as event.original (not the whole file) and one
 * damaged element does not cost the others. A file cut short yields its complete elements and the
 * unfinished tail as the last piece.
 */
export function recordTexts(text: string, key = 'Records'): string[] | null {
  const head = new RegExp(`^\\s*\\{\\s*"${key}"\\s*:\\s*\\[`).exec(text);
  if (!head) return null;
  const out: string[] = [];
  let i = head[0].length;
  let depth = 0;
  let start = -1;
  let inString = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return out; // the closing ] of Records
      depth--;
      if (depth === 0) {
        out.push(text.slice(start, i + 1));
        start = -1;
      }
    }
  }
  if (start !== -1) out.push(text.slice(start));
  return out;
}
