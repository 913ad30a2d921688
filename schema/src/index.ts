export * from './generated/fields';
export { loadRegistry, parseRegistry, FIELD_TYPES as REGISTRY_TYPES, USE_CASES } from './registry';
export type { FieldSpec, FieldType, Registry, UseCase } from './registry';

/** The composable index template for kansa-events-*, as installed by the bridge. */
export function indexTemplate(): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { _comment, ...template } = require('../generated/index-template.json') as Record<string, unknown>;
  void _comment;
  return template;
}
