import { FIELD as F, FIELD_TYPES } from '@kansa/schema';

/**
 * Sigma's logsource taxonomy → what Kansa's translators emit. Each log source gives the Lucene constraint that
 * selects its events (by the action, channel or module the translators set) and the Sigma field names it knows,
 * mapped to registry fields. Windows fields not mapped to a normalized field fall back to the raw EventData the
 * Windows translators keep in `winlog.event_data`; auditd, Squid and FortiGate keep their own fields in `kansa.raw`.
 */

export interface LogSource {
  product?: string;
  category?: string;
  service?: string;
}

export interface SourceMapping {
  /** Lucene that selects the log source's events; empty when the rule's own fields select them. */
  constraint: string;
  fields: Record<string, string>;
  /** A flat_object field holding the source's raw fields by their original names. */
  raw?: string;
  /** Sigma's EventID of this source: the registry's event code. */
  eventCode: boolean;
  /** Who an alert is about (its label): the host for endpoint logs, the source address for network logs. */
  entity?: string;
  /** Sigma fields whose numbers Kansa stores in another unit: the factor from Sigma's to Kansa's. */
  scale?: Record<string, number>;
}

const channel = (c: string) => `${F.winlogChannel}:"${c}"`;
const actions = (...a: string[]) =>
  a.length === 1 ? `${F.eventAction}:${a[0]}` : `${F.eventAction}:(${a.join(' OR ')})`;
const SYSMON = channel('Microsoft-Windows-Sysmon/Operational');

/** Fields every Windows event has, whatever its source. */
const WINDOWS_COMMON: Record<string, string> = {
  EventID: F.eventCode,
  Channel: F.winlogChannel,
  Provider_Name: F.winlogProviderName,
  Computer: F.winlogComputerName,
  ComputerName: F.hostName,
  Hostname: F.hostName,
};

/** Sysmon's EventData names that the Sysmon translator normalizes (sysmon/fields.ts). */
const SYSMON_PROCESS: Record<string, string> = {
  Image: F.processExecutable,
  ProcessId: F.processPid,
  CommandLine: F.processCommandLine,
  ParentImage: F.processParentExecutable,
  ParentProcessId: F.processParentPid,
  ParentCommandLine: F.processParentCommandLine,
  // User stays raw (winlog.event_data.User): Sigma writes it as DOMAIN\name, user.name holds the name alone.
};

const sysmon = (constraint: string, extra: Record<string, string> = {}): SourceMapping => ({
  constraint,
  fields: { ...WINDOWS_COMMON, ...SYSMON_PROCESS, ...extra },
  raw: F.winlogEventData,
  eventCode: true,
});

