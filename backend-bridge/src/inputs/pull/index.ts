import { join } from 'node:path';
import type { KansaConfig } from '../../config/schema';
import type { Intake, IntakeContext } from '../intake';
import { GoogleReportsIntake } from './google-reports/intake';
import type { PullOptions } from './intake';
import { M365Intake } from './m365/intake';

/** The pull inputs the config enables; their cursors live in <queue.dir>/pull/. */
export function pullIntakes(config: KansaConfig, ctx: IntakeContext): Intake[] {
  const p = config.pull;
  const options = (pollSeconds: number): PullOptions => ({
    pollSeconds,
    policy: { baseMs: p.backoffBaseMs, capMs: p.backoffCapMs, maxRetries: p.maxRetries },
    maxResponseBytes: p.maxResponseBytes,
    timeoutMs: p.timeoutSeconds * 1000,
    stateDir: join(config.queue.dir, 'pull'),
  });
  const out: Intake[] = [];
  if (p.m365.enabled) out.push(new M365Intake(ctx, p.m365, options(p.m365.pollSeconds)));
  if (p.google.enabled) out.push(new GoogleReportsIntake(ctx, p.google, options(p.google.pollSeconds)));
  return out;
}
