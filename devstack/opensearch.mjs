#!/usr/bin/env node
// Local OpenSearch 2.19.6 for Kansa development and tests, built from Maven Central jars
// (see devstack/opensearch/README.md). CLI: node devstack/opensearch.mjs start|stop|status [--nodes N]
// Library: startOpenSearch, stopOpenSearch, openSearchStatus, openSearchNodes, resolveOpenSearchUrl.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT_DIR = path.join(REPO_ROOT, 'devstack', 'opensearch');
const POM = path.join(PROJECT_DIR, 'pom.xml');
const MAIN_SOURCE = path.join(PROJECT_DIR, 'src/main/java/dev/kansa/devstack/KansaOpenSearch.java');
const MAIN_CLASS = 'dev.kansa.devstack.KansaOpenSearch';
const DEFAULT_PORT = 9200;

// The options a distribution's launcher would add (its jvm.options / SystemJvmOptions),
// minus the ones that only slow a dev node down (AlwaysPreTouch, GC logs, heap dumps).
const JVM_OPTIONS = [
  '-XX:+UseG1GC',
  '-XX:G1ReservePercent=25',
  '-XX:InitiatingHeapOccupancyPercent=30',
  '-XX:+ExitOnOutOfMemoryError',
  '-XX:-OmitStackTraceInFastThrow',
  '-Xss1m',
  '-Djava.awt.headless=true',
  '-Dfile.encoding=UTF-8',
  '-Djna.nosys=true',
  '-Dio.netty.noUnsafe=true',
  '-Dio.netty.noKeySetOptimization=true',
  '-Dio.netty.recycler.maxCapacityPerThread=0',
  '-Dio.netty.allocator.numDirectArenas=0',
  '-Dlog4j.shutdownHookEnabled=false',
  '-Dlog4j2.disable.jmx=true',
  '-Dlog4j2.formatMsgNoLookups=true',
  // OpenSearch 2.x date formats are written against the COMPAT locale data.
  '-Djava.locale.providers=SPI,COMPAT',
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const logger = (opts) => (opts.quiet ? () => {} : (msg) => process.stderr.write(`[opensearch] ${msg}\n`));

function envPort() {
  const raw = process.env.KANSA_OPENSEARCH_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  return checkPort(raw, 'KANSA_OPENSEARCH_PORT');
}

function checkPort(value, what) {
  const port = Number(value);
  // The transport port is http + 100, so it must stay in range too.
  if (!Number.isInteger(port) || port < 1 || port > 65435) {
    throw new Error(`${what} must be a port number between 1 and 65435, got ${JSON.stringify(value)}`);
  }
  return port;
}

function kansaDir() {
  return path.resolve(process.env.KANSA_DATA_DIR || path.join(REPO_ROOT, '.kansa'));
}

/** The URL that Kansa should talk to: OPENSEARCH_URL if set, otherwise the local dev node. */
export function resolveOpenSearchUrl() {
  const external = process.env.OPENSEARCH_URL;
  if (external) return external.replace(/\/+$/, '');
  return `http://127.0.0.1:${envPort()}`;
}

function envNodes() {
  const raw = process.env.KANSA_OPENSEARCH_NODES;
  return raw === undefined || raw === '' ? undefined : checkNodes(raw, 'KANSA_OPENSEARCH_NODES');
}

function checkNodes(value, what) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 9)
    throw new Error(`${what} must be a node count from 1 to 9, got ${JSON.stringify(value)}`);
  return n;
}

function localNode({ port, dataDir, heap } = {}) {
  const httpPort = port === undefined ? envPort() : checkPort(port, 'port');
  const dir = path.resolve(dataDir || path.join(kansaDir(), `opensearch-${httpPort}`));
  const heapSize = heap || process.env.KANSA_OPENSEARCH_HEAP || '1g';
  if (!/^\d+[kmgKMG]?$/.test(heapSize)) {
    throw new Error(`heap must look like 512m or 1g, got ${JSON.stringify(heapSize)}`);
  }
  return {
    url: `http://127.0.0.1:${httpPort}`,
    port: httpPort,
    transportPort: httpPort + 100,
    dataDir: dir,
    heap: heapSize,
    pidFile: path.join(dir, 'opensearch.pid'),
    lockFile: path.join(dir, 'opensearch.lock'),
    jvmLog: path.join(dir, 'logs', 'jvm.out'),
    nodeLog: path.join(dir, 'logs', 'opensearch.log'),
  };
}

