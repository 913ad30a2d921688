// `npm start`: everything on the embedded default, from a fresh clone: deps, build, OpenSearch, the demo
// company's month imported through the translators, and the bridge service in the background.
import { buildAll } from './build.mjs';
import { bridgeToken, startBridge } from './bridge.mjs';
import { log, run } from './lib.mjs';
import { startOpenSearch } from './opensearch.mjs';

const started = Date.now();
buildAll();

let url = process.env.OPENSEARCH_URL;
if (url) {
  log('using OPENSEARCH_URL (nothing launched)');
} else {
  url = (await startOpenSearch({})).url;
}

const profile = process.env.KANSA_DEMO_PROFILE ?? 'default';
log(`importing the demo company (${profile} profile); a second run indexes nothing twice`);
run('node', ['backend-bridge/bin/kansa.js', 'demo', '--profile', profile], { env: { OPENSEARCH_URL: url } });

const bridge = await startBridge({ openSearchUrl: url });
const count = await fetch(`${url}/kansa-events/_count`).then((r) => r.json());
log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.stdout.write(`
Kansa is up.
  OpenSearch:  ${url}   (${count.count} events searchable in the kansa-events alias)
  Bridge:      ${bridge.url}  (pid ${bridge.pid}; config ${bridge.config})
               syslog on udp/tcp 5514; POST /ingest and Elasticsearch-style /_bulk with
               Authorization: Bearer ${bridgeToken()}
  Try:         curl '${url}/kansa-events/_search?q=event.action:logon-failed&size=1&pretty'
               logger -d -n 127.0.0.1 -P 5514 -t sshd 'Failed password for root from 203.0.113.9 port 4242 ssh2'
  Grafana:     datasource-plugin/dist and app-plugin/dist are built; with docker, \`docker compose up\` and
               open http://localhost:3000 (README, "Grafana").
  Stop:        node devstack/bridge.mjs stop && npm run opensearch -- stop
`);
