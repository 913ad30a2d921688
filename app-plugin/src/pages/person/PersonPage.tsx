import { css } from '@emotion/css';
import { t } from '@grafana/i18n';
import { config, PluginPage } from '@grafana/runtime';
import { Alert, Badge, Button, Field, Input, LoadingPlaceholder, Stack, Text } from '@grafana/ui';
import { type ChangeEvent, useEffect, useState } from 'react';

import { DataTable } from '../../components/DataTable/DataTable';
import { contentLanguage, type Language } from '../../language';
import { DEFAULT_DATASOURCE_UID, type KansaAppSettings } from '../../types';
import { hours, localDate, localMidnight } from '../period';
import { type Row, rowsOf, runQueries } from '../query';
import { MAX_RISK_DAYS, peopleQuery, personExploreUrl, personQueries, riskDayQuery } from './queries';

// On paper only the person's record matters: the controls and Grafana's chrome are left out.
const printable = css({
  '@media print': {
    '.kansa-no-print': { display: 'none' },
    table: { fontSize: '9pt', width: '100%' },
    'h3, tr': { breakInside: 'avoid-page' },
  },
});

const cell = { textAlign: 'left' as const, padding: '2px 8px', verticalAlign: 'top' as const };

interface Person {
  account: string;
  name: string;
}

/** "坂本 彩 (sakamoto.a)" → sakamoto.a; an account typed as is stays as it is. */
export function accountOf(picked: string, people: Person[]): string {
  const trimmed = picked.trim();
  const m = /\(([^()]+)\)$/.exec(trimmed);
  if (m) {
    return m[1];
  }
  return people.find((p) => p.name === trimmed)?.account ?? trimmed;
}

interface Record {
  user: string;
  from: string;
  to: string;
  timeline: Row[];
  sources: Row[];
  risk?: Row;
  /** The days with a risk summary, each with its own score and reasons. */
  riskDays: Array<{ day: string; row: Row }>;
  attendance: Row[];
}

interface Props {
  language: Language;
  dataSourceUid: string;
  timezone: string;
  initialUser: string;
  initialFrom: string;
  initialTo: string;
}