/** Sigma categories of Windows endpoint telemetry (Sysmon, and Security 4688 for process creation). */
const WINDOWS_CATEGORIES: Record<string, SourceMapping> = {
  // Sysmon 1 (started-process) and Security 4688 (created-process) both fill the normalized process fields.
  process_creation: sysmon(actions('started-process', 'created-process'), { NewProcessName: F.processExecutable }),
  process_termination: sysmon(actions('ended-process')),
  network_connection: sysmon(actions('network-connection-made', 'network-connection-accepted'), {
    SourceIp: F.sourceIp,
    SourcePort: F.sourcePort,
    SourceHostname: F.sourceDomain,
    DestinationIp: F.destinationIp,
    DestinationPort: F.destinationPort,
    DestinationHostname: F.destinationDomain,
    Protocol: F.networkTransport,
  }),
  file_event: sysmon(actions('created-file'), { TargetFilename: F.filePath }),
  file_delete: sysmon(actions('deleted-file'), { TargetFilename: F.filePath }),
  file_change: sysmon(actions('changed-file-creation-time'), { TargetFilename: F.filePath }),
  create_stream_hash: sysmon(actions('created-file-stream'), { TargetFilename: F.filePath }),
  image_load: sysmon(actions('loaded-image'), { ImageLoaded: F.filePath }),
  driver_load: sysmon(actions('loaded-driver'), { ImageLoaded: F.filePath }),
  registry_add: sysmon(actions('created-registry-key', 'created-registry-value'), { TargetObject: F.registryPath }),
  registry_delete: sysmon(actions('deleted-registry-key', 'deleted-registry-value'), { TargetObject: F.registryPath }),
  registry_set: sysmon(actions('modified-registry-value'), {
    TargetObject: F.registryPath,
    Details: F.registryDataStrings,
  }),
  registry_rename: sysmon(actions('renamed-registry-key'), { TargetObject: F.registryPath }),
  registry_event: sysmon(`${SYSMON} AND ${F.eventCode}:(12 OR 13 OR 14)`, {
    TargetObject: F.registryPath,
    Details: F.registryDataStrings,
  }),
  dns_query: sysmon(actions('dns-query') + ` AND ${SYSMON}`, { QueryName: F.dnsQuestionName }),
  process_access: sysmon(actions('accessed-process'), { SourceImage: F.processExecutable }),
  create_remote_thread: sysmon(actions('created-remote-thread'), { SourceImage: F.processExecutable }),
  raw_access_thread: sysmon(actions('read-raw-disk')),
  pipe_created: sysmon(actions('created-named-pipe', 'connected-named-pipe')),
  wmi_event: sysmon(`${SYSMON} AND ${F.eventCode}:(19 OR 20 OR 21)`),
  sysmon_status: sysmon(`${SYSMON} AND ${F.eventCode}:(4 OR 16)`),
  sysmon_error: sysmon(actions('sysmon-error')),
  clipboard_change: sysmon(actions('changed-clipboard')),
  process_tampering: sysmon(actions('tampered-process-image')),
  ps_script: {
    constraint: actions('executed-script-block'),
    fields: {
      ...WINDOWS_COMMON,
      ScriptBlockText: F.powershellFileScriptBlockText,
      ScriptBlockId: F.powershellFileScriptBlockId,
    },
    raw: F.winlogEventData,
    eventCode: true,
  },
  ps_module: {
    constraint: actions('executed-pipeline'),
    fields: { ...WINDOWS_COMMON },
    raw: F.winlogEventData,
    eventCode: true,
  },
};

/** Windows services: the channel the events come from. */
const WINDOWS_SERVICES: Record<string, string> = {
  security: channel('Security'),
  system: channel('System'),
  application: channel('Application'),
  sysmon: SYSMON,
  powershell: channel('Microsoft-Windows-PowerShell/Operational'),
  'powershell-classic': channel('Windows PowerShell'),
  taskscheduler: channel('Microsoft-Windows-TaskScheduler/Operational'),
  wmi: channel('Microsoft-Windows-WMI-Activity/Operational'),
  windefend: channel('Microsoft-Windows-Windows Defender/Operational'),
  'dns-server': channel('DNS Server'),
  'bits-client': channel('Microsoft-Windows-Bits-Client/Operational'),
  'terminalservices-localsessionmanager': channel('Microsoft-Windows-TerminalServices-LocalSessionManager/Operational'),
};

/** Security-log names the Windows translator normalizes (windows/map-*.ts); the rest stay raw EventData. */
const SECURITY_FIELDS: Record<string, string> = {
  IpAddress: F.sourceIp,
  IpPort: F.sourcePort,
  NewProcessName: F.processExecutable,
  CommandLine: F.processCommandLine,
  ParentProcessName: F.processParentExecutable,
  ScriptBlockText: F.powershellFileScriptBlockText,
};

