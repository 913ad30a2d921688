// Moved to pipeline/metrics.ts; pipeline/writer.ts still names this path until its pending edit lands.
export { Histogram, Metrics } from '../pipeline/metrics';