export function PersonPage({ language, dataSourceUid, timezone, initialUser, initialFrom, initialTo }: Props) {
  const [picked, setPicked] = useState(initialUser);
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [people, setPeople] = useState<Person[]>([]);
  const [record, setRecord] = useState<Record>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const range = () => ({
    start: localMidnight(from, timezone),
    end: new Date(localMidnight(to, timezone).getTime() + 86400000),
  });
  const message = language === 'ja' ? 'kansa.message.ja' : 'kansa.message.en';
  const time = (v: unknown) =>
    new Date(v as number).toLocaleString(language === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: timezone });

  const show = async (who = picked) => {
    const user = accountOf(who, people);
    if (!user) {
      setError(t('person.no-user', 'Pick a person first.'));
      return;
    }
    if (to < from) {
      setError(t('person.bad-range', 'The end date must not be before the start date.'));
      return;
    }
    setLoading(true);
    const { start, end } = range();
    const days = Array.from(
      { length: Math.min(MAX_RISK_DAYS, Math.round((end.getTime() - start.getTime()) / 86400000)) },
      (_, i) => localDate(start.getTime() + (i + 0.5) * 86400000, timezone),
    );
    const [outcome, ...perDay] = await Promise.all([
      runQueries(dataSourceUid, personQueries(user, language), start, end),
      ...days.map((d) => {
        const dayStart = localMidnight(d, timezone);
        return runQueries(
          dataSourceUid,
          [riskDayQuery(user, language)],
          dayStart,
          new Date(dayStart.getTime() + 86400000),
        );
      }),
    ]);
    setLoading(false);
    if (outcome.status === 'failed') {
      setError(outcome.error);
      setRecord(undefined);
      return;
    }
    setError(undefined);
    const f = outcome.frames;
    setRecord({
      user,
      from,
      to,
      // The data source answers newest first; a day reads from morning to night.
      timeline: rowsOf(f.timeline?.[0]).reverse(),
      sources: rowsOf(f.sources?.[0]),
      risk: rowsOf(f.risk?.[0])[0],
      riskDays: perDay.flatMap((o, i) => {
        const row = o.status === 'success' ? rowsOf(o.frames.risk?.[0])[0] : undefined;
        return row ? [{ day: days[i], row }] : [];
      }),
      attendance: rowsOf(f.attendance?.[0]),
    });
  };

  // The directory of the period for the picker; a link that names a person shows them straight away.
  useEffect(() => {
    const { start, end } = range();
    void runQueries(dataSourceUid, [peopleQuery()], start, end).then((outcome) => {
      if (outcome.status === 'success') {
        setPeople(
          rowsOf(outcome.frames.people?.[0]).map((r) => ({
            account: String(r['user.name']),
            name: String(r['kansa.user.display_name'] ?? ''),
          })),
        );
      }
    });
    if (initialUser) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a link that names a person loads them on opening
      void show(initialUser);
    }
    // Once, on opening: later changes wait for the Show button.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const heading = t('person.heading', 'Person');
  const display = record && (people.find((p) => p.account === record.user)?.name || record.user);
  const { start, end } = range();
  const explore = (sourceType?: string) =>
    config.appSubUrl + personExploreUrl(dataSourceUid, record!.user, start, end, sourceType);

  return (
    <div className={printable}>
      <Stack direction="column" gap={2}>
        <Text element="h2">{heading}</Text>
        <div className="kansa-no-print">
          <Text element="p">
            {t(
              'person.intro',
              'Everything one person did across all sources for a period: the timeline, their risk and their working hours.',
            )}
          </Text>
          <Stack direction="row" gap={1} alignItems="flex-end">
            <Field label={t('person.user', 'Person')}>
              <Input
                id="kansa-person-user"
                list="kansa-person-people"
                width={32}
                value={picked}
                placeholder={t('person.user-placeholder', 'Name or account')}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setPicked(e.currentTarget.value)}
              />
            </Field>
            <datalist id="kansa-person-people">
              {people.map((p) => (
                <option key={p.account} value={p.name ? `${p.name} (${p.account})` : p.account} />
              ))}
            </datalist>
            <Field label={t('person.from', 'From')}>
              <Input
                id="kansa-person-from"
                type="date"
                value={from}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setFrom(e.currentTarget.value)}
              />
            </Field>
            <Field label={t('person.to', 'To')}>
              <Input
                id="kansa-person-to"
                type="date"
                value={to}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setTo(e.currentTarget.value)}
              />
            </Field>
            <Field label="">
              <Button onClick={() => show()}>{t('person.show', 'Show')}</Button>
            </Field>
            {record && (
              <Field label="">
                <Button variant="secondary" icon="file-alt" onClick={() => window.print()}>
                  {t('person.print', 'Print')}
                </Button>
              </Field>
            )}
          </Stack>
        </div>
        {error && <Alert title={error} severity="error" />}
        {loading && <LoadingPlaceholder text={t('person.loading', 'Loading…')} />}
        {record && (
          <>
            <Text element="h3">
              {t('person.title', '{{name}} ({{user}}), {{from}} to {{to}}', {
                name: display,
                user: record.user,
                from: record.from,
                to: record.to,
                interpolation: { escapeValue: false },
              })}
            </Text>
            <section aria-label={t('person.sources', 'Sources')}>
              <Stack direction="row" gap={1} wrap="wrap" alignItems="center">
                <Text>{t('person.sources', 'Sources')}:</Text>
                {record.sources.length === 0 && <Text>{t('person.none', 'None')}</Text>}
                {record.sources.map((s) => (
                  <a key={String(s['kansa.source_type'])} href={explore(String(s['kansa.source_type']))}>
                    <Badge color="blue" text={`${s['kansa.source_type']} ${s.count}`} />
                  </a>
                ))}
                <a className="kansa-no-print" href={explore()}>
                  {t('person.explore', 'Open in Explore')}
                </a>
              </Stack>
            </section>
            <section aria-label={t('person.risk', 'Risk')}>
              <Text element="h3">{t('person.risk', 'Risk')}</Text>
              {record.risk ? (
                <Text element="p">
                  {t('person.risk-line', 'Highest daily score {{score}}, {{days}} days flagged: {{reasons}}', {
                    score: Number(record.risk.score).toFixed(0),
                    days: record.risk.days_flagged,
                    reasons: record.risk.top_reasons || '-',
                    // React escapes the text; i18next's own escaping would show "/" as &#x2F;.
                    interpolation: { escapeValue: false },
                  })}
                </Text>
              ) : (
                <Text element="p">{t('person.none', 'None')}</Text>
              )}
              {record.riskDays.length > 0 && (
                <DataTable
                  label={t('person.risk-days', 'Risk by day')}
                  headerStyle={cell}
                  cellStyle={cell}
                  header={[
                    t('person.column.date', 'Date'),
                    t('person.column.score', 'Score'),
                    t('person.column.reasons', 'Reasons'),
                  ]}
                  rows={record.riskDays.map(({ day, row }) => ({
                    key: day,
                    cells: [
                      day,
                      <Badge
                        key="score"
                        color={Number(row.score) >= 80 ? 'red' : Number(row.score) >= 50 ? 'orange' : 'green'}
                        text={Number(row.score).toFixed(0)}
                      />,
                      String(row.top_reasons ?? ''),
                    ],
                  }))}
                />
              )}
            </section>
            <section aria-label={t('person.attendance', 'Working hours')}>
              <Text element="h3">{t('person.attendance', 'Working hours')}</Text>
              {record.attendance.length === 0 ? (
                <Text element="p">{t('person.none', 'None')}</Text>
              ) : (
                <DataTable
                  label={t('person.attendance', 'Working hours')}
                  headerStyle={cell}
                  cellStyle={cell}
                  header={[
                    t('person.column.date', 'Date'),
                    t('person.column.first', 'First'),
                    t('person.column.last', 'Last'),
                    t('person.column.working', 'Working (h)'),
                    t('person.column.overtime', 'Overtime (h)'),
                  ]}
                  rows={record.attendance.map((r) => ({
                    key: String(r.date),
                    cells: [
                      String(r.date),
                      r.first_activity ? time(r.first_activity) : '',
                      r.last_activity ? time(r.last_activity) : '',
                      hours(Number(r.working_minutes ?? 0)),
                      hours(Number(r.overtime_minutes ?? 0)),
                    ],
                  }))}
                />
              )}
            </section>
            <section aria-label={t('person.timeline', 'Timeline')}>
              <Text element="h3">
                {t('person.timeline-count', 'Timeline ({{n}} events)', { n: record.timeline.length })}
              </Text>
              {record.timeline.length === 0 ? (
                <Text element="p">{t('person.none', 'None')}</Text>
              ) : (
                <DataTable
                  label={t('person.timeline', 'Timeline')}
                  headerStyle={cell}
                  cellStyle={cell}
                  header={[
                    t('person.column.time', 'Time'),
                    t('person.column.source', 'Source'),
                    t('person.column.host', 'Host'),
                    t('person.column.what', 'What'),
                  ]}
                  rows={record.timeline.map((r, i) => ({
                    key: String(i),
                    cells: [
                      time(r['@timestamp']),
                      String(r['kansa.source_type'] ?? ''),
                      String(r['host.name'] ?? ''),
                      String(r[message] ?? r['event.action'] ?? ''),
                    ],
                  }))}
                />
              )}
            </section>
          </>
        )}
      </Stack>
    </div>
  );
}

