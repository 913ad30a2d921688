import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { buildCategoryMatcher, categorize } from '../_lib/categories';
import { squidFormat } from './index';

const origin = { source: 't', line: 1, offset: 0 };

describe('url categories', () => {
  it('matches by domain suffix, most specific first', () => {
    expect(categorize('www.doda.jp')).toBe('job-site');
    expect(categorize('WWW.DODA.JP:443')).toBe('job-site');
    expect(categorize('drive.google.com')).toBe('cloud-storage');
    expect(categorize('mail.google.com')).toBe('webmail');
    expect(categorize('www.google.com')).toBe('search');
    expect(categorize('notdoda.jp')).toBeUndefined();
    expect(categorize('example.com')).toBeUndefined();
  });

  it('builds from file texts with labels and comments', () => {
    const m = buildCategoryMatcher([
      {
        category: 'gambling',
        text: '#! ja: ギャンブル\n#! en: gambling\n# comment\nkeiba.example  # horse racing\n\n',
      },
    ]);
    expect(m.categorize('www.keiba.example')).toBe('gambling');
    expect(m.label('gambling')).toEqual({ ja: 'ギャンブル', en: 'gambling' });
  });
});

describe('squid', () => {
  it('detects native and common lines but not Apache', () => {
    expect(
      squidFormat.detect(
        '1790812801.123    245 10.0.1.23 TCP_MISS/200 5120 GET http://a/ - HIER_DIRECT/1.2.3.4 text/html',
      ),
    ).toBeGreaterThan(0.9);
    expect(squidFormat.detect('10.0.1.23 - - [01/Oct/2026:09:00:01 +0900] "GET / HTTP/1.1" 200 5120')).toBe(0);
  });

  it('keeps a URL with spaces whole', () => {
    const [e] = squidFormat.translate(
      {
        text: '1790812801.123 245 10.0.1.23 TCP_MISS/200 5120 GET http://a.example/x y z tanaka HIER_DIRECT/1.2.3.4 text/html',
        origin,
      },
      GOLDEN_CONTEXT,
    );
    expect(e['url.full']).toBe('http://a.example/x y z');
    expect(e['user.name']).toBe('tanaka');
  });

  it('writes the proxy sentence with the category', () => {
    const [e] = squidFormat.translate(
      {
        text: '1790812802.456 1532 10.0.1.23 TCP_TUNNEL/200 48213 CONNECT www.doda.jp:443 tanaka HIER_DIRECT/203.0.113.80 -',
        origin,
      },
      GOLDEN_CONTEXT,
    );
    expect(e['kansa.url.category']).toBe('job-site');
    expect(e['kansa.message.ja']).toMatch(/^tanaka が www\.doda\.jp \(転職サイト\) を閲覧しました/);
    expect(e['kansa.message.en']).toMatch(/^tanaka browsed www\.doda\.jp \(job site\)/);
  });
});

describeGoldenCases(__dirname);
