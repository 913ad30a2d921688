import type { ResourceLoader, Resources } from '@grafana/i18n';

// Grafana 12.1 and later load locales/<language>/<plugin id>.json itself (plugin.json `languages`) before the
// module; this loader adds the same file where nothing else does (hosts that only load module.js).
// English is the default text in the source, so only Japanese needs loading.
const LOCALES: Record<string, () => Promise<{ default: Resources }>> = {
  'ja-JP': () => import('./ja-JP/kansa-logs-datasource.json'),
};

export const loadResources: ResourceLoader = async (language) => (await LOCALES[language]?.())?.default ?? {};
