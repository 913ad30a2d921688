import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const FIELD_TYPES = [
  'keyword',
  'text',
  'date',
  'long',
  'integer',
  'float',
  'boolean',
  'ip',
  'flat_object',
  'object',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const USE_CASES = ['cyber', 'insider', 'audit', 'attendance', 'failure'] as const;
export type UseCase = (typeof USE_CASES)[number];

export interface FieldSpec {
  name: string;
  type: FieldType;
  array: boolean;
  analyzer?: string;
  en: string;
  ja: string;
  use: UseCase[];
}

export interface IndexSpec {
  alias: string;
  pattern: string;
  prefix: string;
}

export interface Registry {
  version: number;
  index: IndexSpec;
  /** Per-user daily risk summaries; same field names as the events, so one registry serves both. */
  riskIndex: IndexSpec;
  /** The user directory and asset list, one document per account or host, replaced whole on reload. */
  directoryIndex: IndexSpec;
  /** Self-reported timesheets, one document per person and day, compared with the logs for 乖離. */
  timesheetIndex: IndexSpec;
  fields: FieldSpec[];
}

export const REGISTRY_PATH = join(__dirname, '..', 'fields.yaml');

export function loadRegistry(path = REGISTRY_PATH): Registry {
  return parseRegistry(readFileSync(path, 'utf8'), path);
}

/** Validates the YAML strictly: a typo in the registry must fail generation, not produce a silent mapping. */
export function parseRegistry(text: string, origin: string): Registry {
  const doc = parse(text) as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof doc?.version !== 'number') {
    problems.push('version: expected a number');
  }
  const index = doc?.index as IndexSpec | undefined;
  if (
    !index ||
    typeof index.alias !== 'string' ||
    typeof index.pattern !== 'string' ||
    typeof index.prefix !== 'string'
  ) {
    problems.push('index: expected alias, pattern and prefix');
  }
  const riskIndex = doc?.risk_index as IndexSpec | undefined;
  if (
    !riskIndex ||
    typeof riskIndex.alias !== 'string' ||
    typeof riskIndex.pattern !== 'string' ||
    typeof riskIndex.prefix !== 'string'
  ) {
    problems.push('risk_index: expected alias, pattern and prefix');
  }
  const directoryIndex = doc?.directory_index as IndexSpec | undefined;
  if (
    !directoryIndex ||
    typeof directoryIndex.alias !== 'string' ||
    typeof directoryIndex.pattern !== 'string' ||
    typeof directoryIndex.prefix !== 'string'
  ) {
    problems.push('directory_index: expected alias, pattern and prefix');
  }
  const timesheetIndex = doc?.timesheet_index as IndexSpec | undefined;
  if (
    !timesheetIndex ||
    typeof timesheetIndex.alias !== 'string' ||
    typeof timesheetIndex.pattern !== 'string' ||
    typeof timesheetIndex.prefix !== 'string'
  ) {
    problems.push('timesheet_index: expected alias, pattern and prefix');
  }
  const rawFields = Array.isArray(doc?.fields) ? (doc.fields as Array<Record<string, unknown>>) : [];
  if (rawFields.length === 0) {
    problems.push('fields: expected a non-empty list');
  }
  const seen = new Set<string>();
  const fields: FieldSpec[] = rawFields.map((raw, i) => {
    const where = `fields[${i}] (${String(raw.name)})`;
    const name = String(raw.name ?? '');
    if (!/^@?[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/.test(name)) {
      problems.push(`${where}: name must be dotted lower-case words`);
    }
    if (seen.has(name)) {
      problems.push(`${where}: duplicate name`);
    }
    seen.add(name);
    if (!FIELD_TYPES.includes(raw.type as FieldType)) {
      problems.push(`${where}: type must be one of ${FIELD_TYPES.join(', ')}`);
    }
    for (const lang of ['en', 'ja'] as const) {
      if (typeof raw[lang] !== 'string' || (raw[lang] as string).trim() === '') {
        problems.push(`${where}: missing ${lang} description`);
      }
    }
    const use = Array.isArray(raw.use) ? (raw.use as UseCase[]) : [];
    if (use.length === 0 || use.some((u) => !USE_CASES.includes(u))) {
      problems.push(`${where}: use must list some of ${USE_CASES.join(', ')}`);
    }
    const known = new Set(['name', 'type', 'array', 'analyzer', 'en', 'ja', 'use']);
    for (const key of Object.keys(raw)) {
      if (!known.has(key)) {
        problems.push(`${where}: unknown key ${key}`);
      }
    }
    return {
      name,
      type: raw.type as FieldType,
      array: raw.array === true,
      ...(typeof raw.analyzer === 'string' ? { analyzer: raw.analyzer } : {}),
      en: String(raw.en ?? ''),
      ja: String(raw.ja ?? ''),
      use,
    };
  });
  for (const field of fields) {
    const parent = parentOf(field.name);
    const parentField = parent ? fields.find((f) => f.name === parent) : undefined;
    if (parentField && parentField.type !== 'object') {
      problems.push(`${field.name}: its parent ${parent} is a ${parentField.type}, not an object`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`${origin}: invalid field registry:\n  ${problems.join('\n  ')}`);
  }
  return {
    version: doc.version as number,
    index: index as IndexSpec,
    riskIndex: riskIndex as IndexSpec,
    directoryIndex: directoryIndex as IndexSpec,
    timesheetIndex: timesheetIndex as IndexSpec,
    fields,
  };
}

function parentOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : undefined;
}
