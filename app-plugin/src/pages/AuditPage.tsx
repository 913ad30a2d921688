import { css } from '@emotion/css';
import { Alert, Button, Field, Input, LoadingPlaceholder, Stack, Text } from '@grafana/ui';
import { type ChangeEvent, useState } from 'react';

import type { Language } from '../language';
import { type AuditSection, auditSections } from './audit-queries';
import { downloadCsv, toCsv } from './csv';
import { localMidnight } from './period';
import { type Row, rowsOf, runQueries } from './query';

const T = {
  ja: {
    heading: '監査レポート',
    from: '開始日',
    to: '終了日',
    show: '作成',
    print: '印刷',
    csv: 'CSV 出力',
    loading: '作成しています…',
    none: '該当なし',
    period: (a: string, b: string) => `対象期間: ${a} 〜 ${b}`,
    count: (n: number) => `${n} 件`,
    columns: ['日時', 'ユーザー', 'ホスト', '操作', '内容'],
    badRange: '終了日は開始日以降にしてください。',
  },
  en: {
    heading: 'Audit report',
    from: 'From',
    to: 'To',
    show: 'Create',
    print: 'Print',
    csv: 'Export CSV',
    loading: 'Creating…',
    none: 'None',
    period: (a: string, b: string) => `Period: ${a} to ${b}`,
    count: (n: number) => `${n} events`,
    columns: ['Time', 'User', 'Host', 'Action', 'What'],
    badRange: 'The end date must not be before the start date.',
  },
};

// On paper only the report itself matters: the controls and Grafana's chrome are left out.
const printable = css({
  '@media print': {
    '.kansa-no-print': { display: 'none' },
    table: { fontSize: '9pt', width: '100%' },
    'h3, table': { breakInside: 'avoid-page' },
  },
});

interface Props {
  language: Language;
  dataSourceUid: string;
  timezone: string;
  importantFolders?: string[];
  initialFrom: string;
  initialTo: string;
}

export function AuditPage({ language, dataSourceUid, timezone, importantFolders, initialFrom, initialTo }: Props) {
  const t = T[language];
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
      setError(t.badRange);
      return;
    }
    setLoading(true);
    const end = localMidnight(to, timezone);
    const outcome = await runQueries(dataSourceUid, sections.map((s) => s.query), localMidnight(from, timezone), new Date(end.getTime() + 86400000));
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
      [language === 'ja' ? '区分' : 'Section', ...t.columns],
      (report ?? []).flatMap(({ section, rows }) =>
        rows.map((r) => [section.title[language], time(r['@timestamp']), r['user.name'], r['host.name'], r['event.action'], r[message]])
      )
    );

  return (
    <div className={printable}>
      <Stack direction="column" gap={2}>
        <Text element="h2">{t.heading}</Text>
        <div className="kansa-no-print">
          <Stack direction="row" gap={1} alignItems="flex-end">
            <Field label={t.from}>
              <Input id="kansa-audit-from" type="date" value={from} onChange={(e: ChangeEvent<HTMLInputElement>) => setFrom(e.currentTarget.value)} />
            </Field>
            <Field label={t.to}>
              <Input id="kansa-audit-to" type="date" value={to} onChange={(e: ChangeEvent<HTMLInputElement>) => setTo(e.currentTarget.value)} />
            </Field>
            <Field label="">
              <Button onClick={create}>{t.show}</Button>
            </Field>
            {report && (
              <>
                <Field label="">
                  <Button variant="secondary" icon="file-alt" onClick={() => window.print()}>
                    {t.print}
                  </Button>
                </Field>
                <Field label="">
                  <Button variant="secondary" icon="download-alt" onClick={() => downloadCsv(`kansa-audit-${from}-${to}.csv`, csv())}>
                    {t.csv}
                  </Button>
                </Field>
              </>
            )}
          </Stack>
        </div>
        {error && <Alert title={error} severity="error" />}
        {loading && <LoadingPlaceholder text={t.loading} />}
        {report && <Text element="p">{t.period(from, to)}</Text>}
        {report?.map(({ section, rows }) => (
          <section key={section.refId} aria-label={section.title[language]}>
            <Text element="h3">
              {section.title[language]} ({t.count(rows.length)})
            </Text>
            {rows.length === 0 ? (
              <Text element="p">{t.none}</Text>
            ) : (
              <table>
                <thead>
                  <tr>
                    {t.columns.map((c) => (
                      <th key={c} style={{ textAlign: 'left', padding: '2px 8px' }}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={i}>
                      <td>{time(r['@timestamp'])}</td>
                      <td>{String(r['user.name'] ?? '')}</td>
                      <td>{String(r['host.name'] ?? '')}</td>
                      <td>{String(r['event.action'] ?? '')}</td>
                      <td>{String(r[message] ?? '')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))}
      </Stack>
    </div>
  );
}
