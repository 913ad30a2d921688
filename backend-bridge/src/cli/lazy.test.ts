import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The built CLI (npm test builds before jest): what `kansa translate` loads is a property of the compiled requires.
const DIST = join(__dirname, '..', '..', 'dist');

/** The bridge modules (paths under dist/) loaded by running `kansa <argv>` once. */
function loadedBy(argv: string[]): string[] {
  const script = `require(${JSON.stringify(join(DIST, 'cli.js'))}).main(${JSON.stringify(argv)}).then(() => {
    process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => k.startsWith(${JSON.stringify(DIST)})).map((k) => k.slice(${DIST.length + 1}))));
  });`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.status !== 0) throw new Error(`node exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout.slice(run.stdout.lastIndexOf('[')));
}

test('kansa translate loads its own command and none of risk, report, sigma, demo or the evaluation', () => {
  expect(existsSync(join(DIST, 'cli.js'))).toBe(true);
  const loaded = loadedBy(['translate', '--year', '2026', '--tz', 'UTC', '/dev/null']);
  expect(loaded).toContain(join('cli', 'translate.js'));
  expect(
    loaded.filter((m) => /^(risk|report|sigma|demo|evaluation|serve|archive|cli[/\\](?!translate|usage))/.test(m)),
  ).toEqual([]);
});
