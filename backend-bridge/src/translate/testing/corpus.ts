import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldenCase {
  translator: string;
  name: string;
  input: Buffer;
  options: { format?: string; year?: number; timeZone?: string };
}

const TRANSLATORS_DIR = join(__dirname, '..', '..', 'translators');

/** Every golden case of every translator: the corpus for the cross-translator tests. */
export function allGoldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const translator of readdirSync(TRANSLATORS_DIR).sort()) {
    const testdata = join(TRANSLATORS_DIR, translator, 'testdata');
    if (!existsSync(testdata)) continue;
    for (const name of readdirSync(testdata).sort()) {
      const inputPath = join(testdata, name, 'case.input');
      if (!existsSync(inputPath)) continue;
      const optionsPath = join(testdata, name, 'case.json');
      cases.push({
        translator,
        name,
        input: readFileSync(inputPath),
        options: existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {},
      });
    }
  }
  return cases;
}
