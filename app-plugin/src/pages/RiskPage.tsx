import { t } from '@grafana/i18n';
import { config, PluginPage } from '@grafana/runtime';
import { Alert, Badge, Button, LoadingPlaceholder, RadioButtonGroup, Stack, Text } from '@grafana/ui';
import { useState } from 'react';

import { DataTable } from '../components/DataTable/DataTable';
import { INSIDER_UID } from '../content/dashboards/insider';
import { contentLanguage, type Language } from '../language';
import { DEFAULT_DATASOURCE_UID, type KansaAppSettings } from '../types';
import { rowsOf, runQueries } from './query';

// Grafana's themed control: a native <select> is nearly invisible in the dark theme.
const PERIOD_OPTIONS = [7, 30, 90].map((d) => ({ label: String(d), value: d }));

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

const columns = () => [
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

const scoreColor = (s: number) => (s >= 80 ? 'red' : s >= 50 ? 'orange' : 'green');

/** The insider dashboard narrowed to one user over the same period: their activity timeline. */
export const timelineUrl = (user: string, from: Date, to: Date) =>
  `/d/${INSIDER_UID}?var-user=${encodeURIComponent(user)}&from=${from.getTime()}&to=${to.getTime()}`;

interface Props {
  /** The language of the reasons the backend writes. */
  language: Language;
  dataSourceUid: string;
  /** The end of the period; now in the app, fixed in tests. */
  now: Date;
}

export function RiskPage({ language, dataSourceUid, now }: Props) {
  const [days, setDays] = useState(30);
  const [rows, setRows] = useState<RiskRow[]>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const heading = t('risk.heading', 'Risk ranking');
  const from = new Date(now.getTime() - days * 86400000);

  const show = async () => {
    setLoading(true);
    const outcome = await runQueries(
      dataSourceUid,
      [{ refId: 'risk', queryType: 'risk', query: '', riskEntity: 'user', limit: 100, language }],
      from,
      now,
    );
    setLoading(false);
    if (outcome.status === 'failed') {
      setError(outcome.error);
      setRows(undefined);
    } else {
      setError(undefined);
      setRows(rowsOf(outcome.frames.risk?.[0]) as unknown as RiskRow[]);
    }
  };

  return (
    <Stack direction="column" gap={2}>
      <Text element="h2">{heading}</Text>
      <Text element="p">
        {t(
          'risk.intro',
          'Users by their daily risk score (unusual behaviour), highest first. Open a user’s activity timeline from the name.',
        )}
      </Text>
      <Stack direction="row" gap={1} alignItems="center">
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
      {error && <Alert title={error} severity="error" />}
      {loading && <LoadingPlaceholder text={t('risk.loading', 'Loading…')} />}
      {rows && rows.length === 0 && <Text>{t('risk.none', 'No risk scores in this period.')}</Text>}
      {rows && rows.length > 0 && (
        <DataTable
          label={heading}
          header={columns()}
          rows={rows.map((r, i) => ({
            key: r.entity,
            cells: [
              i + 1,
              <a
                key="who"
                href={config.appSubUrl + timelineUrl(r.entity, from, now)}
                title={t('risk.timeline', 'timeline')}
              >
                {`${r.display_name || r.entity} (${r.entity})`}
              </a>,
              r.department,
              <Badge key="score" color={scoreColor(r.score)} text={r.score.toFixed(0)} />,
              `${Math.round(r.confidence * 100)}%`,
              r.days_flagged,
              r.events,
              r.top_reasons,
              new Date(r.last_seen).toLocaleDateString(language === 'ja' ? 'ja-JP' : 'en-GB'),
            ],
          }))}
        />
      )}
    </Stack>
  );
}

/** The risk ranking route: the last days up to now. */
export default function RiskRoute({ settings }: { settings: KansaAppSettings }) {
  return (
    <PluginPage>
      <RiskPage
        language={contentLanguage()}
        dataSourceUid={settings.dataSourceUid || DEFAULT_DATASOURCE_UID}
        now={new Date()}
      />
    </PluginPage>
  );
}