// An explicit port or dataDir asks for a local node even when OPENSEARCH_URL is set,
// so a test runner always gets the throwaway node it asked for.
function usesExternal(opts) {
  return Boolean(process.env.OPENSEARCH_URL) && opts.port === undefined && opts.dataDir === undefined;
}

// A cluster of N nodes on one machine: node i serves HTTP on port + i (transport + 100) and keeps its data
// in <root>/node-<i>. cluster.json in the root records N, so stop and status find every node again.
function clusterRoot(opts) {
  const port = opts.port === undefined ? envPort() : checkPort(opts.port, 'port');
  return path.resolve(opts.dataDir || path.join(kansaDir(), `opensearch-${port}-cluster`));
}

function readManifest(root) {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(root, 'cluster.json'), 'utf8'));
    return Number.isInteger(m.nodes) && m.nodes > 1 ? m : undefined;
  } catch {
    return undefined;
  }
}

function clusterNodes(opts, count) {
  const base = opts.port === undefined ? envPort() : checkPort(opts.port, 'port');
  checkPort(base + count - 1, "the last node's port");
  const root = clusterRoot(opts);
  const heap = opts.heap || process.env.KANSA_OPENSEARCH_HEAP || '512m';
  const names = Array.from({ length: count }, (_, i) => `kansa-node-${i}`);
  const cluster = {
    name: `kansa-dev-${base}`,
    seedHosts: names.map((_, i) => `127.0.0.1:${base + i + 100}`).join(','),
    managers: names.join(','),
  };
  return names.map((name, i) => ({
    ...localNode({ port: base + i, dataDir: path.join(root, `node-${i}`), heap }),
    name,
    cluster,
  }));
}

/**
 * The nodes that opts name: N = opts.nodes, else KANSA_OPENSEARCH_NODES, else the cluster recorded in the
 * cluster root when one of its nodes is still running, else the single node of before.
 */
function layout(opts) {
  let count = opts.nodes === undefined ? envNodes() : checkNodes(opts.nodes, 'nodes');
  if (count === undefined) {
    const manifest = readManifest(clusterRoot(opts));
    const single = localNode(opts);
    const singleAlive = (() => {
      const pid = readPid(single.pidFile);
      return pid !== undefined && isOurNode(pid, single);
    })();
    if (manifest && !singleAlive) {
      const nodes = clusterNodes(opts, manifest.nodes);
      if (
        opts.dataDir !== undefined ||
        nodes.some((n) => {
          const pid = readPid(n.pidFile);
          return pid !== undefined && isOurNode(pid, n);
        })
      )
        return { nodes, root: clusterRoot(opts) };
    }
    count = 1;
  }
  return count === 1 ? { nodes: [localNode(opts)] } : { nodes: clusterNodes(opts, count), root: clusterRoot(opts) };
}

// ---------------------------------------------------------------- HTTP

function request(method, url, { body, timeoutMs = 5000 } = {}) {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {};
  if (target.username) {
    const auth = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    headers.authorization = `Basic ${Buffer.from(auth).toString('base64')}`;
  }
  return new Promise((resolve, reject) => {
    const req = lib.request(target, { method, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, text, json });
      });
      res.on('error', reject);
    });
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${target.origin}${target.pathname} timed out after ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function clusterHealth(url, timeoutMs = 5000) {
  try {
    const res = await request('GET', `${url}/_cluster/health?wait_for_status=yellow&timeout=1s`, { timeoutMs });
    if (res.json && typeof res.json.status === 'string') return res.json;
  } catch {
    /* not answering */
  }
  return undefined;
}

async function isReady(url, pid) {
  const health = await clusterHealth(url, 3000);
  if (!(health && health.timed_out === false && health.status !== 'red')) return false;
  // Another node may have taken the port between our probe and our JVM binding it.
  try {
    const res = await request('GET', `${url}/_nodes/_local/process?filter_path=nodes.*.process.id`, {
      timeoutMs: 3000,
    });
    const node = res.json && res.json.nodes && Object.values(res.json.nodes)[0];
    return Boolean(node && node.process && node.process.id === pid);
  } catch {
    return false;
  }
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(true));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function describePortOwner(port) {
  try {
    const res = await request(
      'GET',
      `http://127.0.0.1:${port}/_nodes/_local/settings,process?filter_path=nodes.*.settings.path.home,nodes.*.process.id`,
      { timeoutMs: 2000 },
    );
    const node = res.json && res.json.nodes && Object.values(res.json.nodes)[0];
    const home = node && node.settings && node.settings.path && node.settings.path.home;
    // Typically a node left behind by a killed test run: say how to end it.
    if (home) return `an OpenSearch node (pid ${node.process && node.process.id}) with data dir ${home}`;
    return `an HTTP server that is not OpenSearch (status ${res.status})`;
  } catch {
    return 'something that is not OpenSearch';
  }
}

