import { AppPlugin, type AppRootProps } from '@grafana/data';
import { initPluginTranslations, t } from '@grafana/i18n';
import { LoadingPlaceholder } from '@grafana/ui';
import { lazy, Suspense } from 'react';

import { loadResources } from './locales/loadResources';
import pluginJson from './plugin.json';
import type { KansaAppSettings } from './types';

// No top-level await: AMD hosts that do not await an async module (and the dist test) get the plugin at once.
// The pages load lazily after the translations, so they never render before them.
const translations = initPluginTranslations(pluginJson.id, [loadResources]);
const afterTranslations =
  <T,>(load: () => Promise<T>) =>
  () =>
    translations.then(load);

const LazyApp = lazy(afterTranslations(() => import('./components/App/App')));
const LazyAppConfig = lazy(afterTranslations(() => import('./components/AppConfig/AppConfig')));

export function App(props: AppRootProps<KansaAppSettings>) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="" />}>
      <LazyApp {...props} />
    </Suspense>
  );
}

function AppConfig(props: Parameters<typeof LazyAppConfig>[0]) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="" />}>
      <LazyAppConfig {...props} />
    </Suspense>
  );
}

export const plugin = new AppPlugin<KansaAppSettings>().setRootPage(App).addConfigPage({
  id: 'configuration',
  // Read when Grafana draws the plugin's tabs, after the translations are in.
  get title() {
    return t('config.title', 'Configuration');
  },
  icon: 'cog',
  body: AppConfig,
});
