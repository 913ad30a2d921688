import { css } from '@emotion/css';
import { t } from '@grafana/i18n';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, Field, Input, LoadingPlaceholder, Stack, Text } from '@grafana/ui';
import { type ChangeEvent, useState } from 'react';

import { contentLanguage, type Language } from '../language';
import { DEFAULT_DATASOURCE_UID, type KansaAppSettings } from '../types';
import { DataTable } from '../components/DataTable/DataTable';
import { type AuditSection, auditSections } from './audit-queries';
import { downloadCsv, toCsv } from './csv';
import { localDate, localMidnight } from './period';
import { type Row, rowsOf, runQueries } from './query';

const columns = () => [
  t('audit.column.time', 'Time'),
  t('audit.column.user', 'User'),
  t('audit.column.host', 'Host'),
  t('audit.column.action', 'Action'),
  t('audit.column.what', 'What'),
];

// On paper only the report itself matters: the controls and Grafana's chrome are left out.
const printable = css({
  '@media print': {
    '.kansa-no-print': { display: 'none' },
    table: { fontSize: '9pt', width: '100%' },
    'h3, table': { breakInside: 'avoid-page' },
  },
});

interface Props {
  /** The language of the section titles and the message field. */
  language: Language;
  dataSourceUid: string;
  timezone: string;
  importantFolders?: string[];
  initialFrom: string;
  initialTo: string;
}

export function AuditPage({ language, dataSourceUid, timezone, importantFolders, initialFrom, initialTo }: Props) {
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [report, setReport] = useState<Array<{ section: AuditSection; rows: Row[] }>>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const sections = auditSections(importantFolders?.length ? importantFolders : undefined);
  const message = language === 'ja' ? 'kansa.message.ja' : 'kansa.message.en';
  const time = (v: unknown) => new Date(v as number).toLocaleString('ja-JP', { timeZone: timezone });

  const create = async () => {
    if (to < from) {
      setError(t('audit.bad-range', 'The end date must not be before the start date.'));
      return;
    }
    setLoading(true);
    const end = localMidnight(to, timezone);
    const outcome = await runQueries(
      dataSourceUid,
      sections.map((s) => s.query),
      localMidnight(from, timezone),
      new Date(end.getTime() + 86400000),
    );
    setLoading(false);
    if (outcome.status === 'failed') {
      setError(outcome.error);
      setReport(undefined);
      return;
    }
    setError(undefined);
    setReport(sections.map((section) => ({ section, rows: rowsOf(outcome.frames[section.refId]?.[0]) })));
  };

  const csv = () =>
    toCsv(
      [t('audit.column.section', 'Section'), ...columns()],
      (report ?? []).flatMap(({ section, rows }) =>
        rows.map((r) => [
          section.title[language],
          time(r['@timestamp']),
          r['user.name'],
          r['host.name'],
          r['event.action'],
          r[message],
        ]),
      ),
    );

  return (
    <div className={printable}>
      <Stack direction="column" gap={2}>
        <Text element="h2">{t('audit.heading', 'Audit report')}</Text>
        <div className="kansa-no-print">
          <Stack direction="row" gap={1} alignItems="flex-end">
            <Field label={t('audit.from', 'From')}>
              <Input
                id="kansa-audit-from"
                type="date"
                value={from}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setFrom(e.currentTarget.value)}
              />
            </Field>
            <Field label={t('audit.to', 'To')}>
              <Input
                id="kansa-audit-to"
                type="date"
                value={to}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setTo(e.currentTarget.value)}
              />
            </Field>
            <Field label="">
              <Button onClick={create}>{t('audit.create', 'Create')}</Button>
            </Field>
            {report && (
              <>
                <Field label="">
                  <Button variant="secondary" icon="file-alt" onClick={() => window.print()}>
                    {t('audit.print', 'Print')}
                  </Button>
                </Field>
                <Field label="">
                  <Button
                    variant="secondary"
                    icon="download-alt"
                    onClick={() => downloadCsv(`kansa-audit-${from}-${to}.csv`, csv())}
                  >
                    {t('audit.csv', 'Export CSV')}
                  </Button>
                </Field>
              </>
            )}
          </Stack>
        </div>
        {error && <Alert title={error} severity="error" />}
        {loading && <LoadingPlaceholder text={t('audit.loading', 'Creating…')} />}
        {report && <Text element="p">{t('audit.period', 'Period: {{from}} to {{to}}', { from, to })}</Text>}
        {report?.map(({ section, rows }) => (
          <section key={section.refId} aria-label={section.title[language]}>
            <Text element="h3">
              {section.title[language]} ({t('audit.count', '{{n}} events', { n: rows.length })})
            </Text>
            {rows.length === 0 ? (
              <Text element="p">{t('audit.none', 'None')}</Text>
            ) : (
              <DataTable
                header={columns()}
                rows={rows.map((r, i) => ({
                  key: String(i),
                  cells: [
                    time(r['@timestamp']),
                    String(r['user.name'] ?? ''),
                    String(r['host.name'] ?? ''),
                    String(r['event.action'] ?? ''),
                    String(r[message] ?? ''),
                  ],
                }))}
              />
            )}
          </section>
        ))}
      </Stack>
    </div>
  );
}

/** The audit report route: this month so far, in the configured time zone. */
export default function AuditRoute({ settings }: { settings: KansaAppSettings }) {
  const timezone = settings.workday?.timezone ?? 'Asia/Tokyo';
  const today = localDate(new Date(), timezone);
  return (
    <PluginPage>
      <AuditPage
        language={contentLanguage()}
        dataSourceUid={settings.dataSourceUid || DEFAULT_DATASOURCE_UID}
        timezone={timezone}
        importantFolders={settings.importantFolders}
        initialFrom={`${today.slice(0, 7)}-01`}
        initialTo={today}
      />
    </PluginPage>
  );
}
