import { t } from '@grafana/i18n';
import { config, PluginPage } from '@grafana/runtime';
import { Alert, Badge, Button, LoadingPlaceholder, RadioButtonGroup, Stack, Text } from '@grafana/ui';
import { useState } from 'react';

import type { KansaQuery } from '../../../datasource-plugin/src/types';
import { DataTable } from '../components/DataTable/DataTable';
import { INSIDER_UID } from '../content/dashboards/insider';
import { contentLanguage, type Language } from '../language';
import { DEFAULT_DATASOURCE_UID, type KansaAppSettings } from '../types';
import { localDate, nextLocalMidnight } from './period';
import { rowsOf, runQueries } from './query';

// Grafana's themed control: a native <select> is nearly invisible in the dark theme.
const PERIOD_OPTIONS = [7, 30, 90].map((d) => ({ label: String(d), value: d }));

type RiskView = 'ranking' | 'queue';

const viewOptions = () => [
  { label: t('risk.view.ranking', 'Ranking'), value: 'ranking' as const },
  { label: t('risk.view.queue', 'Review queue'), value: 'queue' as const },
];

/** What each view asks the data source for. */
const viewQuery = (view: RiskView, language: Language): KansaQuery =>
  view === 'ranking'
    ? { refId: 'risk', queryType: 'risk', query: '', riskEntity: 'user', limit: 100, language }
    : { refId: 'queue', queryType: 'risk', query: '', riskEntity: 'user', riskView: 'queue', limit: 500, language };

export interface RiskRow {
  entity: string;
  display_name: string;
  department: string;
  score: number;
  confidence: number;
  days_flagged: number;
  events: number;
  top_reasons: string;
  last_seen: number;
}

/** One day's entry of the review queue: a case it opened (new) or an open case's new evidence (open). */
export interface QueueRow {
  /** The local day's start. */
  day: number;
  entity: string;
  display_name: string;
  department: string;
  score: number;
  /** What the case is about: mail, web, files, print, or the code of another reason. */
  case: string;
  case_status: 'new' | 'open';
  case_opened: number;
  reasons: string;
}

const rankingColumns = () => [
  t('risk.column.rank', 'Rank'),
  t('risk.column.user', 'User'),
  t('risk.column.department', 'Department'),
  t('risk.column.score', 'Score'),
  t('risk.column.confidence', 'Confidence'),
  t('risk.column.days-flagged', 'Days flagged'),
  t('risk.column.events', 'Events'),
  t('risk.column.reasons', 'Top reasons'),
  t('risk.column.last-seen', 'Last seen'),
];

const queueColumns = () => [
  t('risk.column.date', 'Date'),
  t('risk.column.user', 'User'),
  t('risk.column.department', 'Department'),
  t('risk.column.score', 'Score'),
  t('risk.column.case', 'Case'),
  t('risk.column.status', 'Status'),
  t('risk.column.day-reasons', 'Reasons'),
];

const scoreColor = (s: number) => (s >= 80 ? 'red' : s >= 50 ? 'orange' : 'green');

const dateLocale = (language: Language) => (language === 'ja' ? 'ja-JP' : 'en-GB');

/** The insider dashboard narrowed to one user over the same period: their activity timeline. */
export const timelineUrl = (user: string, from: Date, to: Date) =>
  `/d/${INSIDER_UID}?var-user=${encodeURIComponent(user)}&from=${from.getTime()}&to=${to.getTime()}`;

function UserLink({ user, displayName, from, to }: { user: string; displayName: string; from: Date; to: Date }) {
  return (
    <a href={config.appSubUrl + timelineUrl(user, from, to)} title={t('risk.timeline', 'timeline')}>
      {`${displayName || user} (${user})`}
    </a>
  );
}

function caseLabel(story: string) {
  switch (story) {
    case 'mail':
      return t('risk.case.mail', 'Mail');
    case 'web':
      return t('risk.case.web', 'Web and cloud');
    case 'files':
      return t('risk.case.files', 'Files');
    case 'print':
      return t('risk.case.print', 'Printing');
    case 'unusual-hours':
      return t('risk.case.unusual-hours', 'Unusual hours');
    case 'host':
      return t('risk.case.host', 'Hosts');
    case 'usb':
      return t('risk.case.usb', 'Removable media');
    case 'failedLogons':
      return t('risk.case.failed-logons', 'Failed logons');
    default:
      // The code as the backend wrote it; React escapes it, i18next must not escape it a second time.
      return t('risk.case.other', 'Other ({{code}})', { code: story, interpolation: { escapeValue: false } });
  }
}

function CaseStatus({ row, timezone }: { row: QueueRow; timezone: string }) {
  return row.case_status === 'new' ? (
    <Badge color="blue" text={t('risk.status.new', 'New case')} />
  ) : (
    <Badge
      color="purple"
      text={t('risk.status.open', 'Open since {{date}}', { date: localDate(row.case_opened, timezone) })}
    />
  );
}

function RankingTable({ rows, from, to, language }: { rows: RiskRow[]; from: Date; to: Date; language: Language }) {
  if (rows.length === 0) {
    return <Text>{t('risk.none', 'No risk scores in this period.')}</Text>;
  }
  return (
    <DataTable
      label={t('risk.heading', 'Risk ranking')}
      header={rankingColumns()}
      rows={rows.map((r, i) => ({
        key: r.entity,
        cells: [
          i + 1,
          <UserLink key="who" user={r.entity} displayName={r.display_name} from={from} to={to} />,
          r.department,
          <Badge key="score" color={scoreColor(r.score)} text={r.score.toFixed(0)} />,
          `${Math.round(r.confidence * 100)}%`,
          r.days_flagged,
          r.events,
          r.top_reasons,
          new Date(r.last_seen).toLocaleDateString(dateLocale(language)),
        ],
      }))}
    />
  );
}

