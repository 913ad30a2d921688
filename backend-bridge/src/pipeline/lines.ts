/**
 * Cuts a byte stream into complete records for the engine. `lf`: records end at LF. `octet`:
 * RFC 6587 octet counting, `LEN SP MSG`; an LF inside MSG becomes a space so that one frame stays
 * one record. `auto` decides on the first byte (a digit means octet counting; a syslog message
 * starts with `<`).
 *
 * Overlong records are cut to maxLineBytes + 1 bytes so the engine truncates and flags them, and
 * the rest is skipped without being buffered: a sender cannot make the bridge hold more than
 * maxLineBytes + one chunk.
 */
export class RecordSplitter {
  private mode: 'lf' | 'octet' | undefined;
  private carry: Buffer = Buffer.alloc(0);
  /** Stream offset of the first byte not yet handed out. */
  private consumed = 0;
  /** Octet counting: bytes of the current frame still to skip (overlong frame). */
  private skip = 0;
  private discardingLine = false;

  constructor(
    mode: 'lf' | 'octet' | 'auto',
    private readonly maxLineBytes: number,
  ) {
    this.mode = mode === 'auto' ? undefined : mode;
  }

  /** Returns the complete records in `chunk` (each LF-terminated) and the stream offset they start at. */
  push(chunk: Buffer): { data: Buffer; offset: number } {
    if (this.mode === undefined) {
      if (chunk.length === 0) return { data: Buffer.alloc(0), offset: this.consumed };
      this.mode = chunk[0] >= 0x30 && chunk[0] <= 0x39 ? 'octet' : 'lf';
    }
    return this.mode === 'lf' ? this.pushLf(chunk) : this.pushOctet(chunk);
  }

  /**
   * Whatever is left at the end of the stream: an unterminated last line (a record like any other),
   * or an octet-counted frame cut short by the close, handed out as `cut` with why, so it is kept
   * as a parse failure rather than dropped.
   */
  end(): { data: Buffer; offset: number; cut?: { data: Buffer; reason: string } } {
    const offset = this.consumed;
    const carry = this.carry;
    this.carry = Buffer.alloc(0);
    if (this.mode === 'lf' && carry.length > 0 && !this.discardingLine) {
      return { data: Buffer.concat([carry, Buffer.from('\n')]), offset };
    }
    // An overlong frame cut short needs nothing more: its head was already handed out, flagged truncated.
    if (this.mode === 'octet' && carry.length > 0 && this.skip === 0) {
      const sp = carry.indexOf(0x20);
      const body = sp > 0 ? carry.subarray(sp + 1) : carry;
      const reason =
        sp > 0
          ? `connection closed inside an octet-counted frame: ${body.length} of ${carry.toString('latin1', 0, sp)} bytes received`
          : 'connection closed inside the length of an octet-counted frame';
      return { data: Buffer.alloc(0), offset, cut: { data: oneLine(body), reason } };
    }
    return { data: Buffer.alloc(0), offset };
  }

  private pushLf(chunk: Buffer): { data: Buffer; offset: number } {
    const start = this.consumed;
    const parts: Buffer[] = [];
    let buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) break;
      if (this.discardingLine) {
        this.discardingLine = false;
        parts.push(Buffer.from('\n'));
      } else {
        parts.push(buf.subarray(pos, nl + 1));
      }
      pos = nl + 1;
    }
    buf = buf.subarray(pos);
    if (this.discardingLine) {
      buf = Buffer.alloc(0);
    } else if (buf.length > this.maxLineBytes) {
      // Hand out the head of the overlong line now (the engine truncates and flags it), skip the rest.
      parts.push(Buffer.concat([buf.subarray(0, this.maxLineBytes + 1), Buffer.from('\n')]));
      this.discardingLine = true;
      buf = Buffer.alloc(0);
    }
    this.carry = Buffer.from(buf);
    const data = Buffer.concat(parts);
    this.consumed += data.length;
    return { data, offset: start };
  }

  private pushOctet(chunk: Buffer): { data: Buffer; offset: number } {
    const start = this.consumed;
    const parts: Buffer[] = [];
    let buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    for (;;) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, buf.length);
        this.skip -= n;
        buf = buf.subarray(n);
        if (this.skip > 0) break;
        continue;
      }
      // Tolerate LF/CR between frames (some senders add them).
      let p = 0;
      while (p < buf.length && (buf[p] === 0x0a || buf[p] === 0x0d)) p++;
      buf = buf.subarray(p);
      const sp = buf.indexOf(0x20);
      if (sp < 0) {
        if (buf.length > 10) {
          // Not a length: fall back to LF framing for the rest of the connection.
          this.mode = 'lf';
          this.carry = Buffer.alloc(0);
          const rest = this.pushLf(Buffer.from(buf));
          return { data: Buffer.concat([...parts, rest.data]), offset: start };
        }
        break;
      }
      const len = Number(buf.toString('latin1', 0, sp));
      if (!/^\d{1,10}$/.test(buf.toString('latin1', 0, sp)) || !Number.isSafeInteger(len)) {
        this.mode = 'lf';
        this.carry = Buffer.alloc(0);
        const rest = this.pushLf(Buffer.from(buf));
        return { data: Buffer.concat([...parts, rest.data]), offset: start };
      }
      const body = buf.subarray(sp + 1);
      if (len > this.maxLineBytes) {
        if (body.length < this.maxLineBytes + 1) break;
        parts.push(oneLine(body.subarray(0, this.maxLineBytes + 1)));
        this.skip = len - (this.maxLineBytes + 1);
        buf = body.subarray(this.maxLineBytes + 1);
        continue;
      }
      if (body.length < len) break;
      parts.push(oneLine(body.subarray(0, len)));
      buf = body.subarray(len);
    }
    this.carry = Buffer.from(buf);
    const data = Buffer.concat(parts);
    this.consumed += data.length;
    return { data, offset: start };
  }
}

function oneLine(msg: Buffer): Buffer {
  const out = Buffer.allocUnsafe(msg.length + 1);
  msg.copy(out);
  for (let i = 0; i < msg.length; i++) if (out[i] === 0x0a || out[i] === 0x0d) out[i] = 0x20;
  out[msg.length] = 0x0a;
  return out;
}

/** A token bucket per sender. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes n tokens; returns 0 when allowed, else the ms to wait before they would be available. */
  take(sender: string, n: number): number {
    const t = this.now();
    let b = this.buckets.get(sender);
    if (!b) {
      if (this.buckets.size > 10_000) this.buckets.clear();
      b = { tokens: this.burst, at: t };
      this.buckets.set(sender, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    if (b.tokens >= n) {
      b.tokens -= n;
      return 0;
    }
    const wait = ((n - b.tokens) / this.perSecond) * 1000;
    b.tokens -= n;
    return wait;
  }
}
