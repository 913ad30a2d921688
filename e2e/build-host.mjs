// Bundles one host (host/ with the shared packages of hosts/grafana-<line>/) into .cache/grafana-<line>/, once:
// the bundle is rebuilt only when that host's package-lock.json or the host sources change. React runs as its
// development build, so React's warnings reach the console, where the scenarios fail on them.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve, sep } from 'node:path';
import { spawnSync } from 'node:child_process';

const E2E = import.meta.dirname;

export const HOSTS = [
  { line: '13.1', react: 18 },
  { line: '13.2', react: 19 },
];

/**
 * The host sources sit next to the repository's own node_modules (the plugins' 13.1 packages); their bare imports
 * must resolve from this host's packages instead, or a 13.2 host would quietly run 13.1 code.
 */
function ownPackagesOnly(pkgDir) {
  return {
    name: 'own-packages-only',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.own || !args.importer.startsWith(join(E2E, 'host') + sep)) return undefined;
        return build.resolve(args.path, { kind: args.kind, resolveDir: pkgDir, pluginData: { own: true } });
      });
    },
  };
}

export async function buildHost({ line }) {
  const pkgDir = join(E2E, 'hosts', `grafana-${line}`);
  const out = join(E2E, '.cache', `grafana-${line}`);
  const lock = readFileSync(join(pkgDir, 'package-lock.json'));
  const hash = createHash('sha256')
    .update(lock)
    .update(readFileSync(import.meta.filename));
  for (const f of readdirSync(join(E2E, 'host')).sort()) hash.update(f).update(readFileSync(join(E2E, 'host', f)));
  const stamp = hash.digest('hex');
  if (existsSync(join(out, 'stamp')) && readFileSync(join(out, 'stamp'), 'utf8') === stamp) return out;
  if (!existsSync(join(pkgDir, 'node_modules', '.package-lock.json'))) {
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: pkgDir, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm ci in ${pkgDir} failed`);
  }
  const esbuild = createRequire(join(pkgDir, 'package.json'))('esbuild');
  const started = Date.now();
  mkdirSync(out, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [join(E2E, 'host', 'host.tsx')],
    outfile: join(out, 'host.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    plugins: [ownPackagesOnly(pkgDir)],
    metafile: true,
    // Grafana's own boot code calls functions its packages do not export at their roots; the files are the same
    // modules the package roots use, so one instance of each state exists.
    alias: {
      'grafana-i18n-internal': join(pkgDir, 'node_modules', '@grafana', 'i18n', 'dist', 'esm', 'i18n.mjs'),
      'grafana-runtime-ds-settings': join(
        pkgDir,
        'node_modules',
        '@grafana',
        'runtime',
        'dist',
        'esm',
        'services',
        'dataSource',
        'settings.mjs',
      ),
    },
    // UMD modules (lodash, ...) must not see SystemJS's AMD define(): they would register with it instead of
    // exporting, as they do not in Grafana's webpack build either.
    define: { 'process.env.NODE_ENV': '"development"', global: 'globalThis', define: 'undefined' },
    loader: { '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty' },
    logLevel: 'error',
    legalComments: 'none',
  });
  const strays = Object.keys(result.metafile.inputs).filter(
    (f) => !resolve(f).startsWith(join(E2E, 'host') + sep) && !resolve(f).startsWith(pkgDir + sep),
  );
  if (strays.length > 0)
    throw new Error(
      `host grafana-${line} would bundle files from outside its packages: ${strays.slice(0, 5).join(', ')}`,
    );
  copyFileSync(join(E2E, 'host', 'index.html'), join(out, 'index.html'));
  if (!existsSync(join(out, 'host.css'))) writeFileSync(join(out, 'host.css'), '');
  writeFileSync(join(out, 'stamp'), stamp);
  console.log(`[e2e] host grafana-${line} bundled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const h of HOSTS) await buildHost(h);
}
