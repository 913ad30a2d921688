import { localStamp, winSystemTime } from '../time';

/** One Windows event before rendering: what every collector (wevtutil/WEF, NXLog, Winlogbeat) starts from. */
export interface WinRecord {
  t: number;
  id: number;
  provider: string;
  channel: string;
  computer: string;
  recordId: number;
  /** Security events: audit success or failure; others: informational with this level (default 4). */
  audit?: 'success' | 'failure';
  level?: number;
  task?: number;
  taskName?: string;
  version?: number;
  processId?: number;
  threadId?: number;
  /** EventData, in the order Windows writes it. */
  data: Array<[string, string]>;
  /** UserData for events that carry it instead of EventData (1102 LogFileCleared). */
  userData?: { element: string; ns: string };
  /** The first line of the rendered message, as NXLog and Winlogbeat include it. */
  message: string;
}

export const PROVIDER_GUID: Record<string, string> = {
  'Microsoft-Windows-Security-Auditing': '{54849625-5478-4994-A5BA-3E3B0328C30D}',
  'Microsoft-Windows-Eventlog': '{FC65DDD8-D6EF-4962-83D5-6E5CFE9CE148}',
  'Microsoft-Windows-Kernel-General': '{A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D}',
  'Microsoft-Windows-Kernel-Power': '{331C3B3A-2005-44C2-AC5E-77220C37D6B4}',
  'Microsoft-Windows-PowerShell': '{A0C1853B-5C40-4B15-8766-3CF1C58F985A}',
  User32: '{B0AA8734-56F7-41CC-B2F4-DE228E98B946}',
  'Microsoft-Windows-Sysmon': '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}',
};

function keywords(r: WinRecord): string {
  if (r.audit === 'success') return '0x8020000000000000';
  if (r.audit === 'failure') return '0x8010000000000000';
  if (r.provider === 'EventLog' || r.provider === 'User32') return '0x80000000000000';
  return '0x8000000000000000';
}

function keywordsSigned(r: WinRecord): string {
  return BigInt.asIntN(64, BigInt(keywords(r))).toString();
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
}

const LEVEL_WORD = ['Information', 'Critical', 'Error', 'Warning', 'Information', 'Verbose'];
const NXLOG_SEVERITY: Record<number, [string, number]> = {
  0: ['INFO', 2],
  1: ['CRITICAL', 5],
  2: ['ERROR', 4],
  3: ['WARNING', 3],
  4: ['INFO', 2],
  5: ['DEBUG', 1],
};

