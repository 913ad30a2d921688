import type { Employee } from '../company';
import { FQDN } from '../office';

/** The servers and network devices of the asset list, after the PCs: host, owner (none), department, role. */
const INFRASTRUCTURE = [
  `DC01.${FQDN},,情報システム,domain-controller`,
  `FS01.${FQDN},,情報システム,file-server`,
  `FS02.${FQDN},,情報システム,file-server`,
  'web01,,情報システム,linux-server',
  'db01,,情報システム,database',
  'bastion01,,情報システム,ssh-gateway',
  'mail01,,情報システム,mail-server',
  'ns01,,情報システム,dns-server',
  'dhcp01,,情報システム,dhcp-server',
  'proxy01,,情報システム,proxy',
  'FGT60F,,情報システム,firewall',
  'core-sw01,,情報システム,switch',
  'floor3-sw01,,情報システム,switch',
  'ap-3f-01,,情報システム,access-point',
  'ap-3f-02,,情報システム,access-point',
];

/** assets.csv: every PC with its owner, then the infrastructure. */
export function assetsCsv(people: Employee[]): string {
  const rows = ['host,owner,department,role'];
  // Windows machines by their DNS name, as AD's dNSHostName and the event logs' Computer field give it.
  for (const p of people)
    rows.push(`${p.host}.${FQDN},${p.account},${p.dept.ja},${p.laptop ? 'laptop' : 'workstation'}`);
  rows.push(...INFRASTRUCTURE);
  return `${rows.join('\n')}\n`;
}
