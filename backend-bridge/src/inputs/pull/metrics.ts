import type { Metrics } from '../../pipeline/metrics';

/** The pull inputs' own series, registered once per Metrics (both sources share them, labelled by input). */
export interface PullMetrics {
  polls: ReturnType<Metrics['counter']>;
  records: ReturnType<Metrics['counter']>;
  errors: ReturnType<Metrics['counter']>;
  retries: ReturnType<Metrics['counter']>;
  cursor: ReturnType<Metrics['gauge']>;
}

const registered = new WeakMap<Metrics, PullMetrics>();

export function pullMetrics(metrics: Metrics): PullMetrics {
  let m = registered.get(metrics);
  if (!m) {
    m = {
      polls: metrics.counter(
        'kansa_pull_polls_total',
        'Polls of a pulled API, per input and stream (content type or application).',
      ),
      records: metrics.counter(
        'kansa_pull_records_total',
        'Records pulled and stored in the queue, per input and stream.',
      ),
      errors: metrics.counter(
        'kansa_pull_errors_total',
        'Polls that failed (after retries), per input, stream and HTTP status (0: connection, timeout or bound); the next poll starts again from the cursor.',
      ),
      retries: metrics.counter(
        'kansa_pull_retries_total',
        'Requests retried, per input and reason (429, 503, 5xx, network, 401 = token refreshed).',
      ),
      cursor: metrics.gauge(
        'kansa_pull_cursor_seconds',
        'Unix time up to which a stream has stored everything (its cursor), per input and stream.',
      ),
    };
    registered.set(metrics, m);
  }
  return m;
}
