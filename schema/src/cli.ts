import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateAll, repoRoot } from './generate';
import { generateQueryModel, loadQueryModel } from './query-model';
import { loadRegistry } from './registry';

for (const file of [...generateAll(loadRegistry()), ...generateQueryModel(loadQueryModel())]) {
  const target = join(repoRoot(), file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.content);
  console.log(`wrote ${file.path}`);
}
