/**
 * Google Workspace Reports API activities (source type `google-workspace`): `activities.list` pages
 * (`{"kind":"admin#reports#activities","items":[…]}`, as the API answers and as a pull input saves
 * them) and single activities one per line or pretty-printed (`jq -c '.items[]'`). Every element of
 * an activity's `events` becomes one Kansa event. See README.md.
 */
import { parseJsonObject } from '../_lib/json';
import { recordTexts } from '../_lib/records';
import { parseFailureEvent } from '../../translate/finish';
import type { Format, KansaEvent, RawRecord, TranslateContext } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { mapActivity } from './map';

const parse = (text: string): Record<string, unknown> => parseJsonObject(text, 'a Reports API activity');

export const googleWorkspaceFormat: Format = {
  id: 'google-workspace',
  framing: 'json-values',
  detect(sample: string): number {
    if (/"kind"\s*:\s*"admin#reports#activit(y|ies)"/.test(sample)) return 0.97;
    return /"applicationName"\s*:\s*"(login|drive|admin|token|saml|groups|calendar|meet|chat|gmail|user_accounts)"/.test(
      sample,
    ) && /"uniqueQualifier"\s*:/.test(sample)
      ? 0.95
      : 0;
  },
  translate(record: RawRecord, ctx: TranslateContext): KansaEvent[] {
    const pieces = recordTexts(record.text, 'items');
    if (!pieces) {
      const top = parse(record.text);
      // The API leaves `items` out of a page with no activity in its window.
      if (top.kind === 'admin#reports#activities') throw new ParseError('the page holds no activities');
      return mapActivity(record.text);
    }
    // A whole page: each activity's events carry that activity's text, as written, as their
    // original, and one bad or cut activity costs only itself.
    let last = ctx.now.toISOString();
    const out: KansaEvent[] = [];
    pieces.forEach((text, i) => {
      try {
        for (const ev of mapActivity(text)) {
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