/** The `<Event xmlns=…>` rendering, as wevtutil, Get-WinEvent .ToXml() and WEF write it: one event per line. */
export function renderXml(r: WinRecord): string {
  const guid = PROVIDER_GUID[r.provider];
  const provider = guid
    ? `<Provider Name='${r.provider}' Guid='${guid.toLowerCase()}'/>`
    : `<Provider Name='${r.provider}'/>`;
  const idAttr =
    r.provider === 'EventLog' || r.provider === 'User32'
      ? `<EventID Qualifiers='32768'>${r.id}</EventID>`
      : `<EventID>${r.id}</EventID>`;
  const sys =
    `<System>${provider}${idAttr}<Version>${r.version ?? 0}</Version>` +
    `<Level>${r.audit ? 0 : (r.level ?? 4)}</Level><Task>${r.task ?? 0}</Task><Opcode>0</Opcode>` +
    `<Keywords>${keywords(r)}</Keywords><TimeCreated SystemTime='${winSystemTime(r.t)}'/>` +
    `<EventRecordID>${r.recordId}</EventRecordID><Correlation/>` +
    `<Execution ProcessID='${r.processId ?? 700}' ThreadID='${r.threadId ?? 1200}'/>` +
    `<Channel>${r.channel}</Channel><Computer>${r.computer}</Computer><Security/></System>`;
  let body: string;
  if (r.userData) {
    const { element, ns } = r.userData;
    const fields = r.data.map(([k, v]) => `<${k}>${esc(v)}</${k}>`).join('');
    body = `<UserData><${element} xmlns='${ns}'>${fields}</${element}></UserData>`;
  } else if (r.provider === 'EventLog' || r.provider === 'User32' || r.provider === 'PowerShell') {
    body = `<EventData>${r.data.map(([, v]) => `<Data>${esc(v)}</Data>`).join('')}</EventData>`;
  } else {
    const item = ([k, v]: [string, string]): string =>
      v === '' ? `<Data Name='${k}'/>` : `<Data Name='${k}'>${esc(v)}</Data>`;
    body = `<EventData>${r.data.map(item).join('')}</EventData>`;
  }
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>${sys}${body}</Event>`;
}

/** NXLog im_msvistalog + xm_json to_json(): one flat object per line, local EventTime. */
export function renderNxlog(r: WinRecord): string {
  const level = r.audit ? 0 : (r.level ?? 4);
  const [sev, sevValue] = NXLOG_SEVERITY[level] ?? ['INFO', 2];
  const o: Record<string, unknown> = {
    EventTime: localStamp(r.t),
    Hostname: r.computer,
    Keywords: '@@KEYWORDS@@',
    EventType:
      r.audit === 'success'
        ? 'AUDIT_SUCCESS'
        : r.audit === 'failure'
          ? 'AUDIT_FAILURE'
          : level === 2
            ? 'ERROR'
            : level === 3
              ? 'WARNING'
              : 'INFO',
    SeverityValue: sevValue,
    Severity: sev,
    EventID: r.id,
    SourceName: r.provider,
  };
  const guid = PROVIDER_GUID[r.provider];
  if (guid) o.ProviderGuid = guid;
  o.Version = r.version ?? 0;
  o.Task = r.task ?? 0;
  o.OpcodeValue = 0;
  o.RecordNumber = r.recordId;
  o.ProcessID = r.processId ?? 700;
  o.ThreadID = r.threadId ?? 1200;
  o.Channel = r.channel;
  o.Message = r.message;
  if (r.taskName) o.Category = r.taskName;
  o.Opcode = 'Info';
  r.data.forEach(([k, v], i) => {
    const key =
      r.provider === 'EventLog' || r.provider === 'User32' || r.provider === 'PowerShell' ? `param${i + 1}` : k;
    o[key] = v;
  });
  o.EventReceivedTime = localStamp(r.t + 1000);
  o.SourceModuleName = 'eventlog';
  o.SourceModuleType = 'im_msvistalog';
  // Keywords is a signed 64-bit integer in NXLog's JSON: write its digits verbatim.
  return JSON.stringify(o).replace('"@@KEYWORDS@@"', keywordsSigned(r));
}

/** Winlogbeat 8 as its file or Logstash output writes it: one nested object per line. */
export function renderWinlogbeat(r: WinRecord, agentHost: string): string {
  const level = r.audit ? 0 : (r.level ?? 4);
  const eventData: Record<string, string> = {};
  r.data.forEach(([k, v], i) => {
    const key =
      r.provider === 'EventLog' || r.provider === 'User32' || r.provider === 'PowerShell' ? `param${i + 1}` : k;
    eventData[key] = v;
  });
  const o = {
    '@timestamp': new Date(r.t).toISOString(),
    agent: { type: 'winlogbeat', version: '8.15.3', name: agentHost },
    ecs: { version: '8.0.0' },
    event: {
      code: String(r.id),
      kind: 'event',
      provider: r.provider,
      created: new Date(r.t + 1500).toISOString(),
      ...(r.audit ? { outcome: r.audit } : {}),
      ...(r.taskName ? { action: r.taskName } : {}),
    },
    host: { name: agentHost },
    log: { level: LEVEL_WORD[level]?.toLowerCase() ?? 'information' },
    message: r.message,
    winlog: {
      channel: r.channel,
      computer_name: r.computer,
      ...(r.userData ? { user_data: eventData } : { event_data: eventData }),
      event_id: String(r.id),
      ...(r.audit ? { keywords: [r.audit === 'success' ? 'Audit Success' : 'Audit Failure'] } : {}),
      opcode: 'Info',
      process: { pid: r.processId ?? 700, thread: { id: r.threadId ?? 1200 } },
      ...(PROVIDER_GUID[r.provider] ? { provider_guid: PROVIDER_GUID[r.provider] } : {}),
      provider_name: r.provider,
      record_id: r.recordId,
      ...(r.taskName ? { task: r.taskName } : {}),
    },
  };
  return JSON.stringify(o);
}
