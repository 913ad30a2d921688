import type { KansaEvent, RawRecord } from './types';

/** Fields every event gets from the engine, so translators stay about their source. */
export function finishEvent(event: KansaEvent, record: RawRecord, formatId: string, filePath?: string): void {
  event['event.kind'] ??= 'event';
  event['event.original'] ??= record.text;
  event['kansa.parse.status'] ??= 'ok';
  event['kansa.parse.format'] ??= formatId;
  if (filePath !== undefined) {
    event['log.file.path'] ??= filePath;
    event['log.offset'] ??= record.origin.offset;
  }
  fillRelated(event);
}

export function fillRelated(event: KansaEvent): void {
  const users = unique3(event['user.name'], event['user.target.name'], event['user.effective.name']);
  const hostIp = event['host.ip'];
  const ips = Array.isArray(hostIp)
    ? unique([event['source.ip'], event['destination.ip'], ...hostIp])
    : unique3(event['source.ip'], event['destination.ip'], hostIp);
  const hosts = unique3(event['host.name'], event['source.domain'], event['destination.domain']);
  if (users !== undefined) event['related.user'] = users;
  if (ips !== undefined) event['related.ip'] = ips;
  if (hosts !== undefined) event['related.hosts'] = hosts;
}

function usable(v: unknown): v is string {
  return typeof v === 'string' && v !== '' && v !== '-';
}

/** The usable values of three, first occurrence first; undefined when none. Runs for every event, so no Set or array churn. */
function unique3(a: unknown, b: unknown, c: unknown): string[] | undefined {
  const out: string[] = [];
  if (usable(a)) out.push(a);
  if (usable(b) && b !== a) out.push(b);
  if (usable(c) && c !== out[0] && c !== out[1]) out.push(c);
  return out.length > 0 ? out : undefined;
}

function unique(values: unknown[]): string[] | undefined {
  const out = [...new Set(values.filter(usable))];
  return out.length > 0 ? out : undefined;
}

export function parseFailureEvent(record: RawRecord, formatId: string, reason: string, timestamp: string): KansaEvent {
  const { source, line, offset } = record.origin;
  const where = `${source} line ${line}, byte offset ${offset}`;
  return {
    '@timestamp': timestamp,
    'event.kind': 'pipeline_error',
    'event.action': 'parse-failed',
    'event.outcome': 'failure',
    'kansa.source_type': formatId,
    'kansa.parse.status': 'failed',
    'kansa.parse.error': `${reason} (${where})`,
    'kansa.message.ja': `${source} の ${line} 行目 (バイト位置 ${offset}) のログを解析できませんでした: ${reason}`,
    'kansa.message.en': `Could not parse the record at ${where}: ${reason}`,
  };
}
