/**
 * AWS CloudTrail log files (source type `cloudtrail`): the `{"Records":[…]}` object CloudTrail writes
 * to S3 (`AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<time>_<id>.json.gz`,
 * gunzipped by the file input), and single records one per line or pretty-printed (CloudTrail Lake
 * exports, the console's Event history download, EventBridge/Firehose deliveries). See README.md.
 */
import { parseFailureEvent } from '../../translate/finish';
import type { Format, KansaEvent, RawRecord, TranslateContext } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { mapRecord } from './map';
import { recordTexts } from '../_lib/records';

export const cloudtrailFormat: Format = {
  id: 'cloudtrail',
  framing: 'json-values',
  detect(sample: string): number {
    const head = sample.trimStart().replace(/^\[\s*/, '');
    if (/^\{\s*"Records"\s*:\s*\[/.test(head) && /"eventSource"\s*:\s*"[a-z0-9.-]+\.amazonaws\.com"/.test(sample))
      return 0.97;
    return /"eventVersion"\s*:/.test(sample) &&
      /"eventSource"\s*:\s*"[a-z0-9.-]+\.amazonaws\.com"/.test(sample) &&
      /"eventTime"\s*:/.test(sample)
      ? 0.95
      : 0;
  },
  translate(record: RawRecord, ctx: TranslateContext): KansaEvent[] {
    const pieces = recordTexts(record.text);
    if (!pieces) return [mapRecord(record.text)];
    if (pieces.length === 0) throw new ParseError('the file holds an empty Records array');
    let last = ctx.now.toISOString();
    return pieces.map((text, i) => {
      try {
        const ev = mapRecord(text);
        ev['event.original'] = text;
        last = (ev['@timestamp'] as string | undefined) ?? last;
        return ev;
      } catch (err) {
        // One bad element is reported with its own text; its neighbours are still translated.
        const failed = parseFailureEvent(record, 'cloudtrail', `Records[${i}]: ${(err as Error).message}`, last);
        failed['event.original'] = text;
        return failed;
      }
    });
  },
};
