import type { Mapper } from './map';
import { val } from './model';
import { oneLine, say, setUser } from './text';

const PREFIX = /^microsoft-windows-/;

/** `Service Control Manager` + 7036 → `service-control-manager-7036`. */
export function genericAction(provider: string, eventId: number): string {
  const slug = provider
    .toLowerCase()
    .replace(PREFIX, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug ? `${slug}-${eventId}` : `event-${eventId}`;
}

/** Any event without a dedicated mapper: still a full event, with the rendered message when there is one. */
export const genericEvent: Mapper = (c) => {
  c.out['event.category'] = ['host'];
  c.out['event.type'] = ['info'];
  c.out['event.action'] = genericAction(c.ev.provider, c.ev.eventId);
  const subject = val(c.d, 'SubjectUserName');
  if (subject) {
    setUser(c.out, subject, val(c.d, 'SubjectDomainName'), val(c.d, 'SubjectUserSid'));
  } else if (c.ev.user) {
    setUser(c.out, c.ev.user.name, c.ev.user.domain, c.ev.user.sid);
  }
  const provider = c.ev.provider || c.ev.channel || 'Windows';
  const msg = c.ev.message ? oneLine(c.ev.message.split(/\r?\n/)[0], 200) : undefined;
  const u = c.out['user.name'];
  const tailJa = msg ? `: ${msg}` : '';
  const tailEn = msg ? `: ${msg}` : '';
  if (u) {
    say(
      c.out,
      `${u} が ${c.host} で行った操作により ${provider} のイベント ${c.ev.eventId} が記録されました${tailJa}`,
      `${provider} event ${c.ev.eventId} involving ${u} on ${c.host}${tailEn}`,
    );
  } else {
    say(
      c.out,
      `${c.host} で ${provider} のイベント ${c.ev.eventId} が記録されました${tailJa}`,
      `${provider} event ${c.ev.eventId} on ${c.host}${tailEn}`,
    );
  }
};
