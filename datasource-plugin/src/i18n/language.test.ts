import { setUserLanguage } from '../testing/fixtures';
import { t, tf, userLanguage } from './language';

afterEach(() => setUserLanguage(undefined));

describe('the user language', () => {
  it('is Japanese for ja and ja-JP, English for everything else', () => {
    for (const [grafana, ours] of [
      ['ja-JP', 'ja'],
      ['ja', 'ja'],
      ['en-US', 'en'],
      ['zh-Hans', 'en'],
      [undefined, 'en'],
    ]) {
      setUserLanguage(grafana);
      expect(userLanguage()).toBe(ours);
    }
  });

  it('picks the text and fills placeholders, leaving unknown ones visible', () => {
    setUserLanguage('ja-JP');
    expect(t({ ja: '件数', en: 'Count' })).toBe('件数');
    expect(tf({ ja: '{min} から {max}', en: '{min} to {max}' }, { min: 1, max: 10 })).toBe('1 から 10');
    setUserLanguage('en-US');
    expect(tf({ ja: '', en: '{min} to {other}' }, { min: 1 })).toBe('1 to {other}');
  });
});
