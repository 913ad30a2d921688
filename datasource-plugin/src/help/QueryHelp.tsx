import type { GrafanaTheme2, QueryEditorHelpProps } from '@grafana/data';
import { Button, Stack, Text, useStyles2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { css } from '@emotion/css';

import { pick } from '../i18n/language';
import type { KansaQuery, UseCase } from '../types';
import { applyExample } from './applyExample';
import { EXAMPLES, SYNTAX_TIPS, USE_CASE_TITLES } from './examples';

/** Syntax tips and examples per use case; a click puts the example into the query (Explore's cheat sheet too). */
export function QueryHelp({
  query,
  onClickExample,
}: Pick<QueryEditorHelpProps<KansaQuery>, 'query' | 'onClickExample'>) {
  const styles = useStyles2(getStyles);
  const current: KansaQuery = query ?? { refId: 'A', queryType: 'logs', query: '' };
  return (
    <Stack direction="column" gap={2}>
      <Stack direction="column" gap={0.5}>
        <Text element="h5">{t('query-help.title', 'Writing queries')}</Text>
        {SYNTAX_TIPS.map((tip, i) => (
          <Text key={i} color="secondary">
            {pick(tip)}
          </Text>
        ))}
      </Stack>
      {(Object.keys(EXAMPLES) as UseCase[]).map((useCase) => (
        <section key={useCase} aria-label={pick(USE_CASE_TITLES[useCase])}>
          <Text element="h6">{pick(USE_CASE_TITLES[useCase])}</Text>
          <ul className={styles.list}>
            {EXAMPLES[useCase].map((example) => (
              <li key={pick(example.title)} className={styles.item}>
                <Stack direction="row" gap={1} alignItems="center">
                  <Button
                    size="sm"
                    variant="secondary"
                    aria-label={`${t('query-help.use', 'Use')}: ${pick(example.title)}`}
                    onClick={() => onClickExample(applyExample(current, example))}
                  >
                    {t('query-help.use', 'Use')}
                  </Button>
                  <Stack direction="column" gap={0}>
                    <Text>{pick(example.title)}</Text>
                    {example.query && <code className={styles.code}>{example.query}</code>}
                  </Stack>
                </Stack>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  item: css({ padding: theme.spacing(0.5, 0) }),
  code: css({ fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize }),
});
