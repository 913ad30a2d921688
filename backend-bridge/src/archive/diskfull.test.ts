import fs from 'node:fs';
import { Keyring } from './keys';
import { fill, HMAC, KEY_1, line, meta, tempDir, writer } from './testing/fixture';
import { verifyArchive } from './verify';

describe('archive write failure', () => {
  afterEach(() => jest.restoreAllMocks());

  it('a frame half written (disk full) is cut off: the record is refused, the chain continues intact', () => {
    const dir = tempDir('diskfull');
    const w = writer(dir, { segmentBytes: 1 << 20 });
    fill(w, 5);
    const real = fs.writeSync;
    jest.spyOn(fs, 'writeSync').mockImplementationOnce(((fd: number, buf: Buffer) => {
      real(fd, buf, 0, 10);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }) as never);
    expect(() => w.accept(line(5), meta(5))).toThrow(
      /cannot write to the archive segment .*ENOSPC.*the record was not accepted/,
    );
    fill(w, 5, 6);
    w.close();
    const raws: string[] = [];
    const r = verifyArchive(dir, new Keyring([KEY_1], 'k1'), HMAC, { onRecord: (x) => raws.push(x.raw.toString()) });
    expect(r).toMatchObject({ ok: true, records: 10 });
    expect(raws).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10].map((i) => line(i).toString()));
  });
});
