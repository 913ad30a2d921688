// The plugin's backend as Grafana runs it: kansa-dsquery serve keeps the built plugin binary running and is spoken
// to over go-plugin gRPC; this module starts it and forwards the host server's calls to it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The harness binary: bin/ where the build puts it now, dist/ where older builds did. */
export function dsqueryPath(pluginDir) {
  for (const dir of ['bin', 'dist']) {
    const p = join(pluginDir, dir, process.platform === 'win32' ? 'kansa-dsquery.exe' : 'kansa-dsquery');
    if (existsSync(p)) return p;
  }
  throw new Error(`no kansa-dsquery in ${pluginDir}/bin or dist: build the datasource plugin (npm run build)`);
}

/** Starts `kansa-dsquery serve`; resolves to { call(cmd, request), stop() } once it listens. */
export function startBackend(pluginDir) {
  const child = spawn(dsqueryPath(pluginDir), ['serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`kansa-dsquery serve exited with ${code} before listening`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const url = /^listening on (\S+)/.exec(line)?.[1];
      if (!url) return reject(new Error(`kansa-dsquery serve said ${JSON.stringify(line)}`));
      child.removeAllListeners('exit');
      resolve({
        async call(cmd, request) {
          const res = await fetch(`${url}/${cmd}`, { method: 'POST', body: JSON.stringify(request) });
          const text = await res.text();
          if (!res.ok) throw new Error(`backend ${cmd}: ${res.status} ${text.trim()}`);
          return JSON.parse(text);
        },
        stop() {
          child.stdin.end(); // serve exits when its stdin closes
        },
      });
    });
  });
}
