// Runs one tool under GNU time (wall, user+system CPU, peak RSS), optionally pinned to one core.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';

export const BENCH_CPU = process.env.KANSA_BENCH_CPU ?? '1';

/**
 * `cmd` with `args`, stdin from `input` (or none), stdout to `output`. `pin` runs it on one core with
 * taskset, so a multi-threaded peer cannot borrow a second core. Resolves to the run's measures.
 */
export function measured({ cmd, args, input, output, pin = true, env, statsPath, stopWhen }) {
  const argv = ['-f', '%e %U %S %M', '-o', statsPath, ...(pin ? ['taskset', '-c', BENCH_CPU] : []), cmd, ...args];
  const stdin = input ? openSync(input, 'r') : 'ignore';
  const stdout = output ? openSync(output, 'w') : 'ignore';
  const stderrPath = `${statsPath}.stderr`;
  const stderr = openSync(stderrPath, 'w');
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', argv, { stdio: [stdin, stdout, stderr], env: { ...process.env, ...env } });
  for (const fd of [stdin, stdout, stderr]) if (typeof fd === 'number') closeSync(fd);
  let doneAt;
  let stop;
  if (stopWhen) {
    // Daemons (rsyslogd) never exit on their own: the caller marks the work done, then stops the daemon.
    stop = stopWhen(() => {
      doneAt = process.hrtime.bigint();
    });
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      stop?.();
      const ended = doneAt ?? process.hrtime.bigint();
      let stats;
      try {
        stats = readFileSync(statsPath, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      } catch {
        stats = [NaN, NaN, NaN, NaN];
      }
      const errText = readFileSync(stderrPath, 'utf8');
      rmSync(stderrPath, { force: true });
      rmSync(statsPath, { force: true });
      const ok = stopWhen ? doneAt !== undefined : code === 0;
      if (!ok) {
        reject(
          new Error(
            `${cmd} ${args.join(' ')} failed (exit ${code}${signal ? `, ${signal}` : ''}): ${errText.slice(-2000)}`,
          ),
        );
        return;
      }
      resolve({
        wall: Number(ended - started) / 1e9,
        cpu: stats[1] + stats[2],
        rssMiB: stats[3] / 1024,
        stderr: errText,
      });
    });
  });
}

/** Median, min and max of a list of numbers. */
export function spread(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1] };
}
