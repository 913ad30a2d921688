/**
 * Google Workspace Reports API activities (source type `google-workspace`): `activities.list` pages
 * (`{"kind":"admin#reports#activities","items":[…]}`, as the API answers and as a pull input saves
 * them) and single activities one per line or pretty-printed (`jq -c '.items[]'`). Every element of
 * an activity's `events` becomes one Kansa event. See README.md.
 */
import { parseFailureEvent } from '../../translate/finish';
import type { Format, KansaEvent, RawRecord, TranslateContext } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { mapActivity, obj } from './map';

function parse(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ParseError(`expected a Reports API activity in JSON: ${(e as Error).message}`);
  }
  const o = obj(parsed);
  if (!o) throw new ParseError('expected a Reports API activity object');
  return o;
}

export const googleWorkspaceFormat: Format = {
  id: 'google-workspace',
  framing: 'json-values',
  detect(sample: string): number {
    if (/"kind"\s*:\s*"admin#reports#activit(y|ies)"/.test(sample)) return 0.97;
    return /"applicationName"\s*:\s*"(login|drive|admin|token|saml|groups|calendar|meet|chat|gmail|user_accounts)"/.test(sample) && /"uniqueQualifier"\s*:/.test(sample) ? 0.95 : 0;
  },
  translate(record: RawRecord, ctx: TranslateContext): KansaEvent[] {
    const top = parse(record.text);
    const page = top.kind === 'admin#reports#activities';
    if (!Array.isArray(top.items)) {
      // The API leaves `items` out of a page with no activity in its window.
      if (page) throw new ParseError('the page holds no activities');
      return mapActivity(top);
    }
    // A whole page: each activity's events carry that activity's own JSON as their original, and
    // one bad activity costs only itself.
    let last = ctx.now.toISOString();
    const out: KansaEvent[] = [];
    top.items.forEach((item: unknown, i: number) => {
      const text = JSON.stringify(item);
      try {
        const o = obj(item);
        if (!o) throw new ParseError('expected an activity object');
        for (const ev of mapActivity(o)) {
          ev['event.original'] = text;
          last = ev['@timestamp'] as string;
          out.push(ev);
        }
      } catch (err) {
        const failed = parseFailureEvent(record, 'google-workspace', `items[${i}]: ${(err as Error).message}`, last);
        failed['event.original'] = text;
        out.push(failed);
      }
    });
    if (out.length === 0) throw new ParseError('the page holds no activities');
    return out;
  },
};
