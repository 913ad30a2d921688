import type { AppRootProps } from '@grafana/data';
import { config, locationService, PluginPage } from '@grafana/runtime';
import { Card, LinkButton, Stack, Tab, TabContent, TabsBar, Text } from '@grafana/ui';
import { useState } from 'react';

import { DASHBOARDS } from '../../content/dashboards';
import { AttendancePage } from '../../pages/AttendancePage';
import { AuditPage } from '../../pages/AuditPage';
import { RiskPage } from '../../pages/RiskPage';

import { type Language, userLanguage } from '../../language';
import { DATASOURCE_PLUGIN_ID, DEFAULT_DATASOURCE_UID, type KansaAppSettings } from '../../types';
import { USE_CASES } from '../../useCases';

type TabId = 'home' | 'attendance' | 'risk' | 'audit';
const TABS: Record<TabId, Record<Language, string>> = {
  home: { ja: '概要', en: 'Overview' },
  attendance: { ja: '勤怠表', en: 'Attendance sheet' },
  risk: { ja: 'リスクランキング', en: 'Risk ranking' },
  audit: { ja: '監査レポート', en: 'Audit report' },
};

/** The dashboard of each purpose, for the links on the cards. */
const DASHBOARD_OF: Record<string, string> = { cyber: 'kansa-cyber', insider: 'kansa-insider', audit: 'kansa-audit', attendance: 'kansa-attendance', failure: 'kansa-failure' };

const TEXT: Record<Language, { intro: string; listLabel: string; explore: string; open: string }> = {
  ja: {
    intro: 'Kansa は Windows・Linux・ネットワーク機器などのログを集めて翻訳し、ログ管理の5つの目的に沿って見える化します。',
    listLabel: 'ログ管理の5つの目的',
    explore: 'Explore でログを検索',
    open: 'ダッシュボードを開く',
  },
  en: {
    intro:
      'Kansa collects and translates logs from Windows, Linux, network devices and more, and shows them for the five purposes of log management.',
    listLabel: 'The five purposes of log management',
    explore: 'Search logs in Explore',
    open: 'Open the dashboard',
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

const localDay = (d: Date, timezone: string) => d.toLocaleDateString('sv-SE', { timeZone: timezone });

export function App({ meta }: AppRootProps<KansaAppSettings>) {
  const language = userLanguage();
  const settings = meta.jsonData ?? {};
  const dataSourceUid = settings.dataSourceUid || DEFAULT_DATASOURCE_UID;
  const timezone = settings.workday?.timezone ?? 'Asia/Tokyo';
  const [tab, setTab] = useState<TabId>(() => {
    const requested = new URLSearchParams(window.location.search).get('tab');
    return requested && requested in TABS ? (requested as TabId) : 'home';
  });
  const open = (id: TabId) => {
    setTab(id);
    locationService.partial({ tab: id === 'home' ? null : id }, true);
  };
  const now = new Date();
  const today = localDay(now, timezone);

  return (
    <PluginPage>
      <TabsBar>
        {(Object.keys(TABS) as TabId[]).map((id) => (
          <Tab key={id} label={TABS[id][language]} active={tab === id} onChangeTab={() => open(id)} />
        ))}
      </TabsBar>
      <TabContent>
        {tab === 'attendance' && <AttendancePage language={language} dataSourceUid={dataSourceUid} workday={settings.workday} initialMonth={today.slice(0, 7)} />}
        {tab === 'risk' && <RiskPage language={language} dataSourceUid={dataSourceUid} now={now} />}
        {tab === 'audit' && (
          <AuditPage
            language={language}
            dataSourceUid={dataSourceUid}
            timezone={timezone}
            importantFolders={settings.importantFolders}
            initialFrom={`${today.slice(0, 7)}-01`}
            initialTo={today}
          />
        )}
        {tab === 'home' && <Home language={language} dataSourceUid={dataSourceUid} />}
      </TabContent>
    </PluginPage>
  );
}

function Home({ language, dataSourceUid }: { language: Language; dataSourceUid: string }) {
  const text = TEXT[language];
  return (
      <Stack direction="column" gap={2}>
        <Text element="p">{text.intro}</Text>
        <ul aria-label={text.listLabel} lang={language} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {USE_CASES.map((useCase) => (
            <li key={useCase.id}>
              <Card>
                <Card.Heading>{useCase.title[language]}</Card.Heading>
                <Card.Description>{useCase.question[language]}</Card.Description>
                <Card.Actions>
                  <LinkButton variant="secondary" size="sm" icon="apps" href={`${config.appSubUrl}/d/${DASHBOARD_OF[useCase.id]}`}>
                    {`${text.open}: ${DASHBOARDS.find((d) => d.uid === DASHBOARD_OF[useCase.id])!.title[language]}`}
                  </LinkButton>
                </Card.Actions>
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
  );
}
