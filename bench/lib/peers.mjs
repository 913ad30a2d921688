// The C peers: liblognorm's lognormalizer and rsyslog with mmnormalize, installed from Debian when missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measured } from './measure.mjs';

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** apt-get install rsyslog liblognorm-utils when either peer is missing (needs root, as on the bench machine). */
export function ensurePeers(log) {
  const missing = [];
  if (!has('lognormalizer')) missing.push('liblognorm-utils');
  if (!has('rsyslogd')) missing.push('rsyslog');
  if (missing.length === 0) return;
  log(`installing peers: ${missing.join(' ')}`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args) =>
    execFileSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
}

export function peerVersions() {
  const first = (cmd, args) => (spawnSync(cmd, args, { encoding: 'utf8' }).stdout || '').split('\n')[0].trim();
  return {
    lognormalizer: spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'liblognorm-utils'], { encoding: 'utf8' }).stdout,
    rsyslog: first('rsyslogd', ['-v'])
      .replace(/\s*compiled with:$/, '')
      .replace(/\s+/g, ' '),
  };
}

export function runLognormalizer({ rulebase, input, output, statsPath }) {
  return measured({ cmd: 'lognormalizer', args: ['-r', rulebase, '-e', 'json', '-T'], input, output, statsPath });
}

/**
 * rsyslogd reading the file with imfile, normalizing the raw line with mmnormalize and writing
 * $!all-json per line with omfile. The main queue is Direct: on one core, handing messages between
 * threads only costs the peer time, so this is its fastest setup. The run ends when the output holds
 * every line; rsyslogd is then stopped.
 */
export async function runRsyslog({ rulebase, input, output, lines, statsPath, workDir }) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const conf = join(workDir, 'rsyslog.conf');
  writeFileSync(
    conf,
    `global(workDirectory="${workDir}" maxMessageSize="64k")
main_queue(queue.type="Direct")
module(load="imfile" mode="inotify")
module(load="mmnormalize")
template(name="json" type="string" string="%$!all-json%\\n")
ruleset(name="norm") {
  action(type="mmnormalize" rulebase="${rulebase}" useRawMsg="on")
  action(type="omfile" file="${output}" template="json" ioBufferSize="1m")
}
input(type="imfile" file="${input}" tag="bench" ruleset="norm" freshStartTail="off" readMode="0" addMetadata="off")
`,
  );
  writeFileSync(output, '');
  const pidFile = join(workDir, 'rsyslogd.pid');
  return measured({
    cmd: 'rsyslogd',
    args: ['-n', '-f', conf, '-i', pidFile],
    output: join(workDir, 'stdout'),
    statsPath,
    stopWhen: (markDone) =>
      watchLines(output, lines, () => {
        markDone();
        // GNU time waits for rsyslogd, which runs under it; stop rsyslogd itself.
        process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
      }),
  });
}

/** Calls `done` once `path` holds `lines` newlines; returns a function that stops watching. */
function watchLines(path, lines, done) {
  let fd;
  let seen = 0;
  const buf = Buffer.alloc(1 << 20);
  const timer = setInterval(() => {
    fd ??= openSync(path, 'r');
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      for (let i = buf.indexOf(10, 0); i !== -1 && i < n; i = buf.indexOf(10, i + 1)) seen++;
    }
    if (seen >= lines) {
      clearInterval(timer);
      done();
    }
  }, 10);
  return () => {
    clearInterval(timer);
    if (fd !== undefined) closeSync(fd);
  };
}
