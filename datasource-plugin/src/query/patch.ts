/** The object with a patch applied and keys set to undefined removed, so stored JSON only holds what was chosen. */
export function withPatch<T extends object>(value: T, patch: Partial<T>): T {
  const next: Record<string, unknown> = { ...value, ...patch };
  for (const key of Object.keys(next)) {
    if (next[key] === undefined) {
      delete next[key];
    }
  }
  return next as T;
}
