import type { KansaConfig } from '../../../config/schema';
import { IntakeStartError, type IntakeContext } from '../../intake';
import { PullIntake, type PullOptions, type PullStream } from '../intake';
import { readSecret } from '../secrets';
import { GoogleStream } from './stream';
import { parseServiceAccount, ServiceAccountToken } from './token';

/** Google Workspace audit activities from the Admin SDK Reports API: one stream per application. */
export class GoogleReportsIntake extends PullIntake {
  readonly name = 'pull-google';

  constructor(
    ctx: IntakeContext,
    private readonly config: KansaConfig['pull']['google'],
    options: PullOptions,
    private readonly environ: NodeJS.ProcessEnv = process.env,
  ) {
    super(ctx, options);
  }

  protected open(): PullStream[] {
    const c = this.config;
    if (!c.subject) throw new IntakeStartError(this.name, 'subject (the admin user to act as) is required');
    const text = readSecret(
      this.name,
      'the service account key',
      { file: c.credentialsFile, env: c.credentialsEnv },
      this.environ,
    );
    let key;
    try {
      key = parseServiceAccount(text);
    } catch (err) {
      throw new IntakeStartError(this.name, (err as Error).message);
    }
    const auth = new ServiceAccountToken(this.env.http, c.tokenUrl, key, c.subject);
    return c.applications.map(
      (application) =>
        new GoogleStream(this.env, auth, {
          input: this.name,
          application,
          apiUrl: c.apiUrl,
          customerId: c.customerId,
          maxResults: c.maxResults,
          initialLookbackHours: c.initialLookbackHours,
          overlapMinutes: c.overlapMinutes,
        }),
    );
  }
}
