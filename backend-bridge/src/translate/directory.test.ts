import { accountKey, createEnricher, parseAssets, parseDirectory } from './directory';

const CSV =
  '\uFEFFaccount,display_name,department,title,privileged,watchlist,departure_date\r\n' +
  'yamada,山田太郎,開発,主任,false,false,\r\n' +
  'admin.sato,佐藤一郎,情報システム,管理者,true,false,\r\n' +
  '"suzuki","鈴木, 花子",営業,,0,yes,2026-10-31\r\n';

describe('directory', () => {
  it('reads CSV with a BOM, CRLF and quoted commas', () => {
    const users = parseDirectory(CSV, 'users.csv');
    expect(users).toHaveLength(3);
    expect(users[2]).toEqual({
      account: 'suzuki',
      displayName: '鈴木, 花子',
      department: '営業',
      privileged: false,
      watchlist: true,
      departureDate: '2026-10-31',
    });
    expect(users[1].privileged).toBe(true);
  });

  it('reads JSON with Japanese keys', () => {
    const users = parseDirectory(
      '[{"アカウント":"tanaka","氏名":"田中次郎","部署":"人事","特権":"はい"}]',
      'users.json',
    );
    expect(users).toEqual([
      { account: 'tanaka', displayName: '田中次郎', department: '人事', privileged: true, watchlist: false },
    ]);
  });

  it('names the input and line when the header is wrong', () => {
    expect(() => parseDirectory('foo,bar\n1,2\n', 'users.csv')).toThrow(
      'users.csv line 1: expected a header row with a column named account',
    );
  });

  it('matches accounts written with a domain', () => {
    expect(accountKey('CORP\\Yamada')).toBe('yamada');
    expect(accountKey('yamada@corp.local')).toBe('yamada');
  });

  it('enriches the actor and swaps the display name into the Japanese sentence', () => {
    const enrich = createEnricher(
      parseDirectory(CSV, 'users.csv'),
      parseAssets('host,owner,department,role\nFS01,,総務,file-server\n', 'assets.csv'),
    );
    const event = {
      'user.name': 'YAMADA',
      'host.name': 'fs01',
      'kansa.message.ja': 'YAMADA が FS01 上の \\\\share\\開発\\設計書.xlsx を読み取りました',
    };
    enrich(event);
    expect(event).toMatchObject({
      'kansa.message.ja': '山田太郎 が FS01 上の \\\\share\\開発\\設計書.xlsx を読み取りました',
      'kansa.user.department': '開発',
      'kansa.user.privileged': false,
      'kansa.host.role': 'file-server',
      'kansa.host.department': '総務',
    });
  });

  it('matches a DNS host name to the short name in the asset list, and back', () => {
    const enrich = createEnricher(
      [],
      parseAssets('host,role\nPC0004,workstation\nfs02.corp.example.co.jp,file-server\n', 'assets.csv'),
    );
    const a: Record<string, unknown> = { 'host.name': 'PC0004.corp.example.co.jp' };
    const b: Record<string, unknown> = { 'host.name': 'FS02' };
    enrich(a);
    enrich(b);
    expect(a['kansa.host.role']).toBe('workstation');
    expect(b['kansa.host.role']).toBe('file-server');
  });
});
