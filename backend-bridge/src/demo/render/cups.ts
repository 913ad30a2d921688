import { clfStamp } from '../time';

export interface PrintJob {
  t: number;
  printer: string;
  user: string;
  job: number;
  pages: number;
  client: string;
  title: string;
  sides: string;
}

/** CUPS 2 page_log line: one `total` line per job. */
export function pageLogLine(j: PrintJob): string {
  const stamp = clfStamp(j.t);
  const job = `${j.printer} ${j.user} ${j.job} ${stamp}`;
  return `${job} total ${j.pages} - ${j.client} ${j.title} iso_a4_210x297mm ${j.sides}`;
}
