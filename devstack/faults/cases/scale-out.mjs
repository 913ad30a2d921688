// Scale-out: two bridges behind one syslog TCP + HTTP /ingest load against a 3-node cluster. Mid-stream a
// data node and one bridge are killed with kill -9; the bridge comes back on the same queue dir. At the end
// every acknowledged event must be stored exactly once. Then both bridges run the risk scorer over the same
// days, and every profile must count each day once (risk-check.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openSearchNodes, startOpenSearch, stopOpenSearch } from '../../opensearch.mjs';
import { createBridge, killBridge, metric, postIngest, sendTcp, startBridge } from '../bridges.mjs';
import { Ledger, os } from '../ledger.mjs';
import { checkRiskProfiles, riskDirectory } from '../risk-check.mjs';

const NODES = 3;

export default {
  name: 'scale-out',
  description: '2 bridges, 3-node cluster, kill -9 of a data node and of a bridge mid-stream',
  async run(ctx) {
    const perInput = Number(process.env.KANSA_FAULTS_SCALE_EVENTS || 20_000);
    const batch = 500;
    const port = Number(process.env.KANSA_FAULTS_CLUSTER_PORT || 9271);
    const root = mkdtempSync(join(ctx.tmpDir, 'kansa-faults-scale-'));
    const cluster = { port, nodes: NODES, dataDir: join(root, 'cluster'), quiet: true };
    const bridges = [];
    const notes = [];
    try {
      const os0 = await startOpenSearch(cluster);
      ctx.log(`3-node cluster up in ${os0.startSeconds} s: ${os0.nodes.map((n) => n.url).join(', ')}`);
      const ledger = new Ledger('scale-out', ctx.marker('scale'));
      const translate = { directory: riskDirectory(root, ledger.marker) };
      // Each bridge talks to a node of its own; node 2 is the one that dies. The scorer waits for phase 2.
      for (const i of [0, 1]) {
        // opensearch.replicas: 1, so every index the bridges create (events, dead letters, risk) outlives a lost node.
        const opensearch = { url: os0.nodes[i].url, replicas: 1 };
        bridges.push(
          await createBridge({
            dir: join(root, `bridge-${i}`),
            name: `bridge-${i}`,
            openSearchUrl: os0.nodes[i].url,
            env: { KANSA_RISK: 'off' },
            config: { translate, opensearch },
          }),
        );
      }
      const url = os0.nodes[0].url;
      // The day's index is created here with a shard per node, so node 2 surely holds copies; its replicas
      // come from the template the bridges installed (opensearch.replicas), as does the mapping.
      await os(url, 'PUT', `/${ledger.index}`, { settings: { number_of_shards: NODES } });
      const replicas = (await os(url, 'GET', `/${ledger.index}/_settings`))[ledger.index].settings.index
        .number_of_replicas;
      if (replicas !== '1')
        notes.push(`FAIL the day's index has ${replicas} replicas, not the bridges' opensearch.replicas (1)`);
      await os(url, 'GET', `/_cluster/health/${ledger.index}?wait_for_status=green&timeout=60s`);

      const total = perInput * 2;
      const started = Date.now();
      let done = 0;
      let turn = 0;
      // Round robin over the bridges that are up, as a load balancer with health checks would.
      const pick = () => {
        const live = bridges.filter((b) => b.up);
        return live[turn++ % live.length];
      };
      // KANSA_FAULTS_SCALE_KILL=0: the same load with nothing killed, the baseline for the figures.
      const faults =
        process.env.KANSA_FAULTS_SCALE_KILL === '0'
          ? notes.push('nothing killed (KANSA_FAULTS_SCALE_KILL=0)')
          : scheduleFaults(ctx, bridges, cluster, ledger.index, () => done / total, notes);

      const batches = () =>
        Array.from({ length: perInput / batch }, (_, b) => Array.from({ length: batch }, (_, i) => b * batch + i));
      const httpSender = async (queue) => {
        for (let seqs = queue.shift(); seqs; seqs = queue.shift()) {
          const lines = seqs.map((s) => ledger.sshdLine('http', s));
          ledger.sent('http', seqs);
          // Same body to whichever bridge is up until one acknowledges: ids come from the body, so a
          // resend that was in fact queued is a 409 in OpenSearch, not a duplicate.
          while (!(await postIngest(pick(), lines))) await new Promise((r) => setTimeout(r, 200));
          ledger.acked('http', seqs);
          done += seqs.length;
        }
      };
      const tcpSender = async (queue) => {
        for (let seqs = queue.shift(); seqs; seqs = queue.shift()) {
          const lines = seqs.map((s) => ledger.sshdLine('tcp', s));
          ledger.sent('tcp', seqs);
          let outcome;
          // Refused = nothing delivered, so another bridge may take it. Cut off mid-way = unknown; a
          // resend would be a second document (TCP ids are per connection), so it is not resent.
          while ((outcome = await sendTcp(pick(), lines)) === 'refused') await new Promise((r) => setTimeout(r, 200));
          if (outcome === 'acked') ledger.acked('tcp', seqs);
          done += seqs.length;
        }
      };
      const httpQueue = batches();
      const tcpQueue = batches();
      await Promise.all([httpSender(httpQueue), httpSender(httpQueue), tcpSender(tcpQueue), tcpSender(tcpQueue)]);
      await faults;
      const sentSeconds = (Date.now() - started) / 1000;
      const drained = await Promise.all(
        bridges.map(async (b) => {
          for (let delay = 100; (await metric(b, 'kansa_queue_depth_events')) > 0; delay = Math.min(delay * 2, 1000))
            await new Promise((r) => setTimeout(r, delay));
          return `${b.name} at ${((Date.now() - started) / 1000).toFixed(1)} s`;
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      notes.push(`queues empty: ${drained.join(', ')}`);
      const rows = await ledger.count(url);
      const stored = rows.reduce((n, r) => n + r.stored, 0);
      notes.push(
        `load: ${total} events sent in ${sentSeconds.toFixed(1)} s, all stored after ${seconds.toFixed(1)} s: ${Math.round(stored / seconds)} events/s through 2 bridges`,
      );
      const risk = await checkRiskProfiles(ctx, bridges, ledger, url);
      return { rows: [...rows, ...risk.rows], notes: [...notes, ...risk.notes] };
    } finally {
      for (const b of bridges) if (b.up) await killBridge(b);
      await stopOpenSearch(cluster);
      rmSync(root, { recursive: true, force: true });
    }
  },
};

/** At a third of the load kill -9 data node 2; at a half kill -9 bridge 1 and start it again on its queue. */
async function scheduleFaults(ctx, bridges, cluster, index, progress, notes) {
  const reach = async (share) => {
    while (progress() < share) await new Promise((r) => setTimeout(r, 50));
  };
  await reach(1 / 3);
  const victim = openSearchNodes(cluster)[2];
  const shards = await os(
    `http://127.0.0.1:${cluster.port}`,
    'GET',
    `/_cat/shards/${index}?format=json&h=shard,prirep,node`,
  );
  const held = shards.filter((s) => s.node === victim.name).map((s) => `${s.shard}${s.prirep}`);
  process.kill(victim.pid, 'SIGKILL');
  notes.push(
    `kill -9 ${victim.name} (pid ${victim.pid}, held shard copies ${held.join(' ') || 'none'}) at ${Math.round(progress() * 100)} % of the load`,
  );
  ctx.log(notes[notes.length - 1]);
  await reach(1 / 2);
  const bridge = bridges[1];
  await killBridge(bridge);
  notes.push(
    `kill -9 ${bridge.name} at ${Math.round(progress() * 100)} % of the load; restarted on the same queue dir`,
  );
  ctx.log(notes[notes.length - 1]);
  await startBridge(bridge);
}
