/** A small Prometheus text-format registry: counters and gauges with labels, one histogram kind. */
type Labels = Record<string, string>;

const key = (labels: Labels) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');

class Family {
  readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge',
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  set(labels: Labels, value: number): void {
    this.values.set(key(labels), value);
  }
  get(labels: Labels = {}): number {
    return this.values.get(key(labels)) ?? 0;
  }
}

export class Histogram {
  private readonly counts = new Map<string, number[]>();
  private readonly sums = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: number[],
  ) {}
  observe(labels: Labels, value: number): void {
    const k = key(labels);
    const c = this.counts.get(k) ?? new Array<number>(this.buckets.length + 1).fill(0);
    const i = this.buckets.findIndex((b) => value <= b);
    c[i < 0 ? this.buckets.length : i]++;
    this.counts.set(k, c);
    this.sums.set(k, (this.sums.get(k) ?? 0) + value);
  }
  render(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, c] of this.counts) {
      let cum = 0;
      this.buckets.forEach((b, i) => {
        cum += c[i];
        out.push(`${this.name}_bucket{${k ? `${k},` : ''}le="${b}"} ${cum}`);
      });
      cum += c[this.buckets.length];
      out.push(`${this.name}_bucket{${k ? `${k},` : ''}le="+Inf"} ${cum}`);
      out.push(`${this.name}_sum${k ? `{${k}}` : ''} ${this.sums.get(k)}`);
      out.push(`${this.name}_count${k ? `{${k}}` : ''} ${cum}`);
    }
    return out;
  }
}

export class Metrics {
  private readonly families: Family[] = [];
  readonly received = this.counter('kansa_input_received_events_total', 'Events taken in, per input.');
  readonly bytes = this.counter('kansa_input_received_bytes_total', 'Raw bytes taken in, per input.');
  readonly parseFailures = this.counter(
    'kansa_input_parse_failures_total',
    'Records that could not be parsed (still indexed as parse-failed events), per input.',
  );
  readonly rejected = this.counter(
    'kansa_input_rejected_total',
    'Requests, messages or connections refused, per input and reason (queue_full, storage_error, too_large, unauthorized, rate_limited, connection_limit, idle_timeout).',
  );
  readonly udpDrops = this.counter(
    'kansa_udp_dropped_total',
    'UDP syslog messages the bridge dropped, per reason (queue_full, storage_error, rate_limited); kernel drops are kansa_udp_kernel_dropped_total.',
  );
  readonly truncated = this.counter(
    'kansa_input_truncated_total',
    'Overlong messages truncated and flagged, per input.',
  );
  readonly queueBytes = this.gauge(
    'kansa_queue_depth_bytes',
    'Bytes in the durable queue not yet confirmed by OpenSearch.',
  );
  readonly queueEvents = this.gauge(
    'kansa_queue_depth_events',
    'Events in the durable queue not yet confirmed by OpenSearch.',
  );
  readonly queueCapacity = this.gauge('kansa_queue_capacity_bytes', 'Bound of the durable queue.');
  readonly indexed = this.counter('kansa_output_indexed_total', 'Documents OpenSearch created.');
  readonly duplicates = this.counter(
    'kansa_output_duplicates_total',
    'Documents already present (409 on create): a resend, not a new document.',
  );
  readonly retried = this.counter(
    'kansa_output_retried_total',
    'Document sends retried after 429/5xx or a connection failure.',
  );
  readonly deadLettered = this.counter(
    'kansa_output_dead_lettered_total',
    'Documents the mapping rejected, kept in the dead-letter index.',
  );
  readonly deadLetterFailed = this.counter(
    'kansa_output_dead_letter_failed_total',
    'Attempts to dead-letter a rejected document that the dead-letter index refused too; the document stays in the queue and is retried.',
  );
  readonly outputState = this.gauge(
    'kansa_output_state',
    'State of the OpenSearch output: 1 for the current one (ok, unreachable, refused, dead_letter_failed, queue_read, ack_write).',
  );
  readonly storageErrors = this.counter(
    'kansa_queue_write_errors_total',
    'Appends the durable queue could not write (disk full, no file descriptors), per input; the data was refused, not acknowledged.',
  );
  readonly storageFailing = this.gauge(
    'kansa_queue_write_failing',
    '1 while the durable queue cannot write (intake refused), else 0.',
  );
  readonly connections = this.gauge('kansa_input_connections', 'Open syslog TCP/TLS connections, per input.');
  readonly udpKernelDrops = this.counter(
    'kansa_udp_kernel_dropped_total',
    'Datagrams the kernel dropped for the syslog UDP socket (receive buffer full), from /proc/net/udp{,6}; counts since the socket opened.',
  );
  readonly farTimestamps = this.counter(
    'kansa_input_far_timestamp_events_total',
    'Events whose timestamp is outside translate.timeWindow, indexed by arrival day instead, per input.',
  );
  readonly bulkLatency = new Histogram(
    'kansa_output_bulk_duration_seconds',
    'Duration of bulk requests to OpenSearch.',
    [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );

  counter(name: string, help: string): Family {
    const f = new Family(name, help, 'counter');
    this.families.push(f);
    return f;
  }

  gauge(name: string, help: string): Family {
    const f = new Family(name, help, 'gauge');
    this.families.push(f);
    return f;
  }

  render(): string {
    const out: string[] = [];
    for (const f of this.families) {
      out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
      if (f.values.size === 0 && f.type === 'gauge') out.push(`${f.name} 0`);
      for (const [k, v] of f.values) out.push(`${f.name}${k ? `{${k}}` : ''} ${v}`);
    }
    out.push(...this.bulkLatency.render());
    const mem = process.memoryUsage();
    out.push(
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${mem.rss}`,
    );
    return `${out.join('\n')}\n`;
  }
}
