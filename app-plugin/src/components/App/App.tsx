import type { AppRootProps } from '@grafana/data';
import { config, PluginPage } from '@grafana/runtime';
import { Card, LinkButton, Stack, Text } from '@grafana/ui';

import { type Language, userLanguage } from '../../language';
import { DATASOURCE_PLUGIN_ID, DEFAULT_DATASOURCE_UID, type KansaAppSettings } from '../../types';
import { USE_CASES } from '../../useCases';

const TEXT: Record<Language, { intro: string; listLabel: string; explore: string }> = {
  ja: {
    intro: 'Kansa は Windows・Linux・ネットワーク機器などのログを集めて翻訳し、ログ管理の5つの目的に沿って見える化します。',
    listLabel: 'ログ管理の5つの目的',
    explore: 'Explore でログを検索',
  },
  en: {
    intro:
      'Kansa collects and translates logs from Windows, Linux, network devices and more, and shows them for the five purposes of log management.',
    listLabel: 'The five purposes of log management',
    explore: 'Search logs in Explore',
  },
};

/** Explore with one Kansa Logs query for the last hour, in Explore's URL format (schemaVersion 1 panes). */
export function exploreUrl(dataSourceUid: string): string {
  const datasource = { type: DATASOURCE_PLUGIN_ID, uid: dataSourceUid };
  const panes = {
    kansa: {
      datasource: dataSourceUid,
      queries: [{ refId: 'A', datasource, queryType: 'logs', query: '' }],
      range: { from: 'now-1h', to: 'now' },
    },
  };
  return `${config.appSubUrl}/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}`;
}

export function App({ meta }: AppRootProps<KansaAppSettings>) {
  const language = userLanguage();
  const text = TEXT[language];
  const dataSourceUid = meta.jsonData?.dataSourceUid || DEFAULT_DATASOURCE_UID;

  return (
    <PluginPage>
      <Stack direction="column" gap={2}>
        <Text element="p">{text.intro}</Text>
        <ul aria-label={text.listLabel} lang={language} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {USE_CASES.map((useCase) => (
            <li key={useCase.id}>
              <Card>
                <Card.Heading>{useCase.title[language]}</Card.Heading>
                <Card.Description>{useCase.question[language]}</Card.Description>
              </Card>
            </li>
          ))}
        </ul>
        <div>
          <LinkButton icon="compass" href={exploreUrl(dataSourceUid)}>
            {text.explore}
          </LinkButton>
        </div>
      </Stack>
    </PluginPage>
  );
}
