/**
 * Column positions of the PAN-OS syslog CSV payload per log type, as the "Syslog Field Descriptions"
 * of the PAN-OS administrator's guide list them (the payload starts with FUTURE_USE, Receive Time,
 * Serial Number, Type, Subtype). Later PAN-OS versions only append columns, so positions hold from
 * 8.1 to 11.x; a line cut short simply lacks its tail.
 */
const COMMON = ['future_use1', 'receive_time', 'serial', 'type', 'subtype', 'future_use2', 'time_generated'];

const SESSION = [
  ...COMMON,
  'src',
  'dst',
  'natsrc',
  'natdst',
  'rule',
  'srcuser',
  'dstuser',
  'app',
  'vsys',
  'from',
  'to',
  'inbound_if',
  'outbound_if',
  'logset',
  'future_use3',
  'sessionid',
  'repeatcnt',
  'sport',
  'dport',
  'natsport',
  'natdport',
  'flags',
  'proto',
  'action',
];

export const COLUMNS: Record<string, string[]> = {
  COMMON,
  TRAFFIC: [
    ...SESSION,
    'bytes',
    'bytes_sent',
    'bytes_received',
    'packets',
    'start',
    'elapsed',
    'category',
    'future_use4',
    'seqno',
    'actionflags',
    'srcloc',
    'dstloc',
    'future_use5',
    'pkts_sent',
    'pkts_received',
    'session_end_reason',
    'dg_hier_level_1',
    'dg_hier_level_2',
    'dg_hier_level_3',
    'dg_hier_level_4',
    'vsys_name',
    'device_name',
    'action_source',
  ],
  THREAT: [
    ...SESSION,
    'misc',
    'threatid',
    'category',
    'severity',
    'direction',
    'seqno',
    'actionflags',
    'srcloc',
    'dstloc',
    'future_use4',
    'contenttype',
    'pcap_id',
    'filedigest',
    'cloud',
    'url_idx',
    'user_agent',
    'filetype',
    'xff',
    'referer',
    'sender',
    'subject',
    'recipient',
    'reportid',
    'dg_hier_level_1',
    'dg_hier_level_2',
    'dg_hier_level_3',
    'dg_hier_level_4',
    'vsys_name',
    'device_name',
    'future_use5',
    'src_uuid',
    'dst_uuid',
    'http_method',
  ],
  SYSTEM: [
    ...COMMON,
    'vsys',
    'eventid',
    'object',
    'future_use3',
    'future_use4',
    'module',
    'severity',
    'opaque',
    'seqno',
    'actionflags',
    'dg_hier_level_1',
    'dg_hier_level_2',
    'dg_hier_level_3',
    'dg_hier_level_4',
    'vsys_name',
    'device_name',
  ],
  CONFIG: [
    ...COMMON,
    'host',
    'vsys',
    'cmd',
    'admin',
    'client',
    'result',
    'path',
    'before_change_detail',
    'after_change_detail',
    'seqno',
    'actionflags',
    'dg_hier_level_1',
    'dg_hier_level_2',
    'dg_hier_level_3',
    'dg_hier_level_4',
    'vsys_name',
    'device_name',
  ],
};

/** Splits a PAN-OS CSV payload: fields with commas are double-quoted, a quote inside doubled. */
export function splitPanosCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i <= n) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q === -1) {
          // An unterminated quote (a line cut short): the rest is the value.
          value += line.slice(j);
          j = n;
          break;
        }
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      out.push(value);
      const comma = line.indexOf(',', j);
      if (comma === -1) break;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma === -1) {
        out.push(line.slice(i));
        break;
      }
      out.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
  return out;
}

/** The payload's columns by name; empty values left out. */
export function named(type: string, values: string[]): Record<string, string> {
  const names = COLUMNS[type];
  const out: Record<string, string> = {};
  if (!names) return out;
  for (let i = 0; i < names.length && i < values.length; i++) {
    const v = values[i];
    if (v !== '' && !names[i].startsWith('future_use')) out[names[i]] = v;
  }
  return out;
}
