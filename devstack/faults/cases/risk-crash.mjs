// kill -9 of a bridge in the middle of saving the risk state: after the profiles of a day are written and
// before the meta document that says the day is learned. After the restart every profile must still count
// each day once.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startOpenSearch, stopOpenSearch } from '../../opensearch.mjs';
import { createBridge, killBridge, startBridge, stopBridge } from '../bridges.mjs';
import { Ledger } from '../ledger.mjs';
import { startProxy } from '../proxy.mjs';
import { profilesRow, RISK_ON, riskDirectory, sendRiskEvents, waitLearned } from '../risk-check.mjs';

export default {
  name: 'risk-crash',
  description: "kill -9 of a bridge between saving the risk profiles of a day and the state's meta document",
  async run(ctx) {
    // Its own node: the scorer's state index (kansa-state-risk) is global, and a shared node has the demo's.
    const node = { port: Number(process.env.KANSA_FAULTS_RISK_PORT || 9275), dataDir: undefined, quiet: true };
    const root = mkdtempSync(join(ctx.tmpDir, 'kansa-faults-risk-'));
    node.dataDir = join(root, 'opensearch');
    let bridge;
    let proxy;
    try {
      const { url } = await startOpenSearch(node);
      const ledger = new Ledger('risk-crash', ctx.marker('riskcrash'));
      let armed;
      let killedAt;
      // saveState writes the profiles (_bulk), then PUTs the meta document with if_seq_no: the bridge dies
      // as that PUT for the armed day arrives, so the profiles include the day and the meta does not.
      proxy = await startProxy(url, async (req, body) => {
        if (!armed || req.method !== 'PUT' || !req.url.startsWith('/kansa-state-risk/_doc/meta')) return 'forward';
        if (JSON.parse(body.toString()).day !== armed) return 'forward';
        killedAt = armed;
        armed = undefined;
        await killBridge(bridge);
        return 'drop';
      });
      bridge = await createBridge({
        dir: join(root, 'bridge'),
        name: 'bridge',
        openSearchUrl: proxy.url,
        env: { KANSA_RISK: 'off' },
        config: { translate: { directory: riskDirectory(root, ledger.marker) } },
      });
      const sent = await sendRiskEvents(bridge, [bridge], ledger, url);
      await stopBridge(bridge);

      armed = sent.days[1];
      bridge.env = RISK_ON;
      await startBridge(bridge);
      // The poller stops when the kill wins the race: left running, it polls a node the case stops and
      // keeps the fault runner alive for up to its 300 s timeout.
      const poll = new AbortController();
      await Promise.race([bridge.exited, waitLearned(url, sent.target, { signal: poll.signal })]);
      poll.abort();
      if (!killedAt)
        return { rows: [{ case: this.name, input: 'risk', note: `the bridge never saved ${armed}`, passed: false }] };
      ctx.log(`kill -9 of the bridge as it saved the state's meta document for ${killedAt}; restarting it`);
      await startBridge(bridge);
      const { learned, reached } = await waitLearned(url, sent.target);
      const notes = [];
      const code = await stopBridge(bridge);
      if (code !== 0) notes.push(`FAIL the bridge exited with ${code} on SIGTERM`);
      const rows = (await ledger.count(url)).filter((r) => r.input === 'risk');
      rows.push(
        reached
          ? await profilesRow(url, ledger, `risk profiles (kill -9 before the meta save of ${killedAt})`, sent, learned)
          : {
              case: this.name,
              input: 'risk profiles',
              note: `the state reached ${learned ?? 'nothing'}, not ${sent.target}`,
              passed: false,
            },
      );
      return { rows, notes };
    } finally {
      if (bridge?.up) await killBridge(bridge);
      await proxy?.close();
      await stopOpenSearch(node);
      rmSync(root, { recursive: true, force: true });
    }
  },
};
