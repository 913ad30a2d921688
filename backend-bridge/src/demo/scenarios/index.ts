import type { ScenarioDef } from './types';
import passwordSpray from './password-spray';
import escalationDomainAdmins from './escalation-domain-admins';
import backdoorAccount from './backdoor-account';
import auditPolicyAndLogClear from './audit-policy-and-log-clear';
import sshBruteForce from './ssh-brute-force';
import massFileReads from './mass-file-reads';
import ransomwareRenameBurst from './ransomware-rename-burst';
import encodedPowershell from './encoded-powershell';
import nonPermittedPort from './non-permitted-port';
import largeUpload from './large-upload';
import uplinkSaturation from './uplink-saturation';
import aclChangeConfidential from './acl-change-confidential';
import adminReadsHr from './admin-reads-hr';
import salesOpensDevShare from './sales-opens-dev-share';
import lateNightWork from './late-night-work';
import holidayWork from './holiday-work';
import restIntervalShort from './rest-interval-short';
import switchPortFlapping from './switch-port-flapping';
import apErrorStorm from './ap-error-storm';
import leaverExfiltration from './leaver-exfiltration';
import agreement36Average from './agreement36-average';
import timesheetDivergence from './timesheet-divergence';
import publicShareConfidential from './public-share-confidential';
import dbBulkExport from './db-bulk-export';
import idsLateralSmbExploit from './ids-lateral-smb-exploit';
import leaverCloudDownloads from './leaver-cloud-downloads';

/**
 * Every scenario of the demo month, one file each. Scenarios of the same day play in this order and draw from one
 * random stream, so a new scenario goes at the end (or on a day of its own) to leave every other one's logs unchanged.
 */
export const SCENARIOS: readonly ScenarioDef[] = [
  passwordSpray,
  escalationDomainAdmins,
  backdoorAccount,
  auditPolicyAndLogClear,
  sshBruteForce,
  massFileReads,
  ransomwareRenameBurst,
  encodedPowershell,
  nonPermittedPort,
  largeUpload,
  uplinkSaturation,
  aclChangeConfidential,
  adminReadsHr,
  salesOpensDevShare,
  lateNightWork,
  holidayWork,
  restIntervalShort,
  switchPortFlapping,
  apErrorStorm,
  leaverExfiltration,
  agreement36Average,
  timesheetDivergence,
  publicShareConfidential,
  dbBulkExport,
  idsLateralSmbExploit,
  leaverCloudDownloads,
];
