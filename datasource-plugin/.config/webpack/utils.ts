import fs from 'fs';
import { glob } from 'glob';
import path from 'path';

import { SOURCE_DIR } from './constants';

function readJson(file: string) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function getPackageJson() {
  return readJson(path.resolve(process.cwd(), 'package.json'));
}

export function getPluginJson() {
  return readJson(path.resolve(process.cwd(), SOURCE_DIR, 'plugin.json'));
}

export function hasReadme() {
  return fs.existsSync(path.resolve(process.cwd(), SOURCE_DIR, 'README.md'));
}

// One entry per plugin.json with a sibling module file, so nested plugins (an app shipping its own
// panel, say) are bundled next to the main module as <folder>/module.js.
export async function getEntries(): Promise<Record<string, string>> {
  const pluginJsons = await glob(`${SOURCE_DIR}/**/plugin.json`, { absolute: true, cwd: process.cwd() });
  const entries: Record<string, string> = {};
  for (const pluginJson of pluginJsons) {
    const folder = path.dirname(pluginJson);
    const [module] = await glob('module.{ts,tsx,js,jsx}', { absolute: true, cwd: folder });
    if (!module) {
      continue;
    }
    const relative = path.relative(path.resolve(process.cwd(), SOURCE_DIR), folder);
    entries[relative === '' ? 'module' : `${relative}/module`] = module;
  }
  return entries;
}
