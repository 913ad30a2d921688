import { initPluginTranslations } from '@grafana/i18n';
import i18next from 'i18next';

import ja from '../locales/ja-JP/kansa-logs-datasource.json';
import pluginJson from '../plugin.json';

/** What Grafana does before it loads the plugin: the plugin's translations in i18next, its namespace bound. */
export async function initTestTranslations() {
  await initPluginTranslations(pluginJson.id);
  i18next.addResourceBundle('ja-JP', pluginJson.id, ja, true, true);
}

/** Grafana's UI language, as a user's preference sets it; without resources to load, i18next switches at once. */
export function setI18nLanguage(language: string | undefined) {
  void i18next.changeLanguage(language ?? 'en-US');
}
