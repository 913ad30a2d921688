import { UsageError } from '../commands/translate';

export class DemoUsageError extends UsageError {}
