// Writes the generated dashboards and alert rules; the content test fails when the committed files differ.
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

import { generatedFiles } from '../src/content/generate';

const repo = join(__dirname, '..', '..');
for (const [path, content] of generatedFiles()) {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), content);
  console.log(`wrote ${path}`);
}
