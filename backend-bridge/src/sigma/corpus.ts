import { alertRule, matchMeasure, sigmaUid } from './alert';
import { convertRule, type Conversion, type Outcome } from './convert';
import { convertCorrelation, type Measure } from './correlation';
import { sourceMapping } from './fields';
import type { LoadError, SigmaRule } from './rule';

/** Every rule of a corpus converted, correlation rules against the plain rules they name, and the coverage of the whole. */

export interface Entry {
  rule: SigmaRule;
  outcome: Outcome;
  query?: string;
  measure?: Measure;
  issues: Array<{ field?: string; reason: string }>;
}

function entityOf(r: SigmaRule): string | undefined {
  const m = sourceMapping(r.logsource);
  return 'error' in m ? undefined : m.entity;
}

export function convertCorpus(rules: SigmaRule[]): Entry[] {
  const plain = new Map<SigmaRule, Conversion>();
  const byRef = new Map<string, Conversion>();
  for (const r of rules.filter((x) => !x.correlation)) {
    const c = convertRule(r);
    plain.set(r, c);
    if (r.id) byRef.set(r.id, c);
    if (r.name) byRef.set(r.name, c);
  }
  return rules.map((r) => {
    if (r.correlation) {
      const c = convertCorrelation(r, byRef);
      return {
        rule: r,
        outcome: c.outcome,
        measure: c.measure,
        query: c.measure?.query,
        issues: c.reason ? [{ reason: c.reason }] : [],
      };
    }
    const c = plain.get(r)!;
    return {
      rule: r,
      outcome: c.outcome,
      query: c.query,
      issues: c.issues,
      measure: c.query ? matchMeasure(c.query, entityOf(r)) : undefined,
    };
  });
}

/** Alert rules for the entries that converted (partial ones say what they leave out). */
export function alertRules(
  entries: Entry[],
  datasourceUid: string,
  withPartial: boolean,
): Array<Record<string, unknown>> {
  // Rules a correlation counts alert only through it, unless the correlation says generate: true (Sigma's rule).
  const counted = new Set(
    entries.flatMap((e) => (e.rule.correlation && !e.rule.correlation.generate ? e.rule.correlation.rules : [])),
  );
  const seen = new Set<string>(
    entries.filter((e) => counted.has(e.rule.id ?? '') || counted.has(e.rule.name ?? '')).map((e) => sigmaUid(e.rule)),
  );
  const out: Array<Record<string, unknown>> = [];
  for (const e of entries) {
    if (!e.measure || (e.outcome === 'partial' && !withPartial)) continue;
    const notes =
      e.outcome === 'partial'
        ? [
            `Kansa converted this Sigma rule partially; broader than the rule, it leaves out: ${e.issues.map((i) => (i.field ? `${i.field}: ${i.reason}` : i.reason)).join('; ')}`,
          ]
        : [];
    const rule = alertRule(e.rule, e.measure, datasourceUid, notes);
    // Two files with one id (a rule and its copy) would make Grafana reject the whole file.
    if (seen.has(String(rule.uid))) continue;
    seen.add(String(rule.uid));
    out.push(rule);
  }
  return out;
}

export interface Coverage {
  total: number;
  full: number;
  partial: number;
  none: number;
  loadErrors: number;
  /** Sigma fields with no Kansa field (or no usable form), by the number of rules missing them. */
  missingFields: Array<{ field: string; rules: number }>;
  /** Why rules did not convert, by the number of rules. */
  reasons: Array<{ reason: string; rules: number }>;
}

const ranked = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

/** Reasons vary by value ("Windows category \"x\""); the coverage groups them by their wording without quoted parts. */
const reasonKey = (r: string) =>
  r
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\{[^}]*\}/g, '{…}')
    .replace(/^((refers to|counts) [^:]+): .*/, '$1');

export function coverage(entries: Entry[], loadErrors: LoadError[]): Coverage {
  const missing = new Map<string, number>();
  const reasons = new Map<string, number>();
  for (const e of entries) {
    const fields = new Set(e.issues.filter((i) => i.field).map((i) => i.field!));
    for (const f of fields) missing.set(f, (missing.get(f) ?? 0) + 1);
    if (e.outcome === 'none') {
      const keys = new Set(e.issues.filter((i) => !i.field).map((i) => reasonKey(i.reason)));
      if (keys.size === 0) keys.add('every field is unsupported');
      for (const k of keys) reasons.set(k, (reasons.get(k) ?? 0) + 1);
    }
  }
  return {
    total: entries.length,
    full: entries.filter((e) => e.outcome === 'full').length,
    partial: entries.filter((e) => e.outcome === 'partial').length,
    none: entries.filter((e) => e.outcome === 'none').length,
    loadErrors: loadErrors.length,
    missingFields: ranked(missing).map(([field, rules]) => ({ field, rules })),
    reasons: ranked(reasons).map(([reason, rules]) => ({ reason, rules })),
  };
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)} %` : '-');

export function coverageText(c: Coverage, top = 15): string {
  const lines = [
    `Sigma coverage: ${c.total} rules (${c.loadErrors} files or documents not read as rules)`,
    `  full     ${String(c.full).padStart(6)}  ${pct(c.full, c.total)}`,
    `  partial  ${String(c.partial).padStart(6)}  ${pct(c.partial, c.total)}  (broader than the rule; the missing parts are listed per rule)`,
    `  none     ${String(c.none).padStart(6)}  ${pct(c.none, c.total)}`,
  ];
  if (c.missingFields.length) {
    lines.push(`most often missing fields (rules):`);
    for (const m of c.missingFields.slice(0, top)) lines.push(`  ${String(m.rules).padStart(6)}  ${m.field}`);
  }
  if (c.reasons.length) {
    lines.push(`why rules did not convert (rules):`);
    for (const r of c.reasons.slice(0, top)) lines.push(`  ${String(r.rules).padStart(6)}  ${r.reason}`);
  }
  return lines.join('\n');
}

/** One line per rule for --verbose: outcome, title and the reasons. */
export function entryLine(e: Entry): string {
  const why = e.issues.map((i) => (i.field ? `${i.field}: ${i.reason}` : i.reason)).join('; ');
  return `${e.outcome.padEnd(7)} ${e.rule.file}  ${e.rule.title}${why ? `  — ${why}` : ''}`;
}
