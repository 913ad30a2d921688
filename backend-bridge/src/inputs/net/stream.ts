import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { RecordSplitter, type RateLimiter } from '../../pipeline/lines';
import { IntakeStartError, type Intake, type IntakeContext } from '../intake';
import { listen } from './listen';

/**
 * Shared by the TCP and TLS listeners so that together they stay under one bound: each open
 * connection holds one file descriptor and at most one read (64 KiB) plus one record
 * (maxLineBytes) in memory.
 */
export class ConnectionBudget {
  private open = 0;
  constructor(readonly max: number) {}
  take(): boolean {
    if (this.open >= this.max) return false;
    this.open++;
    return true;
  }
  give(): void {
    this.open--;
  }
  get used(): number {
    return this.open;
  }
}

export interface StreamIntakeOptions {
  /** Input label: syslog-tcp or syslog-tls. */
  name: string;
  host: string;
  port: number;
  /** TLS certificate and key files; plain TCP without. */
  tls?: { cert: string; key: string };
  budget: ConnectionBudget;
  idleTimeoutMs: number;
  maxLineBytes: number;
  format: string;
  limiter: RateLimiter;
}

/** Records handed to the queue at once: the queue's bound holds to within one slice's translation. */
const SLICE_BYTES = 16 * 1024;

/**
 * A byte-stream intake (syslog over TCP or TLS, LF or octet-counted framing): connection limit,
 * idle timeout, framing and backpressure. A connection is paused (never buffered) while the queue
 * is full or cannot write, and while its sender is over the rate limit.
 */
export class StreamIntake implements Intake {
  readonly name: string;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private stopped = false;
  private refusedLogged = false;

  constructor(
    private readonly options: StreamIntakeOptions,
    private readonly ctx: IntakeContext,
  ) {
    this.name = options.name;
  }

  async start(): Promise<AddressInfo> {
    const o = this.options;
    if (o.tls) {
      let cert: Buffer, key: Buffer;
      try {
        cert = readFileSync(o.tls.cert);
        key = readFileSync(o.tls.key);
      } catch (err) {
        throw new IntakeStartError(this.name, `cannot read the TLS certificate or key: ${(err as Error).message}`);
      }
      try {
        // A handshake that does not finish within the idle timeout frees its slot.
        this.server = createTlsServer({ cert, key, handshakeTimeout: o.idleTimeoutMs }, (s) => this.onConnection(s));
      } catch (err) {
        throw new IntakeStartError(
          this.name,
          `unusable TLS certificate or key (${o.tls.cert}, ${o.tls.key}): ${(err as Error).message}`,
        );
      }
      // A failed handshake is the client's problem; it must not reach the process as an error.
      this.server.on('tlsClientError', (err) =>
        this.ctx.log.debug({ input: this.name, err: err.message }, 'TLS handshake failed'),
      );
    } else {
      this.server = createTcpServer((s) => this.onConnection(s));
    }
    // The budget counts raw connections (for TLS before the handshake too): each holds a descriptor.
    this.server.prependListener('connection', (raw: Socket) => this.admit(raw));
    const address = await listen(this.server, o.port, o.host, this.name);
    this.server.on('error', (err) => this.ctx.log.error({ input: this.name, err: err.message }, 'listener error'));
    return address;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const closed = this.server?.listening ? new Promise((r) => this.server!.close(r)) : Promise.resolve();
    // Everything read so far is already in the queue (it is appended as it is read).
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  /** Takes a slot of the connection budget or closes the connection at once. */
  private admit(raw: Socket): void {
    const input = this.name;
    if (this.stopped || !this.budget.take()) {
      if (!this.stopped) {
        // Over the limit: closed at once, so a flood of connections cannot exhaust file descriptors.
        this.ctx.metrics.rejected.inc({ input, reason: 'connection_limit' });
        if (!this.refusedLogged)
          this.ctx.log.warn({ input, limit: this.budget.max }, 'connection limit reached: closing new connections');
        this.refusedLogged = true;
      }
      raw.destroy();
      return;
    }
    this.refusedLogged = false;
    raw.once('close', () => this.budget.give());
  }

  private onConnection(socket: Socket): void {
    const input = this.name;
    if (socket.destroyed) return;
    this.sockets.add(socket);
    this.ctx.metrics.connections.set({ input }, this.sockets.size);
    const o = this.options;
    const sender = socket.remoteAddress ?? 'unknown';
    const identity = `${input}:${sender}:${randomUUID()}`;
    const src = (offset: number) => ({ source: input, identity, baseOffset: offset, format: o.format });
    const splitter = new RecordSplitter('auto', o.maxLineBytes);
    // Records read but not yet in the queue: at most one read while the connection is paused.
    const backlog: Array<{ data: Buffer; offset: number; damage?: string }> = [];
    let waiting = false;
    let ended = false;
    const pause = (resume: Promise<unknown>) => {
      waiting = true;
      socket.pause();
      void resume.then(() => {
        waiting = false;
        drain();
      });
    };
    const drain = () => {
      // Goes on after the socket closed: what was read still reaches the queue.
      while (backlog.length > 0) {
        const { data, offset, damage } = backlog[0];
        let cut = data.length;
        if (cut > SLICE_BYTES && !damage) {
          const nl = data.lastIndexOf(0x0a, SLICE_BYTES - 1);
          cut = nl >= 0 ? nl + 1 : data.indexOf(0x0a) + 1 || data.length;
        }
        const r = this.ctx.enqueue(input, [{ data: data.subarray(0, cut), src: src(offset), damage }], {
          force: false,
        });
        if (!r.ok) {
          this.ctx.metrics.rejected.inc({ input, reason: r.reason });
          this.ctx.log.debug({ input, sender, reason: r.reason }, 'pausing connection');
          pause(this.ctx.whenSpace());
          return;
        }
        if (cut === data.length) backlog.shift();
        else backlog[0] = { data: data.subarray(cut), offset: offset + cut };
        const wait = o.limiter.take(sender, r.records);
        if (wait > 0) {
          this.ctx.metrics.rejected.inc({ input, reason: 'rate_limited' });
          pause(new Promise((resolve) => setTimeout(resolve, Math.min(wait, 10_000)).unref()));
          return;
        }
      }
      if (ended) socket.end();
      else if (!socket.destroyed) socket.resume();
    };
    const take = (data: Buffer, offset: number) => {
      if (data.length > 0) backlog.push({ data, offset });
      if (!waiting) drain();
    };
    socket.setTimeout(o.idleTimeoutMs, () => {
      // Paused by the bridge itself is not idle.
      if (waiting) return;
      this.ctx.metrics.rejected.inc({ input, reason: 'idle_timeout' });
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => {
      const { data, offset } = splitter.push(chunk);
      take(data, offset);
    });
    socket.on('end', () => {
      ended = true;
      const { data, offset, cut } = splitter.end();
      if (data.length > 0) backlog.push({ data, offset });
      if (cut) {
        this.ctx.log.warn(
          { input, sender, reason: cut.reason },
          'connection closed inside a frame: kept as a parse failure',
        );
        backlog.push({ data: cut.data, offset: offset + data.length, damage: cut.reason });
      }
      if (!waiting) drain();
    });
    socket.on('error', (err) => this.ctx.log.debug({ input, sender, err: err.message }, 'connection error'));
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.ctx.metrics.connections.set({ input }, this.sockets.size);
    });
  }

  private get budget(): ConnectionBudget {
    return this.options.budget;
  }
}
