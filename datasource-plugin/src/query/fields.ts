import { METRIC_KINDS, type FieldInfo, type MetricType } from '../types';

// The same list as the backend's client.numericTypes.
const NUMERIC_TYPES = new Set(['long', 'integer', 'short', 'byte', 'float', 'double', 'half_float', 'scaled_float']);

export function isNumeric(field: FieldInfo): boolean {
  return NUMERIC_TYPES.has(field.type);
}

/**
 * Fields terms and cardinality can use. The query stores the registry name; the backend aggregates a text field
 * through its keyword sub-field (FieldInfo.aggregationName) itself.
 */
export function isGroupable(field: FieldInfo): boolean {
  return field.aggregatable || Boolean(field.aggregationName);
}

/** Which fields a metric type accepts (METRIC_KINDS); count takes none. */
export function fieldsForMetric(type: MetricType, fields: FieldInfo[]): FieldInfo[] {
  switch (METRIC_KINDS[type]?.field) {
    case 'none':
      return [];
    case 'groupable':
      return fields.filter(isGroupable);
    default:
      return fields.filter((f) => isNumeric(f) && f.aggregatable);
  }
}