/** Network sources: the ECS fields every proxy, DNS and firewall translator fills (Squid, BIND, netfilter, FortiGate, Zeek). */
const PROXY: SourceMapping = {
  entity: F.sourceIp,
  constraint: `${F.eventCategory}:web`,
  fields: {
    'c-uri': F.urlFull,
    'c-uri-stem': F.urlPath,
    'cs-host': F.urlDomain,
    'r-dns': F.urlDomain,
    'cs-method': F.httpRequestMethod,
    'c-useragent': F.userAgentOriginal,
    'sc-status': F.httpResponseStatusCode,
    'c-ip': F.sourceIp,
    'dst-ip': F.destinationIp,
    'cs-username': F.userName,
    'sc-bytes': F.destinationBytes,
  },
  raw: F.kansaRaw,
  eventCode: false,
};

const DNS: SourceMapping = {
  entity: F.sourceIp,
  constraint: actions('dns-query'),
  fields: {
    query: F.dnsQuestionName,
    record_type: F.dnsQuestionType,
    answer: F.dnsResolvedIp,
    src_ip: F.sourceIp,
    dst_ip: F.destinationIp,
    response_code: F.dnsResponseCode,
  },
  eventCode: false,
};

const FIREWALL: SourceMapping = {
  entity: F.sourceIp,
  constraint: `${F.eventCategory}:network AND ${F.eventType}:connection`,
  fields: {
    src_ip: F.sourceIp,
    src_port: F.sourcePort,
    dst_ip: F.destinationIp,
    dst_port: F.destinationPort,
    protocol: F.networkTransport,
    action: F.eventOutcome,
    username: F.userName,
  },
  raw: F.kansaRaw,
  eventCode: false,
};

const AUDITD: SourceMapping = {
  constraint: `${F.eventModule}:auditd`,
  fields: {
    type: F.eventCode,
    exe: F.processExecutable,
    comm: F.processName,
    pid: F.processPid,
    uid: F.userId,
    auid: F.userId,
  },
  raw: F.kansaRaw,
  eventCode: false,
};

/** Zeek's own field names (conn, dns, http logs) as the Zeek translator normalizes them (translators/zeek). */
const ZEEK: SourceMapping = {
  entity: F.sourceIp,
  constraint: `${F.eventModule}:zeek`,
  fields: {
    'id.orig_h': F.sourceIp,
    'id.orig_p': F.sourcePort,
    'id.resp_h': F.destinationIp,
    'id.resp_p': F.destinationPort,
    proto: F.networkTransport,
    service: F.networkProtocol,
    orig_bytes: F.sourceBytes,
    resp_bytes: F.destinationBytes,
    orig_pkts: F.sourcePackets,
    resp_pkts: F.destinationPackets,
    duration: F.eventDuration,
    query: F.dnsQuestionName,
    qtype_name: F.dnsQuestionType,
    rcode_name: F.dnsResponseCode,
    answers: F.dnsResolvedIp,
    host: F.urlDomain,
    uri: F.urlPath,
    method: F.httpRequestMethod,
    status_code: F.httpResponseStatusCode,
    user_agent: F.userAgentOriginal,
  },
  // Zeek's duration is in seconds; event.duration is in nanoseconds (ECS).
  scale: { duration: 1e9 },
  raw: F.kansaRaw,
  eventCode: false,
};

const quoteTerm = (v: string) => (/^[\w.-]+$/.test(v) ? v : JSON.stringify(v));

/** Log sources no translator feeds, with the reason the coverage report gives. */
const NO_TRANSLATOR: Record<string, string> = {
  webserver: 'no web server access-log translator (Apache, nginx, IIS) exists yet',
  antivirus: 'no antivirus translator exists yet',
  azure: 'no cloud audit translator exists yet',
  aws: 'no cloud audit translator exists yet',
  gcp: 'no cloud audit translator exists yet',
  m365: 'no cloud audit translator exists yet',
  okta: 'no cloud audit translator exists yet',
  github: 'no cloud audit translator exists yet',
  macos: 'no macOS translator exists yet',
};

