// Chromium for the e2e: the Debian package, installed only when missing (as the launcher fetches Maven artifacts
// only when absent), driven by playwright-core (its own browser downloads do not work here).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.KANSA_E2E_CHROMIUM || '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  console.log('[e2e] chromium missing: apt-get install -y chromium fonts-noto-cjk');
  const r = spawnSync(
    'bash',
    [
      '-c',
      'apt-get install -y chromium fonts-noto-cjk || (apt-get update && apt-get install -y chromium fonts-noto-cjk)',
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0 || !existsSync(CHROMIUM))
    throw new Error('cannot install chromium (apt-get install -y chromium fonts-noto-cjk)');
}

/** A fresh browser with a throwaway profile; close() removes the profile. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'kansa-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
