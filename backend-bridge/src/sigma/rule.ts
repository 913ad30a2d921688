import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { LogSource } from './fields';

/** A Sigma rule or correlation rule as read from YAML; only what conversion and alert rules use. */
export interface SigmaRule {
  file: string;
  title: string;
  id?: string;
  name?: string;
  status?: string;
  description?: string;
  level?: string;
  tags: string[];
  references: string[];
  falsepositives: string[];
  logsource: LogSource;
  detection?: Record<string, unknown>;
  correlation?: Correlation;
}

export interface Correlation {
  type: string;
  rules: string[];
  groupBy: string[];
  timespan?: string;
  condition?: Record<string, unknown>;
  /** Whether the rules it counts also alert on their own (Sigma's default: no). */
  generate: boolean;
}

/** A file or document that is not a Sigma rule: reported in the coverage, never thrown. */
export interface LoadError {
  file: string;
  message: string;
}

/** Bounds that keep a stray huge YAML file from exhausting memory; a SigmaHQ rule is a few KiB. */
export const MAX_RULE_FILE_BYTES = 1 << 20;

const strings = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String)
    : typeof v === 'string'
      ? [v]
      : [];
const str = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every rule in a YAML text; legacy `action: global` documents are merged into the documents after them. */
export function parseRules(text: string, file: string): { rules: SigmaRule[]; errors: LoadError[] } {
  const rules: SigmaRule[] = [];
  const errors: LoadError[] = [];
  let global: Record<string, unknown> = {};
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, i) => {
    const where = list.length > 1 ? `${file}#${i + 1}` : file;
    if (doc.errors.length > 0) {
      errors.push({ file: where, message: `YAML: ${doc.errors[0].message.split('\n')[0]}` });
      return;
    }
    const raw: unknown = doc.toJS({ maxAliasCount: 100 });
    if (raw === null || raw === undefined) return;
    if (!isMap(raw)) {
      errors.push({ file: where, message: 'not a YAML mapping' });
      return;
    }
    if (raw.action === 'global') {
      global = { ...raw };
      delete global.action;
      return;
    }
    if (raw.action === 'reset') {
      global = {};
      return;
    }
    const merged = mergeGlobal(global, raw);
    const rule = toRule(merged, where);
    if ('message' in rule) errors.push(rule);
    else rules.push(rule);
  });
  return { rules, errors };
}

function mergeGlobal(global: Record<string, unknown>, doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...global, ...doc };
  for (const key of ['logsource', 'detection']) {
    if (isMap(global[key]) && isMap(doc[key])) out[key] = { ...global[key], ...doc[key] };
  }
  return out;
}

function toRule(raw: Record<string, unknown>, file: string): SigmaRule | LoadError {
  const title = str(raw.title);
  if (!title) return { file, message: 'no title: not a Sigma rule' };
  const base = {
    file,
    title,
    id: str(raw.id),
    name: str(raw.name),
    status: str(raw.status),
    description: str(raw.description),
    level: str(raw.level)?.toLowerCase(),
    tags: strings(raw.tags),
    references: strings(raw.references),
    falsepositives: strings(raw.falsepositives),
    logsource: isMap(raw.logsource)
      ? {
          product: str(raw.logsource.product),
          category: str(raw.logsource.category),
          service: str(raw.logsource.service),
        }
      : {},
  };
  if (isMap(raw.correlation)) {
    const c = raw.correlation;
    return {
      ...base,
      correlation: {
        type: str(c.type) ?? '',
        rules: strings(c.rules),
        groupBy: strings(c['group-by']),
        timespan: str(c.timespan) ?? str(c.timeframe),
        condition: isMap(c.condition) ? c.condition : undefined,
        generate: c.generate === true,
      },
    };
  }
  if (!isMap(raw.detection)) return { file, message: `${title}: no detection section` };
  return { ...base, detection: raw.detection };
}

/** Rule files under the given files and folders (recursively), .yml and .yaml, in a stable order. */
export function ruleFiles(paths: string[]): { files: string[]; errors: LoadError[] } {
  const files: string[] = [];
  const errors: LoadError[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      errors.push({ file: p, message: (err as Error).message });
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (!name.startsWith('.')) walk(join(p, name));
      }
    } else if (['.yml', '.yaml'].includes(extname(p).toLowerCase())) {
      if (st.size > MAX_RULE_FILE_BYTES)
        errors.push({ file: p, message: `larger than ${MAX_RULE_FILE_BYTES} bytes: not read` });
      else files.push(p);
    }
  };
  paths.forEach(walk);
  return { files, errors };
}

export function loadRules(paths: string[]): { rules: SigmaRule[]; errors: LoadError[] } {
  const { files, errors } = ruleFiles(paths);
  const rules: SigmaRule[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (err) {
      errors.push({ file: f, message: (err as Error).message });
      continue;
    }
    try {
      const r = parseRules(text, f);
      rules.push(...r.rules);
      errors.push(...r.errors);
    } catch (err) {
      errors.push({ file: f, message: `YAML: ${(err as Error).message.split('\n')[0]}` });
    }
  }
  return { rules, errors };
}
