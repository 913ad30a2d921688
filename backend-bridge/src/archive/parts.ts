/**
 * The part of a stream that holds byte `at`: the last part starting at or before it (the first part when
 * none does; undefined when there are no parts). Parts are in stream order. Used by the import tap and by
 * replay to find the archived record an event was translated from (by its log.offset).
 */
export function partAt<T extends { start: number }>(parts: readonly T[], at: number): T | undefined {
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (parts[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return parts[lo];
}
