import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import type { QueryModel } from './queries';

/**
 * Runs the app's queries through the Kansa Logs datasource's own backend (the `kansa-dsquery` driver speaks to the
 * plugin binary over go-plugin gRPC exactly as Grafana does), so attendance minutes and risk rankings in a report
 * are computed by the same code as on the pages, not by a second implementation in the bridge.
 */
export const DEFAULT_DSQUERY = path.resolve(__dirname, '..', '..', '..', 'datasource-plugin', 'bin', 'kansa-dsquery');

export type Row = Record<string, string | number | boolean | null>;

interface Frame {
  schema: { fields: Array<{ name: string; type: string }> };
  data: { values: unknown[][] };
}

export interface QueryRunner {
  run(model: QueryModel, from: Date, to: Date): Promise<Row[]>;
}

/** Rows of every frame of one query's result; time fields stay epoch milliseconds. */
export function rowsOf(frames: Frame[]): Row[] {
  const rows: Row[] = [];
  for (const f of frames) {
    const n = f.data.values[0]?.length ?? 0;
    for (let i = 0; i < n; i++) {
      const row: Row = {};
      f.schema.fields.forEach((field, j) => (row[field.name] = (f.data.values[j]?.[i] ?? null) as Row[string]));
      rows.push(row);
    }
  }
  return rows;
}

export function dsqueryRunner(
  opensearchUrl: string,
  binary = process.env.KANSA_DSQUERY || DEFAULT_DSQUERY,
): QueryRunner {
  if (!existsSync(binary)) {
    throw new Error(
      `kansa-dsquery not found at ${binary}: build it (npm run build -w kansa-logs-datasource) or set KANSA_DSQUERY`,
    );
  }
  return {
    run: (model, from, to) =>
      new Promise((resolve, reject) => {
        const request = {
          settings: { url: opensearchUrl, jsonData: {} },
          queries: [model],
          range: { from: from.toISOString(), to: to.toISOString() },
        };
        const child = spawn(binary, ['query', '--request', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.on('error', reject);
        child.on('close', (code) => {
          if (code !== 0)
            return reject(new Error(`kansa-dsquery exited ${code}: ${Buffer.concat(err).toString().slice(0, 2000)}`));
          try {
            const result = JSON.parse(Buffer.concat(out).toString()).results[model.refId];
            if (result.error) return reject(new Error(`query ${model.refId}: ${result.error}`));
            resolve(rowsOf(result.frames ?? []));
          } catch (e) {
            reject(e);
          }
        });
        child.stdin.end(JSON.stringify(request));
      }),
  };
}
