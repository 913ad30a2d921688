import { readFileSync } from 'node:fs';
import { SHARED as ATTRIBUTION } from './attribution/table';
import { createEnricher, parseAssets, parseDirectory } from './directory';
import { isValidTimeZone } from './time';
import type { KansaEvent, TranslateContext } from './types';

/**
 * An option value the translation cannot start with (a bad --year or --tz, an unreadable --directory).
 * The CLI reports it as a usage error (exit 2); it lives here so code below the CLI can check options too.
 */
export class OptionError extends Error {}

/** The --year and --tz options of translate and import, checked once at start rather than failing per line. */
export function translateContext(command: string, values: { year?: string; tz?: string }, now: Date): TranslateContext {
  const year = values.year === undefined ? now.getFullYear() : Number(values.year);
  if (!Number.isInteger(year) || year < 1970 || year > 9999)
    throw new OptionError(`${command}: --year expected a four-digit year, got "${values.year}"`);
  const timeZone = values.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!isValidTimeZone(timeZone))
    throw new OptionError(`${command}: --tz expected an IANA zone such as Asia/Tokyo, got "${timeZone}"`);
  return { year, timeZone, now };
}

/** The --directory and --assets files as the enrichment every event goes through (undefined: neither given). */
export function loadEnricher(directoryPath?: string, assetsPath?: string): ((e: KansaEvent) => void) | undefined {
  if (!directoryPath && !assetsPath) return undefined;
  const users = directoryPath ? parseDirectory(readText(directoryPath, '--directory'), directoryPath) : [];
  const assets = assetsPath ? parseAssets(readText(assetsPath, '--assets'), assetsPath) : [];
  ATTRIBUTION.useAssets(assets);
  return createEnricher(users, assets);
}

function readText(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new OptionError(
      `kansa translate: ${option} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}
