// `npm run lint`: eslint over the repo (eslint.config.mjs), prettier --check (.prettierrc, .prettierignore) and
// golangci-lint over the data source's Go backend (datasource-plugin/.golangci.yml). Every step runs even when an
// earlier one fails; the exit code is non-zero when any failed.
//   KANSA_LINT_PRETTIER=0   skips the prettier check.
// golangci-lint is installed with `go install` into .kansa/tools/bin on first use and reused after that.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { log, REPO, run, runStatus } from './lib.mjs';

const GOLANGCI_VERSION = 'v2.15.0';
const TOOLS_BIN = join(REPO, '.kansa', 'tools', 'bin');
const GOLANGCI = join(TOOLS_BIN, `golangci-lint-${GOLANGCI_VERSION}`);

/** The pinned golangci-lint, built once from the Go module proxy (a few minutes on 2 cores, then cached). */
export function ensureGolangciLint() {
  if (existsSync(GOLANGCI)) return GOLANGCI;
  log(`installing golangci-lint ${GOLANGCI_VERSION} into ${TOOLS_BIN}`);
  const gobin = join(TOOLS_BIN, `.install-${GOLANGCI_VERSION}`);
  mkdirSync(gobin, { recursive: true });
  run('go', ['install', `github.com/golangci/golangci-lint/v2/cmd/golangci-lint@${GOLANGCI_VERSION}`], {
    env: { GOBIN: gobin },
  });
  // A versioned name, so a bump of GOLANGCI_VERSION installs the new one instead of reusing the old.
  renameSync(join(gobin, 'golangci-lint'), GOLANGCI);
  return GOLANGCI;
}

async function timed(name, cmd, args, options) {
  const started = Date.now();
  const code = await runStatus(cmd, args, options);
  log(`${name}: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code === 0;
}

export async function lint() {
  // The type-aware rules hold every project's types at once (about 2.5 GB): room above node's default heap.
  const results = [
    await timed('eslint', 'npx', ['eslint', '.'], { env: { NODE_OPTIONS: '--max-old-space-size=6144' } }),
  ];
  if (process.env.KANSA_LINT_PRETTIER === '0') log('prettier --check: skipped (KANSA_LINT_PRETTIER=0)');
  else results.push(await timed('prettier --check', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']));
  const golangci = ensureGolangciLint();
  results.push(await timed('golangci-lint', golangci, ['run', './...'], { cwd: join(REPO, 'datasource-plugin') }));
  return results.every(Boolean);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = (await lint()) ? 0 : 1;
}
