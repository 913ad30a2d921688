/**
 * CUPS page_log. PageLogFormat "%p %u %j %T %P %C %{job-billing} %{job-originating-host-name}
 * %{job-name} %{media} %{sides}" (the 1.x default; CUPS 2.0+ ships it empty, i.e. page logging off,
 * and admins set this string back):
 *   CUPS 2.x, one line per job:  `HP_LaserJet_4F tanaka 42 [01/Oct/2026:09:00:01 +0900] total 3 - 10.0.1.23 報告書.pdf iso_a4_210x297mm one-sided`
 *   CUPS 1.x, one line per page: `DeskJet root 2 [20/May/1999:19:21:05 +0000] 1 1 acme-123 localhost myjob na_letter_8.5x11in one-sided`
 *   oldest, 7 fields:            `DeskJet root 2 [20/May/1999:19:21:05 +0000] 1 1 acme-123`
 * CUPS copies attribute values verbatim, so a job name may contain spaces: media and sides are read
 * from the end of the line and the job name is what lies between.
 */
import type { Format, KansaEvent, RawRecord, TranslateContext } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { MONTHS } from '../../translate/time';
import { isIp } from '../_lib/network';
import { shareOfLines } from '../../translate/detect';

const HEAD =
  /^(\S+) (\S+) (\d+) \[(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? ([+-])(\d\d)(\d\d)\] (\d+|total) (\d+)(?: (.*))?$/;
const SIDES: Record<string, [string, string]> = {
  'one-sided': ['片面', 'one-sided'],
  'two-sided-long-edge': ['両面・長辺とじ', 'double-sided, long edge'],
  'two-sided-short-edge': ['両面・短辺とじ', 'double-sided, short edge'],
};

export const cupsFormat: Format = {
  id: 'cups-page-log',
  framing: 'lines',
  detect(sample: string): number {
    return shareOfLines(sample, (l) => HEAD.test(l.replace(/\r$/, '')), 0.95);
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    const line = record.text.replace(/\r$/, '');
    const m = HEAD.exec(line);
    if (!m) {
      throw new ParseError(
        'expected a CUPS page_log line: "printer user job-id [dd/Mon/yyyy:HH:MM:SS +zzzz] page|total copies billing host job-name media sides"',
      );
    }
    const [, printer, user, jobId, dd, mon, yyyy, hh, mi, ss, frac, sign, oh, om, page, copies, tail] = m;
    const month = MONTHS[mon];
    if (!month) throw new ParseError(`expected a month name in the page_log time, got "${mon}"`);
    const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
    const t = Date.UTC(Number(yyyy), month - 1, Number(dd), Number(hh), Number(mi), Number(ss), ms) - offset * 60000;
    if (Number.isNaN(t)) throw new ParseError('expected a valid page_log time');

    const tokens = tail ? tail.split(' ') : [];
    const billing = tokens[0];
    const origin = tokens[1];
    let media: string | undefined;
    let sides: string | undefined;
    let jobName: string | undefined;
    if (tokens.length >= 5) {
      sides = tokens[tokens.length - 1];
      media = tokens[tokens.length - 2];
      jobName = tokens.slice(2, tokens.length - 2).join(' ');
    } else if (tokens.length >= 3) {
      jobName = tokens.slice(2).join(' ');
    }
    const dash = (v: string | undefined) => (v === undefined || v === '-' || v === '' ? undefined : v);
    const total = page === 'total';
    const n = Number(copies);
    const ev: KansaEvent = {
      '@timestamp': new Date(t).toISOString(),
      'event.kind': 'event',
      'event.module': 'cups',
      'event.dataset': 'cups.page_log',
      'event.category': ['process'],
      'event.type': ['info'],
      'event.action': total ? 'document-printed' : 'page-printed',
      'event.outcome': 'success',
      'event.id': jobId,
      'kansa.source_type': 'cups',
      'kansa.print.printer': printer,
      'kansa.print.pages': n,
    };
    if (user !== '-') ev['user.name'] = user;
    if (dash(jobName)) ev['kansa.print.document'] = jobName;
    const host = dash(origin);
    if (host) {
      if (isIp(host)) ev['source.ip'] = host;
      else ev['source.domain'] = host;
    }
    const raw: Record<string, string> = { job_id: jobId, page, copies };
    if (dash(billing)) raw.job_billing = billing;
    if (dash(media)) raw.media = media as string;
    if (dash(sides)) raw.sides = sides as string;
    ev['kansa.raw'] = raw;

    const doc = dash(jobName) ?? '(名前なし)';
    const docEn = dash(jobName) ?? '(untitled)';
    const s = sides ? SIDES[sides] : undefined;
    const detailJa = [
      `ジョブ ${jobId}`,
      host ? `${host} から` : '',
      dash(media) ? media : '',
      s ? s[0] : '',
      dash(billing) ? `課金先 ${billing}` : '',
    ]
      .filter(Boolean)
      .join('、');
    const detailEn = [
      `job ${jobId}`,
      host ? `from ${host}` : '',
      dash(media) ? media : '',
      s ? s[1] : '',
      dash(billing) ? `billed to ${billing}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const who = user !== '-' ? user : undefined;
    if (total) {
      ev['kansa.message.ja'] =
        `${who ? `${who} が ` : `${printer} で `}${who ? `${printer} で ` : ''}${doc} を ${n} 枚印刷しました(${detailJa})`;
      ev['kansa.message.en'] =
        `${who ?? 'Someone'} printed ${n} sheet${n === 1 ? '' : 's'} of ${docEn} on ${printer} (${detailEn})`;
    } else {
      ev['kansa.message.ja'] =
        `${who ? `${who} が ` : `${printer} で `}${who ? `${printer} で ` : ''}${doc} の ${page} ページ目を ${n} 部印刷しました(${detailJa})`;
      ev['kansa.message.en'] =
        `${who ?? 'Someone'} printed page ${page} of ${docEn} on ${printer}${n > 1 ? `, ${n} copies` : ''} (${detailEn})`;
    }
    return [ev];
  },
};
