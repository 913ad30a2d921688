import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../cli';
import { loadHolidays } from './holidays';

const sink = () => {
  let text = '';
  return { stream: new Writable({ write: (c, _e, done) => ((text += String(c)), done()) }), text: () => text };
};

describe('kansa risk: bad input is named', () => {
  let err: ReturnType<typeof sink>;
  let spy: jest.SpyInstance;
  beforeEach(() => {
    err = sink();
    spy = jest.spyOn(process.stderr, 'write').mockImplementation((c) => err.stream.write(c));
  });
  afterEach(() => spy.mockRestore());

  it.each([
    [['risk'], 'expected "rebuild" or "eval"'],
    [['risk', 'rebuild', '--to', '2026-10-30'], '--from expected a date as YYYY-MM-DD, got ""'],
    [
      ['risk', 'rebuild', '--from', '2026-10-01', '--to', '30.10.2026'],
      '--to expected a date as YYYY-MM-DD, got "30.10.2026"',
    ],
    [['risk', 'rebuild', '--from', '2026-10-30', '--to', '2026-10-01'], '--to 2026-10-01 is before --from 2026-10-30'],
    [
      ['risk', 'rebuild', '--from', '2026-10-01', '--to', '2026-10-30', '--tz', 'Mars/Olympus'],
      '--tz expected an IANA zone',
    ],
    [['risk', 'eval', '--seed=1.5'], '--seed expected a non-negative integer, got "1.5"'],
    [['risk', 'eval', '--scenario-shift=x'], '--scenario-shift expected a non-negative integer, got "x"'],
  ])('%j', async (argv, message) => {
    expect(await main(argv)).toBe(2);
    expect(err.text()).toContain(message);
  });

  it('a holidays file with a bad line names the file and the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-risk-'));
    const file = join(dir, 'holidays.txt');
    writeFileSync(file, '# company days\n2026-12-29 年末休暇\n\n29.12.2026 wrong\n');
    expect(() => loadHolidays(file)).toThrow(`${file} line 4: expected "YYYY-MM-DD name", got "29.12.2026 wrong"`);
    writeFileSync(file, '# company days\n2026-12-29 年末休暇\n');
    expect([...loadHolidays(file)]).toEqual(['2026-12-29']);
  });
});
