// `npm start`: everything on the embedded default, from a fresh clone: deps, build, OpenSearch, template, sample import.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildAll } from './build.mjs';
import { log, REPO, run } from './lib.mjs';
import { resolveOpenSearchUrl, startOpenSearch } from './opensearch.mjs';

const started = Date.now();
buildAll();

let url = process.env.OPENSEARCH_URL;
if (!url) {
  const node = await startOpenSearch({});
  url = node.url;
} else {
  log(`using OPENSEARCH_URL (nothing launched)`);
}
process.env.OPENSEARCH_URL = url ?? resolveOpenSearchUrl();

const samples = join(REPO, 'devstack', 'sample-logs');
const files = readdirSync(samples).map((f) => join('devstack', 'sample-logs', f));
log(`importing ${files.length} sample log files`);
run('node', ['backend-bridge/bin/kansa.js', 'import', '--tz', 'Asia/Tokyo', '--year', '2026', ...files]);

const count = await fetch(`${process.env.OPENSEARCH_URL}/kansa-events/_count`).then((r) => r.json());
const failed = await fetch(`${process.env.OPENSEARCH_URL}/kansa-events/_count?q=kansa.parse.status:failed`).then((r) => r.json());
log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.stdout.write(`
Kansa is up.
  OpenSearch:   ${process.env.OPENSEARCH_URL}  (stop it with: npm run opensearch -- stop)
  Searchable:   ${count.count} normalized events in the kansa-events alias (${failed.count} kept as parse failures)
  Try:          curl '${process.env.OPENSEARCH_URL}/kansa-events/_search?q=event.action:logon-failed&size=1&pretty'
  Translate:    node backend-bridge/bin/kansa.js translate <file>
  Plugins:      datasource-plugin/dist and app-plugin/dist are built; mount them in Grafana (see README, "Grafana").
`);
