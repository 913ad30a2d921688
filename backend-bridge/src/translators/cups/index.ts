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
import { applyRules, findRule, ruleTable, sentenceIn, type Groups, type RuleResult } from '../_lib/rules';
import { shareOfLines } from '../../translate/detect';

/** `printer user job-id [time]`, the start every page_log line shares. */
const HEAD = String.raw`^(?<printer>\S+) (?<user>\S+) (?<job>\d+) \[(?<dd>\d\d)\/(?<mon>[A-Z][a-z]{2})\/(?<yyyy>\d{4}):(?<hh>\d\d):(?<mi>\d\d):(?<ss>\d\d)(?:\.(?<frac>\d{1,6}))? (?<sign>[+-])(?<oh>\d\d)(?<om>\d\d)\] `;
/** Copies, then billing, originating host, job name, media and sides when the PageLogFormat has them. */
const TAIL = String.raw` (?<copies>\d+)(?: (?<tail>.*))?$`;
const SIDES: Record<string, [string, string]> = {
  'one-sided': ['片面', 'one-sided'],
  'two-sided-long-edge': ['両面・長辺とじ', 'double-sided, long edge'],
  'two-sided-short-edge': ['両面・短辺とじ', 'double-sided, short edge'],
};

/** What the sentence of a line is made of. */
interface Job {
  /** The user, unless CUPS logged `-`. */
  who?: string;
  printer: string;
  page: string;
  copies: number;
  /** The job name, or (名前なし) / (untitled). */
  doc: string;
  docEn: string;
  detailJa: string;
  detailEn: string;
}

/** The event of a page_log line; its action and sentence are the rule's. */
function pageLogEvent(g: Groups, action: string, sentence: (j: Job) => { ja: string; en: string }): RuleResult {
  const { printer, user, job: jobId, dd, mon, yyyy, hh, mi, ss, frac, sign, oh, om, page, copies, tail } = g;
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
  const n = Number(copies);
  const ev: KansaEvent = {
    '@timestamp': new Date(t).toISOString(),
    'event.kind': 'event',
    'event.module': 'cups',
    'event.dataset': 'cups.page_log',
    'event.category': ['process'],
    'event.type': ['info'],
    'event.action': action,
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
  const { ja, en } = sentence({
    who: user !== '-' ? user : undefined,
    printer,
    page,
    copies: n,
    doc: dash(jobName) ?? '(名前なし)',
    docEn: dash(jobName) ?? '(untitled)',
    detailJa,
    detailEn,
  });
  ev['kansa.message.ja'] = ja;
  ev['kansa.message.en'] = en;
  return sentenceIn(ev);
}

/** `tanaka が HP_LaserJet_4F で ` / `HP_LaserJet_4F で `: who printed, where. */
function whoWhere(j: Job): string {
  return `${j.who ? `${j.who} が ` : `${j.printer} で `}${j.who ? `${j.printer} で ` : ''}`;
}

export const RULES = ruleTable<undefined>('cups', undefined, [
  {
    // CUPS 2.x logs one line per job, its page field `total` and its copies the sheets printed.
    id: 'job-total',
    sample:
      'HP_LaserJet_4F tanaka 42 [01/Oct/2026:09:00:01 +0900] total 3 - 10.0.1.23 報告書.pdf iso_a4_210x297mm one-sided',
    match: new RegExp(`${HEAD}(?<page>total)${TAIL}`),
    build: (g) =>
      pageLogEvent(g, 'document-printed', (j) => ({
        ja: `${whoWhere(j)}${j.doc} を ${j.copies} 枚印刷しました(${j.detailJa})`,
        en: `${j.who ?? 'Someone'} printed ${j.copies} sheet${j.copies === 1 ? '' : 's'} of ${j.docEn} on ${j.printer} (${j.detailEn})`,
      })),
  },
  {
    // CUPS 1.x logs one line per page: the page number and the copies of it.
    id: 'page',
    sample: 'DeskJet root 2 [20/May/2026:19:21:05 +0000] 1 1 acme-123 localhost myjob na_letter_8.5x11in one-sided',
    match: new RegExp(String.raw`${HEAD}(?<page>\d+)${TAIL}`),
    build: (g) =>
      pageLogEvent(g, 'page-printed', (j) => ({
        ja: `${whoWhere(j)}${j.doc} の ${j.page} ページ目を ${j.copies} 部印刷しました(${j.detailJa})`,
        en: `${j.who ?? 'Someone'} printed page ${j.page} of ${j.docEn} on ${j.printer}${j.copies > 1 ? `, ${j.copies} copies` : ''} (${j.detailEn})`,
      })),
  },
]);

export const cupsFormat: Format = {
  id: 'cups-page-log',
  framing: 'lines',
  detect(sample: string): number {
    return shareOfLines(sample, (l) => findRule(RULES, l.replace(/\r$/, '')) !== null, 0.95);
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    const hit = applyRules(RULES, record.text.replace(/\r$/, ''), undefined);
    if (!hit) {
      throw new ParseError(
        'expected a CUPS page_log line: "printer user job-id [dd/Mon/yyyy:HH:MM:SS +zzzz] page|total copies billing host job-name media sides"',
      );
    }
    return [hit.result.fields];
  },
};
