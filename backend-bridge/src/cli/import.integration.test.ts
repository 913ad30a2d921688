import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { createClient } from '../opensearch/client';
import { countHost, marker } from '../serve/testing/helpers';
import { importCommand } from './import';

jest.setTimeout(120_000);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A minimal zip writer for the test: one stored and one deflated member. */
function zip(members: Array<{ name: string; data: Buffer; deflate: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const body = m.deflate ? deflateRawSync(m.data) : m.data;
    const name = Buffer.from(m.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(m.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(m.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(m.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(m.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(m.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(m.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk, _enc, cb) {
        text += chunk;
        cb();
      },
    }),
    text: () => text,
  };
}

describe('kansa import', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  afterAll(() => client.close());

  it('imports plain, .gz and zip files by glob, reports progress and counts, and is idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-import-'));
    const host = marker('imp');
    let seq = 0;
    const lines = (n: number) =>
      Buffer.from(
        Array.from(
          { length: n },
          () => `Nov 28 15:00:00 ${host} sshd[7]: Failed password for i${seq++} from 10.5.0.1 port 22 ssh2\n`,
        ).join(''),
      );
    writeFileSync(join(dir, 'a.log'), lines(100));
    writeFileSync(join(dir, 'b.log.gz'), gzipSync(lines(200)));
    writeFileSync(
      join(dir, 'c.zip'),
      zip([
        { name: 'logs/auth.log', data: lines(300), deflate: true },
        { name: 'logs/auth.log.1', data: lines(50), deflate: false },
      ]),
    );

    const first = capture();
    const code = await importCommand(['--year', '2031', '--tz', 'UTC', join(dir, '*')], {
      stdout: capture().stream,
      stderr: first.stream,
    });
    expect(first.text()).toContain('indexed: 650 new, 0 already present, 0 dead-lettered, 0 not sent');
    expect(first.text()).toMatch(/c\.zip!logs\/auth\.log: format syslog, 300 events/);
    expect(first.text()).toMatch(/b\.log\.gz: format syslog, 200 events/);
    expect(code).toBe(0);
    expect(await countHost(client, host)).toBe(650);

    const again = capture();
    expect(
      await importCommand(['--year', '2031', '--tz', 'UTC', join(dir, '*')], {
        stdout: capture().stream,
        stderr: again.stream,
      }),
    ).toBe(0);
    expect(again.text()).toContain('indexed: 0 new, 650 already present');
    expect(await countHost(client, host)).toBe(650);

    const missing = capture();
    expect(await importCommand([join(dir, 'nope-*.log')], { stdout: capture().stream, stderr: missing.stream })).toBe(
      1,
    );
    expect(missing.text()).toContain('no such file');
  });

  it('refuses --replicas that is not a whole number from 0 to 9, naming it', async () => {
    const out = {
      stdout: new Writable({ write: (_c, _e, cb) => cb() }),
      stderr: new Writable({ write: (_c, _e, cb) => cb() }),
    };
    await expect(importCommand(['--replicas', 'two', 'x.log'], out)).rejects.toThrow(
      'kansa import: --replicas expected a whole number from 0 to 9, got "two"',
    );
    await expect(importCommand(['--replicas', '10', 'x.log'], out)).rejects.toThrow('got "10"');
  });
});