function QueueTable({ rows, language, timezone }: { rows: QueueRow[]; language: Language; timezone: string }) {
  if (rows.length === 0) {
    return <Text>{t('risk.queue.none', 'No review queue entries in this period.')}</Text>;
  }
  return (
    <DataTable
      label={t('risk.view.queue', 'Review queue')}
      header={queueColumns()}
      rows={rows.map((r) => ({
        key: `${r.day}-${r.entity}-${r.case}`,
        cells: [
          new Date(r.day).toLocaleDateString(dateLocale(language), { timeZone: timezone }),
          // The timeline of that one day: the evidence the entry stands for.
          <UserLink
            key="who"
            user={r.entity}
            displayName={r.display_name}
            from={new Date(r.day)}
            to={nextLocalMidnight(r.day, timezone)}
          />,
          r.department,
          <Badge key="score" color={scoreColor(r.score)} text={r.score.toFixed(0)} />,
          caseLabel(r.case),
          <CaseStatus key="status" row={r} timezone={timezone} />,
          r.reasons,
        ],
      }))}
    />
  );
}

/** A view's answer, kept with the view it answers so that a reply arriving after a switch is not shown as the other. */
interface Shown {
  view: RiskView;
  error?: string;
  ranking?: RiskRow[];
  queue?: QueueRow[];
  /** What the backend said about a non-empty answer: a queue cut off at the limit, shards that failed. */
  notices?: string[];
}

interface Props {
  /** The language of the reasons the backend writes. */
  language: Language;
  dataSourceUid: string;
  /** The end of the period; now in the app, fixed in tests. */
  now: Date;
  /** The zone whose local days the risk scorer counts; the queue's days are shown in it. */
  timezone: string;
}

export function RiskPage({ language, dataSourceUid, now, timezone }: Props) {
  const [view, setView] = useState<RiskView>('ranking');
  const [days, setDays] = useState(30);
  const [shown, setShown] = useState<Shown>();
  const [loading, setLoading] = useState(false);
  const from = new Date(now.getTime() - days * 86400000);
  const current = shown?.view === view ? shown : undefined;

  const show = async () => {
    setLoading(true);
    const query = viewQuery(view, language);
    const outcome = await runQueries(dataSourceUid, [query], from, now);
    setLoading(false);
    if (outcome.status === 'failed') {
      setShown({ view, error: outcome.error });
    } else {
      const frame = outcome.frames[query.refId]?.[0];
      const rows = rowsOf(frame);
      // An empty answer has its own text below; the notice that says so would repeat it.
      const notices = rows.length > 0 ? (frame?.meta?.notices ?? []).map((n) => n.text) : [];
      setShown(
        view === 'ranking'
          ? { view, ranking: rows as unknown as RiskRow[], notices }
          : { view, queue: rows as unknown as QueueRow[], notices },
      );
    }
  };

  return (
    <Stack direction="column" gap={2}>
      <Text element="h2">{t('risk.heading', 'Risk ranking')}</Text>
      <Text element="p">
        {view === 'ranking'
          ? t(
              'risk.intro',
              'Users by their daily risk score (unusual behaviour), highest first. Open a user’s activity timeline from the name.',
            )
          : t(
              'risk.queue.intro',
              'Each day opens new cases for at most 1 % of users (at least one): the highest scores among people with no open case about the same thing. A case stays open 14 days; that person’s later days go into it instead of taking a new place, listed as open when they score above the day’s last new case. So someone scoring high every day stays one case, and other people’s first high days still reach you.',
            )}
      </Text>
      <Stack direction="row" gap={1} alignItems="center">
        <span id="kansa-risk-view-label">{t('risk.view.label', 'View')}</span>
        <RadioButtonGroup
          id="kansa-risk-view"
          aria-labelledby="kansa-risk-view-label"
          options={viewOptions()}
          value={view}
          onChange={setView}
        />
        <span id="kansa-risk-days-label">{t('risk.days', 'Period (days)')}</span>
        <RadioButtonGroup
          id="kansa-risk-days"
          aria-labelledby="kansa-risk-days-label"
          options={PERIOD_OPTIONS}
          value={days}
          onChange={setDays}
        />
        <Button onClick={show}>{t('risk.show', 'Show')}</Button>
      </Stack>
      {current?.error && <Alert title={current.error} severity="error" />}
      {loading && <LoadingPlaceholder text={t('risk.loading', 'Loading…')} />}
      {current?.notices?.map((text) => (
        <Alert key={text} title={text} severity="info" />
      ))}
      {current?.ranking && <RankingTable rows={current.ranking} from={from} to={now} language={language} />}
      {current?.queue && <QueueTable rows={current.queue} language={language} timezone={timezone} />}
    </Stack>
  );
}

/** The risk page route: the last days up to now. */
export default function RiskRoute({ settings }: { settings: KansaAppSettings }) {
  return (
    <PluginPage>
      <RiskPage
        language={contentLanguage()}
        dataSourceUid={settings.dataSourceUid || DEFAULT_DATASOURCE_UID}
        now={new Date()}
        timezone={settings.workday?.timezone ?? 'Asia/Tokyo'}
      />
    </PluginPage>
  );
}