/** The person route: ?user=&from=&to= (local days) from a link, else the last seven days and nobody yet. */
export default function PersonRoute({ settings }: { settings: KansaAppSettings }) {
  const timezone = settings.workday?.timezone ?? 'Asia/Tokyo';
  const params = new URLSearchParams(window.location.search);
  const day = (ms: number) => localDate(ms, timezone);
  // Read once: the page's initial range must not move on re-renders.
  const [now] = useState(() => Date.now());
  const asDay = (v: string | null, fallback: string) => {
    const relative = v ? /^now(?:-(\d+)([hdw]))?(?:\/[dwMy])?$/.exec(v) : null;
    if (relative) {
      // Grafana's relative ranges (now-7d, now/d): days back from today, rounded to whole days.
      return day(
        now -
          Number(relative[1] ?? 0) * { h: 3600000, d: 86400000, w: 604800000 }[(relative[2] ?? 'd') as 'h' | 'd' | 'w'],
      );
    }
    return v && /^\d+$/.test(v) ? day(Number(v)) : v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : fallback;
  };
  return (
    <PluginPage>
      <PersonPage
        language={contentLanguage()}
        dataSourceUid={settings.dataSourceUid || DEFAULT_DATASOURCE_UID}
        timezone={timezone}
        initialUser={params.get('user') ?? ''}
        initialFrom={asDay(params.get('from'), day(now - 6 * 86400000))}
        // Grafana's ${__url_time_range} ends at the range's last instant; a day of it is the last day shown.
        initialTo={asDay(params.get('to'), day(now))}
      />
    </PluginPage>
  );
}
