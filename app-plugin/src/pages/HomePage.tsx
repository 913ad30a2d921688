import { t } from '@grafana/i18n';
import { config, PluginPage } from '@grafana/runtime';
import { Card, LinkButton, Stack, Text } from '@grafana/ui';

import { DASHBOARDS } from '../content/dashboards';
import { contentLanguage } from '../language';
import { pageUrl, ROUTES } from '../routes';
import { DATASOURCE_PLUGIN_ID, DEFAULT_DATASOURCE_UID, type KansaAppSettings } from '../types';
import { USE_CASES } from '../useCases';

/** The dashboard of each purpose, for the links on the cards. */
const DASHBOARD_OF: Record<string, string> = {
  cyber: 'kansa-cyber',
  insider: 'kansa-insider',
  audit: 'kansa-audit',
  attendance: 'kansa-attendance',
  failure: 'kansa-failure',
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

/** The app's root page: the five purposes with their dashboards, the app's pages and Explore. */
export default function HomePage({ settings }: { settings: KansaAppSettings }) {
  const language = contentLanguage();
  const dataSourceUid = settings.dataSourceUid || DEFAULT_DATASOURCE_UID;
  const pages = [
    { route: ROUTES.attendance, icon: 'calendar-alt', title: t('pages.attendance', 'Attendance sheet') },
    { route: ROUTES.risk, icon: 'user', title: t('pages.risk', 'Risk ranking') },
    { route: ROUTES.audit, icon: 'file-alt', title: t('pages.audit', 'Audit report') },
  ] as const;
  const listLabel = t('home.list-label', 'The five purposes of log management');
  return (
    <PluginPage>
      <Stack direction="column" gap={2}>
        <Text element="p">
          {t(
            'home.intro',
            'Kansa collects and translates logs from Windows, Linux, network devices and more, and shows them for the five purposes of log management.',
          )}
        </Text>
        <ul aria-label={listLabel} lang={language} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {USE_CASES.map((useCase) => (
            <li key={useCase.id}>
              <Card>
                <Card.Heading>{useCase.title[language]}</Card.Heading>
                <Card.Description>{useCase.question[language]}</Card.Description>
                <Card.Actions>
                  <LinkButton
                    variant="secondary"
                    size="sm"
                    icon="apps"
                    href={`${config.appSubUrl}/d/${DASHBOARD_OF[useCase.id]}`}
                  >
                    {`${t('home.open-dashboard', 'Open the dashboard')}: ${DASHBOARDS.find((d) => d.uid === DASHBOARD_OF[useCase.id])!.title[language]}`}
                  </LinkButton>
                </Card.Actions>
              </Card>
            </li>
          ))}
        </ul>
        <Stack direction="row" gap={1} wrap="wrap">
          {pages.map((page) => (
            <LinkButton
              key={page.route}
              variant="secondary"
              icon={page.icon}
              href={`${config.appSubUrl}${pageUrl(page.route)}`}
            >
              {page.title}
            </LinkButton>
          ))}
          <LinkButton icon="compass" href={exploreUrl(dataSourceUid)}>
            {t('home.explore', 'Search logs in Explore')}
          </LinkButton>
        </Stack>
      </Stack>
    </PluginPage>
  );
}
