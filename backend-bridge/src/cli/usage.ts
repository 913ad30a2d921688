import { OptionError } from '../translate/context';

/** A command line that cannot run as given: the CLI prints the message and the command's usage, exit 2. */
export class UsageError extends Error {}

export class DemoUsageError extends UsageError {}

/** Usage errors, option values the translation refused, and node:util parseArgs errors (unknown option…). */
export function isUsageError(err: unknown): boolean {
  return (
    err instanceof UsageError ||
    err instanceof OptionError ||
    !!(err as { code?: string } | undefined)?.code?.startsWith('ERR_PARSE_ARGS')
  );
}
