import type { RuleDef } from './model';
import cyber_logon_failures from './cyber-logon-failures';
import cyber_password_spray from './cyber-password-spray';
import cyber_admin_escalation from './cyber-admin-escalation';
import cyber_account_created from './cyber-account-created';
import cyber_policy_change from './cyber-policy-change';
import cyber_mass_file_reads from './cyber-mass-file-reads';
import cyber_mass_renames from './cyber-mass-renames';
import cyber_suspicious_powershell from './cyber-suspicious-powershell';
import cyber_non_permitted_ports from './cyber-non-permitted-ports';
import cyber_large_upload from './cyber-large-upload';
import cyber_ids_high_severity from './cyber-ids-high-severity';
import insider_server_mass_reads from './insider-server-mass-reads';
import insider_mass_copies from './insider-mass-copies';
import insider_acl_change from './insider-acl-change';
import insider_public_share from './insider-public-share';
import insider_db_bulk_read from './insider-db-bulk-read';
import insider_leaver_baseline from './insider-leaver-baseline';
import insider_leaver_cloud_downloads from './insider-leaver-cloud-downloads';
import insider_risk_score from './insider-risk-score';
import attendance_off_hours from './attendance-off-hours';
import attendance_timesheet_divergence from './attendance-timesheet-divergence';
import attendance_agreement36_violation from './attendance-agreement36-violation';
import attendance_agreement36_warning from './attendance-agreement36-warning';
import audit_important_folder_changes from './audit-important-folder-changes';
import failure_network_errors from './failure-network-errors';
import failure_ap_errors from './failure-ap-errors';

/** Every alert rule Kansa ships, one file each. */
export const RULES: readonly RuleDef[] = [
  cyber_logon_failures,
  cyber_password_spray,
  cyber_admin_escalation,
  cyber_account_created,
  cyber_policy_change,
  cyber_mass_file_reads,
  cyber_mass_renames,
  cyber_suspicious_powershell,
  cyber_non_permitted_ports,
  cyber_large_upload,
  cyber_ids_high_severity,
  insider_server_mass_reads,
  insider_mass_copies,
  insider_acl_change,
  insider_public_share,
  insider_db_bulk_read,
  insider_leaver_baseline,
  insider_leaver_cloud_downloads,
  insider_risk_score,
  attendance_off_hours,
  attendance_timesheet_divergence,
  attendance_agreement36_violation,
  attendance_agreement36_warning,
  audit_important_folder_changes,
  failure_network_errors,
  failure_ap_errors,
];
