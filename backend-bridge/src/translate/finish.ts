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
  const users = unique([event['user.name'], event['user.target.name'], event['user.effective.name']]);
  const ips = unique([event['source.ip'], event['destination.ip'], ...asArray(event['host.ip'])]);
  const hosts = unique([event['host.name'], event['source.domain'], event['destination.domain']]);
  if (users.length > 0) event['related.user'] = users;
  if (ips.length > 0) event['related.ip'] = ips;
  if (hosts.length > 0) event['related.hosts'] = hosts;
}

function asArray(v: string | string[] | undefined): Array<string | undefined> {
  return Array.isArray(v) ? v : [v];
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== '' && v !== '-'))];
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
