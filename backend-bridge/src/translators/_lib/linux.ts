/** Pieces every Linux syslog program translator uses (sshd, pam, sudo, su, shadow-utils, logind, …). */
import type { KansaEvent } from '../../translate/types';

/** Syslog-side base fields every Linux program event carries. */
export function baseEvent(sourceType: string, module: string, dataset: string): KansaEvent {
  return {
    'event.kind': 'event',
    'event.module': module,
    'event.dataset': dataset,
    'kansa.source_type': sourceType,
  };
}

/**
 * rsyslog's repeat compression: `message repeated 3 times: [ Failed password for …]`. Returns the
 * inner message and the count (1 when the message is not a repeat line).
 */
export function unwrapRepeated(message: string): { text: string; count: number } {
  if (!message.startsWith('message repeated ')) {
    return { text: message, count: 1 };
  }
  const timesAt = message.indexOf(' times: [', 17);
  if (timesAt < 0) {
    return { text: message, count: 1 };
  }
  const count = Number(message.slice(17, timesAt));
  if (!Number.isInteger(count) || count < 1) {
    return { text: message, count: 1 };
  }
  let inner = message.slice(timesAt + 9);
  if (inner.endsWith(']')) {
    inner = inner.slice(0, -1);
  }
  return { text: inner.trim(), count };
}

/** Sets user.name only when it is a real, non-empty account name. */
export function setUser(
  ev: KansaEvent,
  name: string | undefined,
  field: 'user.name' | 'user.target.name' | 'user.effective.name' = 'user.name',
): void {
  if (name !== undefined && name !== '' && name !== '?' && name !== '(unknown)') {
    ev[field] = name;
  }
}
