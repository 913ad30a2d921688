import { fillRelated } from '../../translate/finish';
import type { KansaEvent, Stage } from '../../translate/types';

const MAX_OPEN_SESSIONS = 50_000;

/**
 * logind names the user only when a session starts; "Session 5 logged out." and "Removed session 5."
 * carry just the id. This stage remembers (host, session) → user so the end of a session has its
 * user, which the attendance timeline needs.
 */
export class LogindSessionStage implements Stage {
  readonly counts = { in: 0, out: 0 };
  private readonly users = new Map<string, string>();

  push(event: KansaEvent): KansaEvent[] {
    if (event['kansa.source_type'] !== 'logind') return [event];
    const sid = (event['kansa.raw'] as Record<string, unknown> | undefined)?.session_id;
    const host = event['host.name'];
    if (typeof sid !== 'string' || typeof host !== 'string') return [event];
    const key = `${host}\0${sid}`;
    const action = event['event.action'];
    if (action === 'session-created' && typeof event['user.name'] === 'string') {
      if (this.users.size >= MAX_OPEN_SESSIONS) this.users.delete(this.users.keys().next().value as string);
      this.users.set(key, event['user.name']);
      return [event];
    }
    const user = this.users.get(key);
    if (!user || event['user.name'] !== undefined) return [event];
    if (action === 'session-logged-out') {
      event['user.name'] = user;
      event['kansa.session.transition'] = 'end';
      event['kansa.message.ja'] = `${user} が ${host} からログアウトしました(セッション ${sid})`;
      event['kansa.message.en'] = `${user} logged out of ${host} (session ${sid})`;
      fillRelated(event);
    } else if (action === 'session-removed') {
      event['user.name'] = user;
      event['kansa.message.ja'] = `${user} が ${host} で使っていたセッション ${sid} が削除されました`;
      event['kansa.message.en'] = `Session ${sid} of ${user} was removed on ${host}`;
      fillRelated(event);
      this.users.delete(key);
    }
    return [event];
  }

  flush(): KansaEvent[] {
    return [];
  }
}
