import type { AnnotationEvent, DataFrame, Field } from '@grafana/data';

function fieldNamed(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

function labelsOf(raw: unknown): Record<string, unknown> {
  if (typeof raw === 'string') {
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
}

/** Tags "field:value" from a log line's labels; array values give one tag each. */
export function labelTags(raw: unknown, only?: string[]): string[] {
  const labels = labelsOf(raw);
  const keys = only?.length ? only.filter((k) => k in labels) : Object.keys(labels).sort();
  return keys.flatMap((key) => {
    const value = labels[key];
    const values = Array.isArray(value) ? value : [value];
    return values
      .filter((v) => v !== null && v !== undefined && v !== '')
      .map((v) => `${key}:${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  });
}

/**
 * Annotations from the backend's log frames: the time from `timestamp`, the text from `body` (the readable
 * sentence in the query's language), tags from `labels` (only the `tagFields` when given), and the event id so
 * that Grafana does not show one event twice.
 */
export function logFramesToAnnotations(frames: DataFrame[], tagFields?: string[]): AnnotationEvent[] {
  const events: AnnotationEvent[] = [];
  for (const frame of frames) {
    const time = fieldNamed(frame, 'timestamp');
    if (!time) {
      continue;
    }
    const body = fieldNamed(frame, 'body');
    const labels = fieldNamed(frame, 'labels');
    const id = fieldNamed(frame, 'id');
    for (let row = 0; row < frame.length; row++) {
      const at = time.values[row];
      const ms = typeof at === 'number' ? at : new Date(at).getTime();
      if (!Number.isFinite(ms)) {
        continue;
      }
      events.push({
        id: id ? String(id.values[row]) : undefined,
        time: ms,
        text: body ? String(body.values[row] ?? '') : '',
        tags: labels ? labelTags(labels.values[row], tagFields) : [],
      });
    }
  }
  return events.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
}
