import { readFileSync } from 'node:fs';
import { IntakeStartError } from '../intake';

/**
 * A secret from a file (first) or an environment variable, never from the config file itself, so
 * `--print-config` and the logs have nothing to redact. Missing: the bridge does not start.
 */
export function readSecret(
  input: string,
  what: string,
  from: { file?: string; env?: string },
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (from.file) {
    try {
      const text = readFileSync(from.file, 'utf8').trim();
      if (text) return text;
    } catch (err) {
      throw new IntakeStartError(
        input,
        `cannot read ${what} from ${from.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    throw new IntakeStartError(input, `${what} file ${from.file} is empty`);
  }
  const value = from.env ? env[from.env] : undefined;
  if (value) return value.trim();
  throw new IntakeStartError(input, `${what} is missing: set ${from.env ?? 'the variable'} or give a file`);
}
