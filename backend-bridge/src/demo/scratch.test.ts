import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './generate';
import { translateDemo } from './verify';

test('scratch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-'));
  const t = Date.now();
  const r = generate({ out: dir, seed: 1, days: 7, users: 50, start: '2026-10-01', benign: false });
  console.log('gen ms', Date.now() - t, dir);
  const t2 = Date.now();
  const res = translateDemo(dir, r.files.map((f) => f.name), [], 2026);
  console.log('tr ms', Date.now() - t2);
  for (const f of res.files) console.log(f.name, f.format, f.records, f.events, JSON.stringify([...f.failures]).slice(0, 600), JSON.stringify([...f.actions]).slice(0, 900));
});
