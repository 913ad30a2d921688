/**
 * Microsoft Entra ID sign-in and audit logs (source type `entra-id`), as they leave Azure: diagnostic
 * settings records (storage account PT1H.json blobs, one record per line, or Event Hub batches
 * `{"records":[…]}`; category SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs,
 * AuditLogs, the event in `properties`), and the portal's "Download JSON" / Microsoft Graph
 * `signIn` and `directoryAudit` objects (a JSON array or `{"value":[…]}` page). See README.md.
 */
import { parseFailureEvent } from '../../translate/finish';
import type { Format, KansaEvent, RawRecord, TranslateContext } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { obj, str } from '../_lib/json';
import { recordTexts } from '../_lib/records';
import { applyRules } from '../_lib/rules';
import { keyOf, RULES } from './rules';

/** One record, whichever form: the rule of its form builds the whole event. */
function translateRecord(text: string): KansaEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ParseError(`expected an Entra ID record in JSON: ${(e as Error).message}`);
  }
  const r = obj(parsed);
  if (!r) throw new ParseError('expected an Entra ID record object');
  const applied = applyRules(RULES, text, r, keyOf(r));
  if (applied) return applied.result.fields;
  const category = str(r.category);
  throw new ParseError(
    `expected an Entra ID sign-in or audit record (category SignInLogs/AuditLogs with properties, or a Graph signIn/directoryAudit object)${category ? `, found category ${category}` : ''}`,
  );
}

export const entraIdFormat: Format = {
  id: 'entra-id',
  framing: 'json-values',
  detect(sample: string): number {
    if (
      /"category"\s*:\s*"(SignInLogs|NonInteractiveUserSignInLogs|ServicePrincipalSignInLogs|AuditLogs)"/.test(
        sample,
      ) &&
      /"properties"\s*:/.test(sample)
    )
      return 0.95;
    if (
      /"createdDateTime"\s*:/.test(sample) &&
      /"userPrincipalName"\s*:/.test(sample) &&
      /"conditionalAccessStatus"\s*:/.test(sample)
    )
      return 0.95;
    if (
      /"activityDateTime"\s*:/.test(sample) &&
      /"activityDisplayName"\s*:/.test(sample) &&
      /"initiatedBy"\s*:/.test(sample)
    )
      return 0.95;
    return 0;
  },
  translate(record: RawRecord, ctx: TranslateContext): KansaEvent[] {
    // Event Hub batches wrap the records; each becomes its own event and original.
    const pieces = recordTexts(record.text, 'records');
    if (!pieces) return [translateRecord(record.text)];
    if (pieces.length === 0) throw new ParseError('the batch holds no records');
    let last = ctx.now.toISOString();
    return pieces.map((text, i) => {
      try {
        const ev = translateRecord(text);
        ev['event.original'] = text;
        last = (ev['@timestamp'] as string | undefined) ?? last;
        return ev;
      } catch (err) {
        const failed = parseFailureEvent(record, 'entra-id', `records[${i}]: ${(err as Error).message}`, last);
        failed['event.original'] = text;
        return failed;
      }
    });
  },
};
