/** Median of a list (0 for an empty one). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median absolute deviation from the median. */
export function mad(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/** Quantile by linear interpolation between closest ranks (q in 0..1). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export interface RobustDeviation {
  value: number;
  median: number;
  mad: number;
  /** The spread the deviation is measured in (see robustDeviation). */
  scale: number;
  /** How many spreads above the median; negative below. */
  z: number;
  days: number;
}

/**
 * How unusual `value` is against a history of daily values, in robust units:
 * z = (value − median) / scale, scale = max(1.4826·MAD, (p90 − median)/1.2816, minScale).
 * 1.4826·MAD is the normal-consistent spread; the p90 term keeps sparse habits (printing on one day
 * in five, so MAD = 0) from turning every ordinary day of that habit into an outlier; minScale keeps
 * a history of all zeros from dividing by zero.
 */
export function robustDeviation(value: number, history: readonly number[], minScale: number): RobustDeviation {
  const med = median(history);
  const m = mad(history);
  const tail = (quantile(history, 0.9) - med) / 1.2816;
  const scale = Math.max(1.4826 * m, tail, minScale);
  return { value, median: med, mad: m, scale, z: (value - med) / scale, days: history.length };
}
