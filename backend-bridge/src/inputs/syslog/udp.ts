import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { RateLimiter } from '../../pipeline/lines';
import { IntakeStartError, type Intake, type IntakeContext } from '../intake';

export interface UdpIntakeOptions {
  host: string;
  port: number;
  receiveBufferBytes: number;
  maxLineBytes: number;
  format: string;
  limiter: RateLimiter;
}

/**
 * Datagrams are gathered into one queue append (one write and one fdatasync) per batch: a batch
 * is written when it reaches BATCH_BYTES or BATCH_WAIT_MS after its first datagram. Memory held:
 * at most one batch. UDP cannot be paused, so what the queue refuses is dropped and counted, and
 * so are the kernel's own drops (receive buffer full), read from /proc/net/udp{,6}.
 */
const BATCH_BYTES = 1024 * 1024;
const BATCH_WAIT_MS = 5;
const KERNEL_DROPS_POLL_MS = 1000;

export class UdpIntake implements Intake {
  readonly name = 'syslog-udp';
  private socket?: Socket;
  private batch: Buffer[] = [];
  private batchBytes = 0;
  private timer?: NodeJS.Timeout;
  private poller?: NodeJS.Timeout;
  private inode?: string;
  private readonly runId = randomUUID();
  private batches = 0;
  private refusing?: string;

  constructor(
    private readonly options: UdpIntakeOptions,
    private readonly ctx: IntakeContext,
  ) {}

  async start(): Promise<AddressInfo> {
    const o = this.options;
    const socket = createSocket(o.host.includes(':') ? 'udp6' : 'udp4');
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (err: NodeJS.ErrnoException) =>
        reject(new IntakeStartError(this.name, `cannot listen on ${o.host}:${o.port}: ${err.code ?? err.message}`)),
      );
      socket.bind(o.port, o.host, () => resolve());
    });
    socket.removeAllListeners('error');
    socket.on('error', (err) => this.ctx.log.error({ input: this.name, err: err.message }, 'UDP socket error'));
    try {
      socket.setRecvBufferSize(o.receiveBufferBytes);
    } catch (err) {
      this.ctx.log.warn({ input: this.name, err: (err as Error).message }, 'cannot set the UDP receive buffer size');
    }
    socket.on('message', (msg, rinfo) => this.onDatagram(msg, rinfo.address));
    const address = socket.address();
    this.inode = socketInode(address.port);
    this.poller = setInterval(() => this.readKernelDrops(), KERNEL_DROPS_POLL_MS);
    this.poller.unref();
    return address;
  }

  async stop(): Promise<void> {
    if (!this.socket) return;
    this.readKernelDrops();
    this.socket.close();
    this.socket = undefined;
    if (this.poller) clearInterval(this.poller);
    this.flush();
  }

  private onDatagram(msg: Buffer, sender: string): void {
    if (this.options.limiter.take(sender, 1) > 0) {
      this.ctx.metrics.udpDrops.inc({ reason: 'rate_limited' });
      return;
    }
    // One datagram is one record: cut to maxLineBytes + 1 (the engine truncates and flags it), LF/CR inside become spaces.
    const max = this.options.maxLineBytes + 1;
    const len = Math.min(msg.length, max);
    const line = Buffer.allocUnsafe(len + 1);
    msg.copy(line, 0, 0, len);
    for (let i = 0; i < len; i++) if (line[i] === 0x0a || line[i] === 0x0d) line[i] = 0x20;
    line[len] = 0x0a;
    this.batch.push(line);
    this.batchBytes += line.length;
    if (this.batchBytes >= BATCH_BYTES) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), BATCH_WAIT_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0) return;
    const count = this.batch.length;
    const data = Buffer.concat(this.batch, this.batchBytes);
    this.batch = [];
    this.batchBytes = 0;
    const r = this.ctx.enqueue(this.name, [
      {
        data,
        src: {
          source: this.name,
          identity: `udp:${this.runId}:${this.batches++}`,
          baseOffset: 0,
          format: this.options.format,
        },
      },
    ]);
    if (r.ok) {
      if (this.refusing) this.ctx.log.info({ input: this.name }, 'queue takes datagrams again');
      this.refusing = undefined;
      return;
    }
    this.ctx.metrics.udpDrops.inc({ reason: r.reason }, count);
    if (this.refusing !== r.reason)
      this.ctx.log.error(
        { input: this.name, reason: r.reason, err: r.message },
        'dropping UDP datagrams: the queue cannot take them',
      );
    this.refusing = r.reason;
  }

  private readKernelDrops(): void {
    if (!this.inode) return;
    const drops = kernelDrops(this.inode);
    if (drops !== undefined) this.ctx.metrics.udpKernelDrops.set({}, drops);
  }
}

/** The inode of this process's UDP socket bound to `port` (from /proc/self/fd and /proc/net/udp{,6}). */
function socketInode(port: number): string | undefined {
  const mine = new Set<string>();
  try {
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
        if (m) mine.add(m[1]);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    return undefined; // not Linux: kernel drops are not available
  }
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const row of udpRows()) if (row.local.endsWith(hexPort) && mine.has(row.inode)) return row.inode;
  return undefined;
}

/** The drops column of /proc/net/udp{,6} for the socket with this inode. */
function kernelDrops(inode: string): number | undefined {
  for (const row of udpRows()) if (row.inode === inode) return row.drops;
  return undefined;
}

function udpRows(): Array<{ local: string; inode: string; drops: number }> {
  const rows: Array<{ local: string; inode: string; drops: number }> = [];
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'latin1');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
      const f = line.trim().split(/\s+/);
      if (f.length >= 13) rows.push({ local: f[1], inode: f[9], drops: Number(f[12]) });
    }
  }
  return rows;
}
