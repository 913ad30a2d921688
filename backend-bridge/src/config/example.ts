import { stringify } from 'yaml';
import { z } from 'zod';
import { configSchema } from './schema';

interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
}

/**
 * The example config, generated from the config schema itself: every setting with its description
 * and default. Optional settings without a default are shown commented out.
 */
export function exampleConfig(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  const lines = [
    '# kansa serve configuration. GENERATED from backend-bridge/src/config/schema.ts: DO NOT EDIT.',
    '# Regenerate: node backend-bridge/bin/kansa.js serve --print-example-config > backend-bridge/kansa.example.yaml',
    '# Every value shown is the default; KANSA_* environment variables override (see backend-bridge/README.md).',
    '',
  ];
  walk(schema, 0, lines);
  return `${lines.join('\n')}\n`;
}

function walk(node: JsonSchema, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const c = unwrap(child);
    const description = child.description ?? c.description;
    if (description) out.push(`${pad}# ${description}${c.enum ? ` (one of: ${c.enum.join(', ')})` : ''}`);
    const required = node.required?.includes(key) ?? false;
    if (c.type === 'object' && c.properties && !required && child.default === undefined) {
      out.push(
        `${pad}# ${key}: { ${Object.keys(c.properties)
          .map((k) => `${k}: …`)
          .join(', ')} }`,
      );
    } else if (c.type === 'object' && c.properties) {
      out.push(`${pad}${key}:`);
      walk(c, depth + 1, out);
    } else if (child.default !== undefined) {
      out.push(`${pad}${key}: ${stringify(humanBytes(key, child.default), { flow: true, lineWidth: 0 }).trim()}`);
    } else if (c.type === 'array') {
      out.push(`${pad}${key}: []`);
    } else {
      out.push(`${pad}# ${key}:`);
    }
  }
}

function unwrap(node: JsonSchema): JsonSchema {
  if (node.anyOf) return node.anyOf.find((n) => n.type !== 'null') ?? node;
  return node;
}

function humanBytes(key: string, value: unknown): unknown {
  if (!/Bytes$/.test(key) || typeof value !== 'number') return value;
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (value % size === 0) return `${value / size}${unit}`;
  }
  return value;
}
