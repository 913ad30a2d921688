import { initPluginTranslations } from '@grafana/i18n';
import { config } from '@grafana/runtime';
import i18next from 'i18next';

import { loadResources } from '../locales/loadResources';
import pluginJson from '../plugin.json';

/** Switch Grafana's language for a test as a user's preference does: the bilingual content and @grafana/i18n. */
export async function setLanguage(language: 'ja-JP' | 'en-US') {
  config.bootData.user.language = language;
  await initPluginTranslations(pluginJson.id);
  await i18next.changeLanguage(language);
  i18next.addResourceBundle(language, pluginJson.id, await loadResources(language), true, true);
}
