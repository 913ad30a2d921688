import type { KansaEvent } from '@kansa/schema';
import { SYSMON_MAPPERS } from './sysmon';
import { ACCOUNT_MAPPERS } from './map-account';
import { genericEvent } from './map-generic';
import { LOGON_MAPPERS } from './map-logon';
import { OBJECT_MAPPERS } from './map-object';
import { PRIVILEGE_MAPPERS } from './map-privilege';
import { SYSTEM_MAPPERS } from './map-system';
import { WFP_MAPPERS } from './map-wfp';
import type { WinEvent } from './model';
import { shortHost } from './text';

/** What a mapper gets: the event, its data, the event being built, and the short host name. */
export interface MapCtx {
  ev: WinEvent;
  d: Record<string, string>;
  out: KansaEvent;
  host: string;
}

export type Mapper = (c: MapCtx) => void;

const SECURITY_PROVIDER = 'microsoft-windows-security-auditing';
const SYSMON_PROVIDER = 'microsoft-windows-sysmon';

/** Security log events by id (provider Microsoft-Windows-Security-Auditing). */
const SECURITY: Map<number, Mapper> = new Map([
  ...LOGON_MAPPERS,
  ...ACCOUNT_MAPPERS,
  ...OBJECT_MAPPERS,
  ...WFP_MAPPERS,
  ...PRIVILEGE_MAPPERS,
]);

const LEVEL_NAMES = ['information', 'critical', 'error', 'warning', 'information', 'verbose'];

const DATASETS: Record<string, string> = {
  security: 'windows.security',
  system: 'windows.system',
  application: 'windows.application',
  'windows powershell': 'windows.powershell',
  'microsoft-windows-powershell/operational': 'windows.powershell_operational',
  'microsoft-windows-printservice/operational': 'windows.printservice',
  'microsoft-windows-sysmon/operational': 'windows.sysmon_operational',
  forwardedevents: 'windows.forwarded',
};

function dataset(channel: string): string {
  const c = channel.toLowerCase();
  return DATASETS[c] ?? `windows.${c.replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'unknown'}`;
}

function pickMapper(ev: WinEvent): Mapper | undefined {
  const provider = ev.provider.toLowerCase();
  if (provider === SECURITY_PROVIDER || (provider === '' && ev.channel.toLowerCase() === 'security')) {
    return SECURITY.get(ev.eventId);
  }
  if (provider === SYSMON_PROVIDER) return SYSMON_MAPPERS.get(ev.eventId);
  return SYSTEM_MAPPERS.get(`${provider}:${ev.eventId}`);
}

/**
 * Every event the tables map, as `provider:eventId` in lower case. The tables are keyed by event id and
 * their samples are the golden cases' records: windows.test.ts checks each key has one.
 */
export function mappedEventKeys(): string[] {
  return [
    ...[...SECURITY.keys()].map((id) => `${SECURITY_PROVIDER}:${id}`),
    ...[...SYSMON_MAPPERS.keys()].map((id) => `${SYSMON_PROVIDER}:${id}`),
    ...SYSTEM_MAPPERS.keys(),
  ];
}

/** Maps one Windows event, whatever rendering it came from, to a normalized event. */
export function mapWinEvent(ev: WinEvent, sourceType: string): KansaEvent {
  const out: KansaEvent = {
    '@timestamp': ev.time.toISOString(),
    'event.kind': 'event',
    'event.code': String(ev.eventId),
    'event.module': 'windows',
    'event.dataset': dataset(ev.channel),
  };
  if (ev.provider) out['event.provider'] = ev.provider;
  if (ev.computer) out['host.name'] = ev.computer;
  out['host.os.type'] = 'windows';
  if (ev.level !== undefined) out['log.level'] = LEVEL_NAMES[ev.level] ?? String(ev.level);
  if (ev.channel) out['winlog.channel'] = ev.channel;
  if (ev.provider) out['winlog.provider_name'] = ev.provider;
  if (ev.computer) out['winlog.computer_name'] = ev.computer;
  if (ev.recordId) out['winlog.record_id'] = ev.recordId;
  out['kansa.source_type'] = sourceType;
  if (ev.timeField) out['kansa.parse.time_field'] = ev.timeField;
  const c: MapCtx = { ev, d: ev.data, out, host: shortHost(ev.computer) || 'unknown-host' };
  const mapper = pickMapper(ev) ?? genericEvent;
  mapper(c);
  if (!out['event.outcome']) out['event.outcome'] = ev.audit ?? 'unknown';
  if (ev.message) out.message = ev.message;
  if (Object.keys(ev.data).length > 0) out['winlog.event_data'] = ev.data;
  return out;
}
