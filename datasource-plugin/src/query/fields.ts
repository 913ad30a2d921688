import type { FieldInfo, MetricType } from '../types';

const NUMERIC_TYPES = new Set(['long', 'integer', 'float']);

export function isNumeric(field: FieldInfo): boolean {
  return NUMERIC_TYPES.has(field.type);
}

/** Fields terms and cardinality can use: aggregatable ones, and text fields through their keyword sub-field. */
export function isGroupable(field: FieldInfo): boolean {
  return field.aggregatable || Boolean(field.aggregationName);
}

/** The name a terms or cardinality aggregation uses for the field. */
export function aggregationName(field: FieldInfo): string {
  return field.aggregationName ?? field.name;
}

/** Which fields a metric type accepts; count takes none. */
export function fieldsForMetric(type: MetricType, fields: FieldInfo[]): FieldInfo[] {
  switch (type) {
    case 'count':
      return [];
    case 'cardinality':
      return fields.filter(isGroupable);
    default:
      return fields.filter((f) => isNumeric(f) && f.aggregatable);
  }
}

/** Whether a registry field name (or its keyword sub-field) is known. */
export function findField(fields: FieldInfo[], name: string): FieldInfo | undefined {
  return fields.find((f) => f.name === name || f.aggregationName === name);
}
