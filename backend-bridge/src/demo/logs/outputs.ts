import { DOOR_HEADER } from '../render/door';
import { Sink } from '../sinks';

/** Every log file of the demo month, in the order the summary lists them. */
const FILES = {
  workstations: 'windows/workstations-nxlog.json',
  dc: 'windows/dc01-security.xml',
  sysmon: 'windows/sysmon-operational.xml',
  fileServers: 'windows/fileservers-winlogbeat.json',
  secure: 'linux/secure.log',
  audit: 'linux/audit.log',
  proxy: 'proxy/access.log',
  firewall: 'firewall/fortigate.log',
  zeekConn: 'zeek/conn.log',
  zeekDns: 'zeek/dns.log',
  bind: 'dns/query.log',
  dhcp: 'dhcp/dhcpd.log',
  mail: 'mail/maillog',
  hrdb: 'db/postgresql-hrdb.log',
  print: 'print/page_log',
  door: 'door/door.csv',
  switch: 'network/switch.log',
  ap: 'network/ap.log',
  m365: 'cloud/m365-audit.json',
  mssql: 'db/sql01-application-nxlog.json',
  ids: 'ids/eve.json',
} as const;

export type Outputs = Record<keyof typeof FILES, Sink>;

export function openOutputs(outDir: string): Outputs {
  const entries = Object.entries(FILES).map(([key, file]) => {
    return [key, new Sink(file, outDir, key === 'door' ? DOOR_HEADER : undefined)];
  });
  return Object.fromEntries(entries) as Outputs;
}
