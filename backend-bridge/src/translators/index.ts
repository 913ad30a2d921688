import type { Format, Stage, SyslogProgram } from '../translate/types';
import { windowsXml } from './windows-xml';
import { nxlogJson } from './nxlog-json';
import { winlogbeatJson } from './winlogbeat-json';
import { wineventJson } from './winevent-json';
import { wevtutilText } from './wevtutil-text';
import { windowsDhcp } from './windows-dhcp';
import { createFileAccessCondenser } from './file-access';
import { createSyslogFormat } from './syslog';
import { pam } from './pam';
import { sshd } from './sshd';
import { sudo } from './sudo';
import { su } from './su';
import { shadowUtils } from './shadow-utils';
import { logind } from './logind';
import { LogindSessionStage } from './logind/sessions';
import { auditdFormat, auditdSyslog } from './auditd';
import { sambaAudit } from './samba-audit';
import { postfix } from './postfix';
import { dhcpd } from './dhcpd';
import { bindFormat, bindSyslog } from './bind';
import { pgauditFormat, pgauditSyslog } from './pgaudit';
import { cupsFormat } from './cups';
import { mysqlAuditFormat } from './mysql-audit';
import { createMssqlAuditNxlog, mssqlAuditCsv } from './mssql-audit';
import { netfilterProgram } from './netfilter';
import { ciscoProgram } from './cisco';
import { squidFormat } from './squid';
import { fortigateFormat, fortigateSyslog } from './fortigate';
import { zeekFormat } from './zeek';
import { doorFormat } from './door';
import { wirelessApProgram } from './wireless-ap';
import { cifsAuditFormat } from './cifs-audit';
import { cloudtrailFormat } from './cloudtrail';
import { m365AuditCsv, m365AuditJson } from './m365-audit';
import { entraIdFormat } from './entra-id';
import { googleWorkspaceFormat } from './google-workspace';
import { panosFormat, panosSyslog } from './panos';
import { suricataFormat } from './suricata';
import { webAccessFormat, webAccessSyslog } from './web-access';
import { iisFormat } from './iis';
import { exchangeTrackingFormat } from './exchange-tracking';
import { oracleAuditSyslog, oracleAuditXml } from './oracle-audit';
import { yamahaRtxProgram } from './yamaha-rtx';
import { iFilterFormat } from './i-filter';
import { boxFormat } from './box';
import { powerscaleFormat, powerscaleSyslog } from './powerscale';
import { createAttributionStage } from '../translate/attribution';

/**
 * Every input format, one line each. Auto-detection takes the highest score; a tie goes to the
 * earlier line, so put the more specific format first.
 */
export const FORMATS: Format[] = [
  // --- windows (renderings, DHCP audit CSV) ---
  windowsXml,
  winlogbeatJson,
  nxlogJson,
  wineventJson,
  wevtutilText,
  windowsDhcp,
  // --- linux & application files ---
  auditdFormat,
  bindFormat,
  pgauditFormat,
  cupsFormat,
  mysqlAuditFormat,
  createMssqlAuditNxlog(nxlogJson),
  mssqlAuditCsv,
  // --- network, web, door ---
  squidFormat,
  fortigateFormat,
  zeekFormat,
  doorFormat,
  cifsAuditFormat,
  powerscaleFormat,
  cloudtrailFormat,
  m365AuditJson,
  m365AuditCsv,
  entraIdFormat,
  googleWorkspaceFormat,
  boxFormat,
  panosFormat,
  suricataFormat,
  webAccessFormat,
  iisFormat,
  exchangeTrackingFormat,
  oracleAuditXml,
  iFilterFormat,
  // --- syslog envelope: last, it accepts any syslog line ---
  createSyslogFormat(
    () => SYSLOG_PROGRAMS,
    () => FORMATS,
  ),
];

/** Every program inside syslog, one line each; the first whose `matches` is true wins. */
export const SYSLOG_PROGRAMS: SyslogProgram[] = [
  // --- linux ---
  pam,
  sshd,
  sudo,
  su,
  shadowUtils,
  logind,
  auditdSyslog,
  sambaAudit,
  powerscaleSyslog,
  postfix,
  dhcpd,
  bindSyslog,
  pgauditSyslog,
  oracleAuditSyslog,
  // --- network ---
  netfilterProgram,
  ciscoProgram,
  fortigateSyslog,
  panosSyslog,
  webAccessSyslog,
  wirelessApProgram,
  yamahaRtxProgram,
];

/** Stateful stages after translation, in order; each call makes fresh state for one run. */
export const STAGES: Array<() => Stage> = [
  // --- windows ---
  createFileAccessCondenser,
  // --- linux ---
  () => new LogindSessionStage(),
  // --- network: people behind addresses (after the others, so it sees their merged records) ---
  createAttributionStage,
];
