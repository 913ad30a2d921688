/**
 * Cuts the elements of the array under `key` of a top-level JSON object (a CloudTrail file's
 * `Records`, an Event Hub batch's `records`, a Reports API page's `items`) out of its text, each
 * exactly as written, so every event keeps its own record as event.original (not the whole file)
 * and one damaged element does not cost the others. A file cut short yields its complete elements
 * and the unfinished tail as the last piece. Null when the text is not an object with that array.
 */
export function recordTexts(text: string, key = 'Records'): string[] | null {
  const open = /^\s*\{/.exec(text);
  if (!open) return null;
  const member = `"${key}"`;
  let depth = 1;
  let i = open[0].length;
  // Find `"key"` as a member name of the top-level object, then its `[`.
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      if (depth === 1 && text.slice(i, end + 1) === member) {
        const m = /^\s*:\s*\[/.exec(text.slice(end + 1, end + 64));
        if (m) return elements(text, end + 1 + m[0].length);
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return null;
    }
  }
  return null;
}

/** Index of the closing quote of the string starting at `start` (or the text's end). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return text.length;
}

function elements(text: string, from: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      if (depth === 0) start = start === -1 ? i : start; // a bare string element: kept as its own piece
      i = stringEnd(text, i);
      if (depth === 0 && start !== -1) {
        out.push(text.slice(start, i + 1));
        start = -1;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return out; // the array's closing ]
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
