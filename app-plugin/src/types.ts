import type { WorkdaySettings } from '../../datasource-plugin/src/types';
import type { RuleSettings } from './content/rules/model';

/** The app's own settings; Grafana stores them as the app plugin's jsonData. */
export interface KansaAppSettings {
  /** UID of the Kansa Logs data source the app's links and pages query; provisioning creates "kansa". */
  dataSourceUid?: string;
  /** Alert thresholds, permitted ports, late-night window, holidays; the installer builds the rules from them. */
  ruleSettings?: Partial<RuleSettings>;
  /** Lucene wildcard patterns of file.path the audit report lists access to. */
  importantFolders?: string[];
  /** Working-day rules for the attendance sheet (the data source's defaults apply where unset). */
  workday?: WorkdaySettings;
}

export const DEFAULT_DATASOURCE_UID = 'kansa';
export const DATASOURCE_PLUGIN_ID = 'kansa-logs-datasource';
