/** The Cisco message tag, `%FACILITY[-SUBFAC]-SEVERITY-MNEMONIC:`, and where it sits in a message. */

/** `%LINK-3-UPDOWN:`; facility parts start with a letter (SLOT1, SP), the severity is one digit. */
const TAG = /%([A-Z][A-Z0-9_]*(?:-[A-Z][A-Z0-9_]*)*)-([0-7])-([A-Z0-9_]+):[ \t]*/y;
export const PROGRAM_TAG = /^%[A-Z][A-Z0-9_]*(?:-[A-Z][A-Z0-9_]*)*-[0-7]-[A-Z0-9_]+$/;

export interface Parsed {
  facility: string;
  severity: number;
  mnemonic: string;
  text: string;
  preamble: string;
}

/** Finds the tag in a message, looking past a counter, hostname and device timestamp. */
export function findTag(full: string): Parsed | null {
  let from = 0;
  // The tag sits within the first ~120 characters; no need to scan a long text.
  const limit = Math.min(full.length, 160);
  while (from < limit) {
    const pct = full.indexOf('%', from);
    if (pct === -1 || pct >= limit) return null;
    TAG.lastIndex = pct;
    const m = TAG.exec(full);
    if (m) {
      return {
        facility: m[1],
        severity: Number(m[2]),
        mnemonic: m[3],
        text: full.slice(TAG.lastIndex).trimEnd(),
        preamble: full.slice(0, pct),
      };
    }
    from = pct + 1;
  }
  return null;
}