export function sourceMapping(ls: LogSource): SourceMapping | { error: string } {
  const product = ls.product?.toLowerCase();
  const category = ls.category?.toLowerCase();
  const service = ls.service?.toLowerCase();
  for (const key of [product, category, service]) {
    if (key && NO_TRANSLATOR[key]) return { error: NO_TRANSLATOR[key] };
  }
  if (product === 'windows') {
    if (category) {
      const m = WINDOWS_CATEGORIES[category];
      return m ?? { error: `Windows category "${category}" has no mapping to Kansa's translators` };
    }
    if (service) {
      const c = WINDOWS_SERVICES[service];
      if (!c) return { error: `Windows service "${service}" is not a channel Kansa's Windows translators read` };
      const fields =
        service === 'sysmon'
          ? { ...WINDOWS_COMMON, ...SYSMON_PROCESS }
          : service === 'security'
            ? { ...WINDOWS_COMMON, ...SECURITY_FIELDS }
            : { ...WINDOWS_COMMON };
      return { constraint: c, fields, raw: F.winlogEventData, eventCode: true };
    }
    return {
      constraint: `${F.hostOsType}:windows`,
      fields: { ...WINDOWS_COMMON },
      raw: F.winlogEventData,
      eventCode: true,
    };
  }
  if (product === 'linux') {
    if (service === 'auditd') return AUDITD;
    if (service === 'sshd')
      return { constraint: `${F.processName}:sshd`, fields: { message: F.message }, eventCode: false };
    if (service === 'sudo')
      return {
        constraint: `${F.processName}:sudo`,
        fields: { message: F.message, USER: F.userName, COMMAND: F.processCommandLine },
        eventCode: false,
      };
    if (service === 'syslog' || (!service && !category))
      return { constraint: `${F.hostOsType}:linux`, fields: { message: F.message }, eventCode: false };
    return {
      error: `Linux ${category ? `category "${category}"` : `service "${service}"`}: no Kansa translator emits it as one record (auditd's SYSCALL carries the executable and its EXECVE the arguments, as separate events that are not joined, so Image and CommandLine never meet in one document)`,
    };
  }
  if (category === 'proxy') return PROXY;
  if (category === 'dns') return DNS;
  if (category === 'firewall') return FIREWALL;
  if (product === 'zeek') {
    return {
      ...ZEEK,
      constraint: service
        ? `${F.eventModule}:zeek AND ${F.eventDataset}:${quoteTerm(`zeek.${service}`)}`
        : `${F.eventModule}:zeek`,
    };
  }
  return { error: `log source ${JSON.stringify(ls)} has no mapping to Kansa's translators` };
}

export type FieldKind = 'keyword' | 'text' | 'number' | 'ip' | 'flat' | 'boolean' | 'date';

const TYPES = new Map<string, string>(Object.entries(FIELD_TYPES));

/** How a registry field can be matched; a dotted path under a flat_object field is matched as `flat`. */
export function fieldKind(name: string): FieldKind | undefined {
  const t = TYPES.get(name);
  if (t === undefined) {
    const parent = [...TYPES.entries()].find(([n, ty]) => ty === 'flat_object' && name.startsWith(`${n}.`));
    return parent ? 'flat' : undefined;
  }
  if (t === 'keyword') return 'keyword';
  if (t === 'text' || t === 'match_only_text') return 'text';
  if (t === 'long' || t === 'integer' || t === 'float') return 'number';
  if (t === 'ip') return 'ip';
  if (t === 'boolean') return 'boolean';
  if (t === 'date') return 'date';
  return undefined;
}

/** The Kansa field for a Sigma field of this source, or undefined when none exists. */
export function resolveField(m: SourceMapping, sigmaField: string): string | undefined {
  const mapped = m.fields[sigmaField];
  if (mapped) return mapped;
  if (m.raw && /^[A-Za-z_][\w-]*$/.test(sigmaField)) return `${m.raw}.${sigmaField}`;
  return undefined;
}
