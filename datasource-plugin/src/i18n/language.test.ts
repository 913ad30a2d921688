import { t } from '@grafana/i18n';

import { setUserLanguage } from '../testing/fixtures';
import { contentLanguage, pick, unescaped } from './language';

afterEach(() => setUserLanguage(undefined));

describe('the user language', () => {
  it('picks Japanese content for ja and ja-JP, English for everything else', () => {
    for (const [grafana, ours] of [
      ['ja-JP', 'ja'],
      ['ja', 'ja'],
      ['en-US', 'en'],
      ['zh-Hans', 'en'],
      [undefined, 'en'],
    ]) {
      setUserLanguage(grafana);
      expect(contentLanguage()).toBe(ours);
    }
    setUserLanguage('ja-JP');
    expect(pick({ ja: '件数', en: 'Count' })).toBe('件数');
  });

  it('translates the editors through @grafana/i18n, falling back to the English in the source', () => {
    setUserLanguage('ja-JP');
    expect(t('query-editor.query-type', 'Query type')).toBe('クエリの種類');
    setUserLanguage('zh-Hans');
    expect(t('query-editor.query-type', 'Query type')).toBe('Query type');
  });

  it('fills placeholders with typed values as they are', () => {
    setUserLanguage('ja-JP');
    expect(
      t(
        'workday-editor.bad-zone',
        '"{{value}}" is not an IANA time zone (e.g. Asia/Tokyo)',
        unescaped({ value: 'Asia/Tokio' }),
      ),
    ).toBe('"Asia/Tokio" は IANA のタイムゾーン名ではありません (例: Asia/Tokyo)');
    setUserLanguage('en-US');
    expect(t('number-field.whole', 'Enter a whole number from {{min}} to {{max}}', { min: 1, max: 10 })).toBe(
      'Enter a whole number from 1 to 10',
    );
  });
});
