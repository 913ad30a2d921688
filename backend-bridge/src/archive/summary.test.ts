import { FIELD } from '@kansa/schema';
import { readManifest, type SealEntry } from './manifest';
import { line, meta, tempDir, writer } from './testing/fixture';
import type { KansaEvent } from '../translate/types';

const event = (sourceType: string, user: string) =>
  ({ [FIELD.kansaSourceType]: sourceType, [FIELD.userName]: user }) as KansaEvent;

describe('segment summaries in the seals', () => {
  it('count events per source type and list users; a late event of a sealed segment counts in the open one', () => {
    const dir = tempDir('summary');
    const w = writer(dir, { segmentBytes: 1 << 20 });
    const a = w.accept(line(0), meta(0));
    const ea = event('sshd', 'tanaka');
    a.tag(ea);
    a.tag(event('sshd', 'sato'));
    w.sealOpen();
    const b = w.accept(line(1), meta(1));
    b.tag(event('squid', 'suzuki'));
    // An imported line split across the two records is emitted only now, tagged to the first record.
    a.tag(event('windows-security', 'ito'));
    w.close();
    const seals = readManifest(dir).map((e) => e.entry as SealEntry);
    expect(seals.map((s) => [s.seq, s.sourceTypes, s.users])).toEqual([
      [1, { sshd: 2 }, ['sato', 'tanaka']],
      [2, { squid: 1, 'windows-security': 1 }, ['ito', 'suzuki']],
    ]);
    expect(ea[FIELD.kansaArchiveSha256]).toBe(a.sha256);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