// ---------------------------------------------------------------- processes

function readPid(pidFile) {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  // A zombie (exited, not yet reaped by its parent) still answers signal 0.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

// Pids get reused, so only a JVM running our main class on this data dir counts as ours.
function isOurNode(pid, node) {
  if (!isAlive(pid)) return false;
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.includes(MAIN_CLASS) && argv.includes(node.dataDir);
  } catch {
    return false;
  }
}

function rssBytes(pid) {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

function fileSize(file) {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

// Only what this launch wrote: opensearch.log keeps earlier runs of the same data dir.
function tail(file, lines, fromByte = 0) {
  try {
    const text = fs.readFileSync(file).subarray(fromByte).toString('utf8').trimEnd();
    return text ? text.split('\n').slice(-lines).join('\n') : '';
  } catch {
    return '';
  }
}

function logTails(node, nodeLogStart) {
  const os = nodeLogStart === undefined ? '' : tail(node.nodeLog, 25, nodeLogStart);
  // Once log4j is up, jvm.out only repeats opensearch.log's warnings; keep what it alone has
  // (JVM start-up errors, crash notices).
  const seen = new Set(os.split('\n'));
  const jvm = tail(node.jvmLog, 30)
    .split('\n')
    .filter((l) => l && !seen.has(l))
    .join('\n');
  const parts = [];
  if (jvm) parts.push(`--- ${node.jvmLog} (last lines) ---\n${jvm}`);
  if (os) parts.push(`--- ${node.nodeLog} (last lines) ---\n${os}`);
  return parts.length ? `\n${parts.join('\n')}` : `\n(no log output in ${path.dirname(node.jvmLog)})`;
}

// One start at a time per data dir; a lock left by a dead process is taken over.
async function withLock(node, fn) {
  const deadline = Date.now() + 10 * 60 * 1000;
  for (;;) {
    try {
      fs.writeFileSync(node.lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const owner = readPid(node.lockFile);
      if (owner === undefined || owner === process.pid || !isAlive(owner)) {
        fs.rmSync(node.lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another start (pid ${owner}) holds ${node.lockFile}`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    if (readPid(node.lockFile) === process.pid) fs.rmSync(node.lockFile, { force: true });
  }
}

// ---------------------------------------------------------------- build

function run(cmd, args, what) {
  const res = spawnSync(cmd, args, { cwd: PROJECT_DIR, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.error && res.error.code === 'ENOENT') {
    throw new Error(
      `${cmd} not found on PATH: ${what} needs it (Debian: apt-get install ${cmd === 'mvn' ? 'maven' : 'openjdk-17-jdk-headless'})`,
    );
  }
  if (res.error) throw res.error;
  if (res.status !== 0) {
    const out = `${res.stdout || ''}${res.stderr || ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${what} failed (${cmd} exited with ${res.status}):\n${out}`);
  }
  return res;
}

function javaTool(name) {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', name) : name;
}

function digest(...parts) {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest('hex').slice(0, 16);
}

// Outside the repo and the data dirs, like ~/.m2 whose paths it records: throwaway test nodes
// in temp dirs and fresh CI clones then share one Maven resolution, one compile and one
// class-data archive. Every entry is keyed by content hashes, so branches can't collide.
function buildCacheDir() {
  if (process.env.KANSA_OPENSEARCH_CACHE) return path.resolve(process.env.KANSA_OPENSEARCH_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'kansa', 'opensearch');
}

// Returns the classpath and a key for exactly the files the JVM will load from it.
function buildClasspath(log) {
  const cacheDir = buildCacheDir();
  fs.mkdirSync(cacheDir, { recursive: true });
  const pom = fs.readFileSync(POM);

  const cpFile = path.join(cacheDir, `classpath-${digest(pom)}.txt`);
  let jars = fs.existsSync(cpFile) ? fs.readFileSync(cpFile, 'utf8').trim().split(path.delimiter) : [];
  if (jars.length === 0 || !jars.every((j) => fs.existsSync(j))) {
    log('resolving OpenSearch jars with Maven (first run downloads ~75 MB)...');
    const tmp = `${cpFile}.${process.pid}.tmp`;
    try {
      run(
        'mvn',
        [
          '-q',
          '-B',
          '-f',
          POM,
          'dependency:build-classpath',
          '-Dmdep.includeScope=runtime',
          `-Dmdep.outputFile=${tmp}`,
        ],
        'resolving the OpenSearch classpath',
      );
      fs.renameSync(tmp, cpFile);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    jars = fs.readFileSync(cpFile, 'utf8').trim().split(path.delimiter);
  }

  // A jar, not a classes directory: class-data sharing refuses non-empty directories on the classpath.
  const mainJar = path.join(cacheDir, `kansa-opensearch-${digest(pom, fs.readFileSync(MAIN_SOURCE))}.jar`);
  if (!fs.existsSync(mainJar)) {
    log('compiling KansaOpenSearch.java...');
    const tmpDir = `${mainJar}.${process.pid}.classes`;
    const tmpJar = `${mainJar}.${process.pid}.tmp`;
    try {
      run(
        javaTool('javac'),
        ['--release', '17', '-nowarn', '-d', tmpDir, '-cp', jars.join(path.delimiter), MAIN_SOURCE],
        'compiling KansaOpenSearch.java',
      );
      run(javaTool('jar'), ['--create', '--file', tmpJar, '-C', tmpDir, '.'], 'packaging KansaOpenSearch');
      // First writer wins and the jar is never replaced: a class-data archive is tied to its mtime.
      try {
        fs.linkSync(tmpJar, mainJar);
      } catch (err) {
        if (err.code !== 'EEXIST') throw err;
      }
    } finally {
      fs.rmSync(tmpDir, { recursive: true, force: true });
      fs.rmSync(tmpJar, { force: true });
    }
  }
  const entries = [mainJar, ...jars];
  // The JVM refuses an archive once any jar's mtime changed, so the key covers those too.
  const mtimes = entries.map((f) => String(fs.statSync(f).mtimeMs)).join(',');
  return { classpath: entries.join(path.delimiter), key: digest(entries.join(path.delimiter), mtimes) };
}

// Class-data sharing: a dynamic archive of the node's classes cuts about 2 s (a third) off
// every start. Writing one costs the recording JVM 5-25 s at exit, so only the CLI records
// (recordCds), never a test run: a node started by `start` without an archive writes it into
// its data dir when stopped, and the stop (or next start) moves it into the shared cache.
// The JVM itself skips a stale archive (other jars or JDK); a truncated one is caught by
// archiveUsable, and a crash with one in use deletes it and retries. KANSA_OPENSEARCH_CDS=0
// turns all of this off.
const RECORDING = /^cds-([0-9a-f]{16})\.recording\.jsa$/;

const cdsArchive = (key) => path.join(buildCacheDir(), `cds-${key}.jsa`);

// A JVM killed while dumping leaves a truncated archive, and mapping one crashes the JVM
// (SIGBUS) instead of being skipped. Forcing relocation makes a throwaway JVM touch every
// region, so a bad archive fails here rather than in the node.
function archiveUsable(file) {
  const res = spawnSync(
    javaTool('java'),
    [
      '-XX:+UnlockDiagnosticVMOptions',
      '-XX:ArchiveRelocationMode=1',
      `-XX:SharedArchiveFile=${file}`,
      '-XX:ErrorFile=/dev/null',
      '-version',
    ],
    { stdio: 'ignore', cwd: buildCacheDir() },
  );
  return res.status === 0;
}

function publishCdsRecordings(node) {
  let names;
  try {
    names = fs.readdirSync(node.dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = RECORDING.exec(name);
    if (!m) continue;
    const recording = path.join(node.dataDir, name);
    const archive = cdsArchive(m[1]);
    const tmp = `${archive}.${process.pid}.tmp`;
    try {
      if (!fs.existsSync(archive) && fs.statSync(recording).size > 1024 * 1024) {
        fs.copyFileSync(recording, tmp);
        if (archiveUsable(tmp)) fs.renameSync(tmp, archive);
      }
    } catch {
      /* only an optimisation: without it the next node records again */
    }
    fs.rmSync(tmp, { force: true });
    fs.rmSync(recording, { force: true });
  }
}

const RECORD_FLAG = '-XX:ArchiveClassesAtExit=';

function cdsOptions(node, key, record) {
  if (process.env.KANSA_OPENSEARCH_CDS === '0') return [];
  publishCdsRecordings(node);
  const archive = cdsArchive(key);
  if (fs.existsSync(archive)) return [`-XX:SharedArchiveFile=${archive}`];
  return record ? [`${RECORD_FLAG}${path.join(node.dataDir, `cds-${key}.recording.jsa`)}`] : [];
}

function isRecording(pid) {
  try {
    return fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .some((a) => a.startsWith(RECORD_FLAG));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- API

/**
 * Starts (or finds) a local node, or with nodes > 1 a cluster of nodes on this machine, and waits until
 * its cluster health is at least yellow (and, for a cluster, every node has joined).
 * recordCds: when no class-data archive exists yet, have this node (a cluster's first) write one as it stops.
 * @param {{port?: number, dataDir?: string, heap?: string, nodes?: number, quiet?: boolean, timeoutMs?: number, recordCds?: boolean}} [opts]
 * @returns {Promise<{url: string, pid: number|undefined, launched: boolean, startSeconds: number,
 *   nodes?: Array<{name: string, url: string, port: number, dataDir: string, pid: number}>, dataDir?: string}>}
 */
export async function startOpenSearch(opts = {}) {
  const began = Date.now();
  const log = logger(opts);
  const seconds = () => Math.round((Date.now() - began) / 100) / 10;

  if (usesExternal(opts)) {
    const url = resolveOpenSearchUrl();
    const health = await clusterHealth(url);
    if (!health) throw new Error(`OPENSEARCH_URL=${url} does not answer GET /_cluster/health`);
    return { url, pid: undefined, launched: false, startSeconds: seconds() };
  }

  const { nodes, root } = layout(opts);
  const timeoutMs = opts.timeoutMs ?? Number(process.env.KANSA_OPENSEARCH_START_TIMEOUT_MS || 180000);
  if (root) {
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(
      path.join(root, 'cluster.json'),
      `${JSON.stringify({ nodes: nodes.length, port: nodes[0].port })}\n`,
    );
  }
  let build;
  const classpath = () => (build ??= buildClasspath(log));
  // All JVMs start at once: a cluster node only becomes ready once enough of the others have joined.
  const settled = await Promise.allSettled(
    nodes.map((node, i) =>
      startNode(node, { ...opts, recordCds: opts.recordCds && i === 0 }, classpath, timeoutMs, log),
    ),
  );
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(
      nodes.map((node, i) =>
        settled[i].status === 'fulfilled' && settled[i].value.launched ? stopNode(node, {}) : undefined,
      ),
    );
    throw failed.reason;
  }
  const results = settled.map((r) => r.value);
  const launched = results.some((r) => r.launched);
  if (nodes.length > 1) await waitForNodes(nodes[0].url, nodes.length, timeoutMs);
  if (launched) await applyDevDefaults(nodes[0].url, nodes.length > 1 ? 1 : 0, log);
  const startSeconds = seconds();
  if (launched)
    log(
      `ready at ${nodes.map((n) => n.url).join(', ')} (pid ${results.map((r) => r.pid).join(', ')}) in ${startSeconds}s`,
    );
  const out = { url: nodes[0].url, pid: results[0].pid, launched, startSeconds };
  if (!root) return out;
  return {
    ...out,
    dataDir: root,
    nodes: nodes.map((n, i) => ({ name: n.name, url: n.url, port: n.port, dataDir: n.dataDir, pid: results[i].pid })),
  };
}

async function startNode(node, opts, classpath, timeoutMs, log) {
  fs.mkdirSync(path.dirname(node.jvmLog), { recursive: true });
  return withLock(node, async () => {
    const existing = readPid(node.pidFile);
    if (existing !== undefined && isOurNode(existing, node)) {
      await waitUntilReady(node, existing, timeoutMs, () => isOurNode(existing, node));
      return { pid: existing, launched: false };
    }
    fs.rmSync(node.pidFile, { force: true });

    for (const [p, kind] of [
      [node.port, 'http'],
      [node.transportPort, 'transport'],
    ]) {
      if (await portOpen(p)) {
        const owner = kind === 'http' ? await describePortOwner(p) : 'another process';
        throw new Error(
          `${kind} port ${p} on 127.0.0.1 is already in use by ${owner}; ` +
            'pick another with KANSA_OPENSEARCH_PORT (transport uses port+100) or stop that process',
        );
      }
    }

    const { classpath: cp, key } = classpath();
    let pid;
    try {
      pid = await launch(node, cp, cdsOptions(node, key, opts.recordCds), timeoutMs, log);
    } catch (err) {
      // A JVM crash (not a Java exception) while mapping a class-data archive: drop it and go without.
      const archive = cdsArchive(key);
      if (!(err.jvmCrashed && fs.existsSync(archive))) throw err;
      log(`JVM crashed with the class-data archive ${archive}; removing it and starting without`);
      fs.rmSync(archive, { force: true });
      pid = await launch(node, cp, [], timeoutMs, log);
    }
    return { pid, launched: true };
  });
}

async function waitForNodes(url, count, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(
      'GET',
      `${url}/_cluster/health?wait_for_nodes=${count}&wait_for_status=yellow&timeout=1s`,
      { timeoutMs: 5000 },
    ).catch(() => undefined);
    if (res && res.json && res.json.number_of_nodes >= count && res.json.timed_out === false) return;
    if (Date.now() > deadline)
      throw new Error(
        `the cluster at ${url} did not reach ${count} nodes within ${Math.round(timeoutMs / 1000)}s: ${res ? res.text : 'no answer'}`,
      );
    await sleep(250);
  }
}

async function launch(node, classpath, extraJvmOptions, timeoutMs, log) {
  log(`starting OpenSearch on ${node.url} (heap ${node.heap}, data ${node.dataDir})...`);
  fs.mkdirSync(path.join(node.dataDir, 'tmp'), { recursive: true });
  const nodeLogStart = fileSize(node.nodeLog);
  const out = fs.openSync(node.jvmLog, 'w');
  const child = spawn(
    javaTool('java'),
    [
      `-Xms${node.heap}`,
      `-Xmx${node.heap}`,
      ...JVM_OPTIONS,
      ...extraJvmOptions,
      `-Djava.io.tmpdir=${path.join(node.dataDir, 'tmp')}`,
      `-XX:ErrorFile=${path.join(node.dataDir, 'logs', 'hs_err_pid%p.log')}`,
      ...(node.cluster
        ? [
            `-Dkansa.nodeName=${node.name}`,
            `-Dkansa.clusterName=${node.cluster.name}`,
            `-Dkansa.seedHosts=${node.cluster.seedHosts}`,
            `-Dkansa.clusterManagers=${node.cluster.managers}`,
          ]
        : []),
      '-cp',
      classpath,
      MAIN_CLASS,
      node.dataDir,
      String(node.port),
      String(node.transportPort),
    ],
    { cwd: node.dataDir, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);

  let exit;
  child.once('exit', (code, signal) => {
    exit = { code, signal };
  });
  const spawned = await new Promise((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', (err) => {
      exit = { error: err };
      resolve(false);
    });
  });
  if (!spawned) {
    const hint = exit.error.code === 'ENOENT' ? ' (install a Java 17 runtime or set JAVA_HOME)' : '';
    throw new Error(`could not run ${javaTool('java')}: ${exit.error.message}${hint}`);
  }
  child.unref();
  fs.writeFileSync(node.pidFile, `${child.pid}\n`);

  try {
    await waitUntilReady(node, child.pid, timeoutMs, () => exit === undefined, nodeLogStart);
  } catch (err) {
    if (exit === undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await waitForExit(child.pid, 5000);
    }
    fs.rmSync(node.pidFile, { force: true });
    // HotSpot's fatal error handler aborts; a Java-level failure exits with a status instead.
    err.jvmCrashed = exit !== undefined && (exit.signal !== null || exit.code === 134);
    throw err;
  }
  return child.pid;
}

async function waitUntilReady(node, pid, timeoutMs, stillRunning, nodeLogStart) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!stillRunning()) {
      throw new Error(`OpenSearch (pid ${pid}) exited before it became ready${logTails(node, nodeLogStart)}`);
    }
    if (await isReady(node.url, pid)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `OpenSearch (pid ${pid}) was not yellow within ${Math.round(timeoutMs / 1000)}s${logTails(node, nodeLogStart)}`,
      );
    }
    await sleep(250);
  }
}

// One node can never place a replica: default new indices to none so they go green; a cluster gets one,
// so losing a node loses no data. A cluster (not node) setting, so it can only be applied once the node is up.
async function applyDevDefaults(url, replicas, log) {
  const res = await request('PUT', `${url}/_cluster/settings`, {
    body: { persistent: { 'cluster.default_number_of_replicas': replicas } },
  }).catch((err) => ({ status: 0, text: err.message }));
  // Not fatal: the node works, new indices just get the stock default.
  if (res.status !== 200)
    log(`warning: could not set cluster.default_number_of_replicas=${replicas}: ${res.status} ${res.text}`);
}

/**
 * Stops the node recorded in the data dir's pid file (SIGTERM, then SIGKILL after timeoutMs), or every node
 * of a cluster (nodes > 1, or the cluster recorded in its root). Does nothing for an external OPENSEARCH_URL
 * (unless port or dataDir is given).
 * @param {{port?: number, dataDir?: string, nodes?: number, timeoutMs?: number, quiet?: boolean}} [opts]
 * @returns {Promise<{stopped: boolean, pid: number|undefined, killed: boolean, external?: boolean,
 *   nodes?: Array<{name: string, stopped: boolean, pid: number|undefined, killed: boolean}>}>}
 */
export async function stopOpenSearch(opts = {}) {
  if (usesExternal(opts)) return { stopped: false, pid: undefined, killed: false, external: true };
  const { nodes, root } = layout(opts);
  const results = await Promise.all(nodes.map((node) => stopNode(node, opts)));
  if (!root) return results[0];
  return {
    stopped: results.some((r) => r.stopped),
    pid: results[0].pid,
    killed: results.some((r) => r.killed),
    nodes: results.map((r, i) => ({ name: nodes[i].name, ...r })),
  };
}

async function stopNode(node, opts) {
  const pid = readPid(node.pidFile);
  if (pid === undefined || !isOurNode(pid, node)) {
    fs.rmSync(node.pidFile, { force: true });
    return { stopped: false, pid: undefined, killed: false };
  }
  const signal = (sig) => {
    try {
      process.kill(pid, sig);
    } catch {
      /* exited meanwhile */
    }
  };
  // SIGTERM runs the node's shutdown hook (flushes and closes shards; may also write the CDS archive).
  let timeoutMs = opts.timeoutMs ?? 30000;
  if (isRecording(pid)) {
    // Killing it mid-dump would only waste the recording, so give the dump time to finish.
    logger(opts)('writing the class-data archive for faster starts (once per machine, 5-25 s)...');
    timeoutMs = Math.max(timeoutMs, 180000);
  }
  signal('SIGTERM');
  let killed = false;
  if (!(await waitForExit(pid, timeoutMs))) {
    signal('SIGKILL');
    killed = true;
    await waitForExit(pid, 10000);
  }
  fs.rmSync(node.pidFile, { force: true });
  publishCdsRecordings(node);
  return { stopped: true, pid, killed };
}

/**
 * Every local node that opts name (one, or each node of a cluster), with the pid of the ones running:
 * what a fault test needs to kill -9 one of them.
 * @param {{port?: number, dataDir?: string, nodes?: number}} [opts]
 * @returns {Array<{name: string, url: string, port: number, dataDir: string, pid: number|undefined}>}
 */
export function openSearchNodes(opts = {}) {
  return layout(opts).nodes.map((node) => {
    const pid = readPid(node.pidFile);
    return {
      name: node.name ?? 'kansa-node-0',
      url: node.url,
      port: node.port,
      dataDir: node.dataDir,
      pid: pid !== undefined && isOurNode(pid, node) ? pid : undefined,
    };
  });
}

/**
 * @param {{port?: number, dataDir?: string, nodes?: number}} [opts]
 * @returns {Promise<{running: boolean, url: string, pid: number|undefined, rssBytes: number|undefined,
 *   health: object|undefined, dataDir: string|undefined, external: boolean,
 *   nodes?: Array<{name: string, url: string, pid: number|undefined, rssBytes: number|undefined}>}>}
 */
export async function openSearchStatus(opts = {}) {
  if (usesExternal(opts)) {
    const url = resolveOpenSearchUrl();
    const health = await clusterHealth(url);
    return {
      running: Boolean(health),
      url,
      pid: undefined,
      rssBytes: undefined,
      health,
      dataDir: undefined,
      external: true,
    };
  }
  const { nodes, root } = layout(opts);
  const each = openSearchNodes(opts).map((n) => ({ ...n, rssBytes: n.pid ? rssBytes(n.pid) : undefined }));
  const live = each.find((n) => n.pid);
  const health = live ? await clusterHealth(live.url) : undefined;
  return {
    running: Boolean(live),
    url: nodes[0].url,
    pid: each[0].pid,
    rssBytes: root ? each.reduce((sum, n) => sum + (n.rssBytes ?? 0), 0) || undefined : each[0].rssBytes,
    health,
    dataDir: root ?? nodes[0].dataDir,
    external: false,
    ...(root ? { nodes: each.map(({ name, url, pid, rssBytes: rss }) => ({ name, url, pid, rssBytes: rss })) } : {}),
  };
}

// ---------------------------------------------------------------- CLI

function cliOptions(args) {
  const opts = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--nodes') opts.nodes = checkNodes(args[++i], '--nodes');
    else if (args[i] === '--heap') opts.heap = args[++i];
    else throw new Error(`unknown option ${args[i]}`);
  }
  return opts;
}

async function main(argv) {
  const command = argv[0];
  const opts = cliOptions(argv.slice(1));
  if (command === 'start') {
    const { url, pid, launched, startSeconds, nodes } = await startOpenSearch({ ...opts, recordCds: true });
    const how = launched ? `started in ${startSeconds}s` : pid ? 'already running' : 'external, from OPENSEARCH_URL';
    if (nodes) for (const n of nodes) console.log(`${n.url}  (${n.name}, pid ${n.pid})`);
    console.log(`${url}  (${how}${pid ? `, pid ${pid}` : ''}${nodes ? `, ${nodes.length} nodes` : ''})`);
    return 0;
  }
  if (command === 'stop') {
    const res = await stopOpenSearch(opts);
    if (res.external) console.log('OPENSEARCH_URL is set: that node is not ours to stop');
    else if (res.nodes)
      for (const n of res.nodes)
        console.log(
          `${n.name}: ${n.stopped ? `stopped pid ${n.pid}${n.killed ? ' (SIGKILL after timeout)' : ''}` : 'not running'}`,
        );
    else
      console.log(
        res.stopped ? `stopped pid ${res.pid}${res.killed ? ' (SIGKILL after timeout)' : ''}` : 'not running',
      );
    return 0;
  }
  if (command === 'status') {
    const s = await openSearchStatus(opts);
    const lines = [
      `state:   ${s.running ? 'running' : 'stopped'}${s.external ? ' (external, OPENSEARCH_URL)' : ''}`,
      `url:     ${s.url}`,
    ];
    if (s.dataDir) lines.push(`data:    ${s.dataDir}`);
    if (s.pid) lines.push(`pid:     ${s.pid}`);
    if (s.rssBytes) lines.push(`rss:     ${(s.rssBytes / 1048576).toFixed(0)} MiB${s.nodes ? ' (all nodes)' : ''}`);
    for (const n of s.nodes ?? []) {
      lines.push(
        `node:    ${n.name} ${n.url} ${n.pid ? `pid ${n.pid}, ${((n.rssBytes ?? 0) / 1048576).toFixed(0)} MiB` : 'stopped'}`,
      );
    }
    if (s.health) {
      lines.push(
        `health:  ${s.health.status} (${s.health.number_of_nodes} nodes, ${s.health.active_primary_shards} primary shards, ${s.health.unassigned_shards} unassigned)`,
      );
    }
    console.log(lines.join('\n'));
    // LSB status convention: 3 = not running.
    return s.running ? 0 : 3;
  }
  console.error(
    'usage: node devstack/opensearch.mjs start|stop|status [--nodes N] [--heap 512m]\n' +
      '  env: KANSA_OPENSEARCH_PORT (9200), KANSA_OPENSEARCH_NODES (1), KANSA_OPENSEARCH_HEAP (1g; 512m per node for N>1),\n' +
      '       KANSA_DATA_DIR (<repo>/.kansa), OPENSEARCH_URL',
  );
  return 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`opensearch: ${err.message}`);
      process.exitCode = 1;
    },
  );
}
