/** The app's own settings; Grafana stores them as the app plugin's jsonData. */
export interface KansaAppSettings {
  /** UID of the Kansa Logs data source the app's links and pages query; provisioning creates "kansa". */
  dataSourceUid?: string;
}

export const DEFAULT_DATASOURCE_UID = 'kansa';
export const DATASOURCE_PLUGIN_ID = 'kansa-logs-datasource';
