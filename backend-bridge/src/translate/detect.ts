/**
 * A line format's detection score: the share of the sample's non-blank lines that pass `test`,
 * scaled to `ceiling` (below 1, so that a stricter format matching the same lines can win).
 */
export function shareOfLines(sample: string, test: (line: string) => boolean, ceiling: number): number {
  let lines = 0;
  let hits = 0;
  for (const line of sample.split('\n')) {
    if (line.trim() === '') continue;
    lines++;
    if (test(line)) hits++;
  }
  return lines === 0 ? 0 : ceiling * (hits / lines);
}
