// Debian packages the tests need beyond Node, Go and Java, installed only when missing (as the launcher fetches
// Maven artifacts only when absent): Chromium for the e2e, and the Noto CJK face that both the browser and the
// PDF report tests (jest) render Japanese with.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.KANSA_E2E_CHROMIUM || '/usr/bin/chromium';
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const PACKAGES = 'chromium fonts-noto-cjk';

export function ensureSystemPackages() {
  if (existsSync(CHROMIUM) && existsSync(CJK_FONT)) return;
  console.log(`[kansa] chromium or its CJK font missing: apt-get install -y ${PACKAGES}`);
  const r = spawnSync(
    'bash',
    ['-c', `apt-get install -y ${PACKAGES} || (apt-get update && apt-get install -y ${PACKAGES})`],
    { stdio: 'inherit' },
  );
  if (r.status !== 0 || !existsSync(CHROMIUM) || !existsSync(CJK_FONT))
    throw new Error(`cannot install ${PACKAGES} (apt-get install -y ${PACKAGES})`);
}
