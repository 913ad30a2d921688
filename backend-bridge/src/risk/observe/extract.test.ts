import { extract, serviceDomain, sharePrefixes } from './extract';

const alice = {
  'user.name': 'ikeda.k',
  'kansa.user.department': '営業',
  'kansa.user.display_name': '池田 健',
  'kansa.user.privileged': false,
  'kansa.user.watchlist': false,
};

describe('extract', () => {
  it('cloud services without their subdomains', () => {
    expect(serviceDomain('drive.google.com')).toBe('google.com');
    expect(serviceDomain('mega.nz')).toBe('mega.nz');
    expect(serviceDomain('files.example.co.jp')).toBe('example.co.jp');
    expect(serviceDomain('a.b.box.com.')).toBe('box.com');
    expect(serviceDomain('10.1.2.3')).toBe('10.1.2.3');
  });

  it('share and folder prefixes', () => {
    expect(sharePrefixes('C:\\Shares\\開発\\製品設計\\図面_0001.dwg')).toEqual(['開発', '開発\\製品設計']);
    expect(sharePrefixes('C:\\Shares\\営業\\見積書_3.xlsx')).toEqual(['営業']);
    expect(sharePrefixes('\\\\FS01\\製造')).toEqual(['製造']);
    expect(sharePrefixes('C:\\Windows\\notepad.exe')).toEqual([]);
    // Whatever the root folder on the server's drive is called.
    expect(sharePrefixes('E:\\Data\\Finance\\2027\\budget.xlsx')).toEqual(['Finance', 'Finance\\2027']);
    expect(sharePrefixes('G:\\共有\\管理部\\a.xlsx')).toEqual(['管理部']);
  });

  it('a file read on a file server: resources, a read and the file for distinct counting', () => {
    const o = extract(
      {
        '@timestamp': '2026-10-27T06:10:00.000Z',
        'event.action': 'read-file',
        'kansa.access.operation': 'read',
        'file.path': 'C:\\Shares\\開発\\製品設計\\a.dwg',
        'host.name': 'FS01.corp',
        'kansa.host.role': 'file-server',
        ...alice,
      },
      { index: 'i', id: 'x' },
    );
    expect(o).toEqual({
      t: Date.parse('2026-10-27T06:10:00.000Z'),
      user: 'ikeda.k',
      info: { department: '営業', displayName: '池田 健', privileged: false, watchlist: false },
      ref: { index: 'i', id: 'x' },
      resources: ['share:開発', 'folder:開発\\製品設計'],
      metric: 'filesRead',
      amount: 1,
      file: 'C:\\Shares\\開発\\製品設計\\a.dwg',
    });
  });

  it('a USB stick counts for the PC owner; writes to E: count as removable media', () => {
    expect(
      extract({
        '@timestamp': '2026-10-16T08:20:00.000Z',
        'event.action': 'recognized-external-device',
        'kansa.host.owner': 'sakamoto.a',
        'kansa.host.role': 'workstation',
      }),
    ).toMatchObject({ user: 'sakamoto.a', metric: 'usb', amount: 1 });
    expect(
      extract({
        '@timestamp': '2026-10-16T08:20:20.000Z',
        'event.action': 'modified-file',
        'kansa.access.operation': 'write',
        'file.path': 'E:\\持ち出し\\a.pdf',
        'kansa.host.role': 'workstation',
        ...alice,
      }),
    ).toMatchObject({ metric: 'usb' });
  });

  it('proxy categories and bytes, prints, mails, failed logons, DB objects, server logons', () => {
    expect(
      extract({
        '@timestamp': '2026-10-16T01:00:00Z',
        'kansa.source_type': 'squid',
        'kansa.url.category': 'job-site',
        'network.bytes': 5000,
        ...alice,
      }),
    ).toMatchObject({ resources: ['url:job-site'], metric: 'proxyBytes', amount: 5000 });
    // Cloud storage names its service, so the department's own is told apart from a personal account.
    expect(
      extract({
        '@timestamp': '2026-10-16T01:00:00Z',
        'kansa.source_type': 'squid',
        'kansa.url.category': 'cloud-storage',
        'url.domain': 'dl.Dropbox.com',
        'network.bytes': 9000,
        ...alice,
      }),
    ).toMatchObject({ resources: ['url:cloud-storage', 'cloud:dropbox.com'], metric: 'cloudBytes', amount: 9000 });
    expect(
      extract({
        '@timestamp': '2026-10-16T01:00:00Z',
        'event.action': 'document-printed',
        'kansa.print.pages': 300,
        ...alice,
      }),
    ).toMatchObject({ metric: 'printPages', amount: 300 });
    expect(
      extract({ '@timestamp': '2026-10-16T01:00:00Z', 'event.action': 'mail-received-from-client', ...alice }),
    ).toMatchObject({ metric: 'mailsOut', amount: 1 });
    expect(extract({ '@timestamp': '2026-10-16T01:00:00Z', 'event.action': 'logon-failed', ...alice })).toMatchObject({
      metric: 'failedLogons',
    });
    expect(
      extract({
        '@timestamp': '2026-10-16T01:00:00Z',
        'event.action': 'db-read',
        'kansa.db.name': 'hrdb',
        'kansa.db.object': 'public.salary',
        ...alice,
      }),
    ).toMatchObject({ resources: ['db:hrdb/public.salary'] });
    expect(
      extract({
        '@timestamp': '2026-10-16T01:00:00Z',
        'event.action': 'logged-in',
        'host.name': 'bastion01',
        'kansa.host.role': 'bastion',
        ...alice,
      }),
    ).toMatchObject({ resources: ['host:bastion01'] });
    // Logons to the domain controller happen with every logon: not a resource.
    expect(
      extract({
        '@timestamp': '2026-10-16T01:00:00Z',
        'event.action': 'logged-in',
        'host.name': 'DC01.corp',
        'kansa.host.role': 'domain-controller',
        ...alice,
      })?.resources,
    ).toBeUndefined();
  });

  it('nothing about a user, machine accounts, unparsed lines and bad times give nothing', () => {
    expect(extract({ '@timestamp': '2026-10-16T01:00:00Z', 'event.action': 'dns-query' })).toBeNull();
    expect(extract({ '@timestamp': '2026-10-16T01:00:00Z', 'user.name': 'PC0001$' })).toBeNull();
    expect(
      extract({ '@timestamp': '2026-10-16T01:00:00Z', 'event.kind': 'pipeline_error', 'user.name': 'a' }),
    ).toBeNull();
    expect(extract({ '@timestamp': 'yesterday', 'user.name': 'a' })).toBeNull();
  });
});
