import type { KansaConfig } from '../../../config/schema';
import { IntakeStartError, type IntakeContext } from '../../intake';
import { PullIntake, type PullOptions, type PullStream } from '../intake';
import { readSecret } from '../secrets';
import { ManagementApi } from './api';
import { M365Stream } from './stream';
import { ClientCredentials } from './token';

/** Microsoft 365 unified audit log from the Office 365 Management Activity API: one stream per content type. */
export class M365Intake extends PullIntake {
  readonly name = 'pull-m365';

  constructor(
    ctx: IntakeContext,
    private readonly config: KansaConfig['pull']['m365'],
    options: PullOptions,
    private readonly environ: NodeJS.ProcessEnv = process.env,
  ) {
    super(ctx, options);
  }

  protected open(): PullStream[] {
    const c = this.config;
    if (!c.tenantId || !c.clientId) throw new IntakeStartError(this.name, 'tenantId and clientId are required');
    const secret = readSecret(
      this.name,
      'the client secret',
      { file: c.clientSecretFile, env: c.clientSecretEnv },
      this.environ,
    );
    const tokenUrl = `${c.loginUrl.replace(/\/+$/, '')}/${encodeURIComponent(c.tenantId)}/oauth2/v2.0/token`;
    const auth = new ClientCredentials(this.env.http, tokenUrl, c.clientId, secret, c.scope);
    const api = new ManagementApi(this.env.http, auth, c.apiUrl, c.tenantId, c.publisherId);
    return c.contentTypes.map(
      (contentType) =>
        new M365Stream(this.env, api, {
          input: this.name,
          tenantId: c.tenantId!,
          contentType,
          initialLookbackHours: c.initialLookbackHours,
          overlapMinutes: c.overlapMinutes,
        }),
    );
  }
}
