import type { Observation } from './observation';

/**
 * Joins a day's Postfix lines by queue id: the submission observation of the sender gets the message's
 * size (qmgr "from=…, size=") and recipients (smtp "to=") so sender, recipients and size meet in one
 * record. The user-less lines are consumed; a message whose lines straddle local midnight keeps only
 * what its submission's day saw (rare: a message is usually delivered within seconds).
 */
export function joinMail(obs: readonly Observation[]): Observation[] {
  const parts = new Map<string, { size?: number; to: Set<string> }>();
  const out: Observation[] = [];
  for (const o of obs) {
    if (o.user !== '') {
      out.push(o);
      continue;
    }
    if (!o.mail) continue;
    let p = parts.get(o.mail.qid);
    if (!p) parts.set(o.mail.qid, (p = { to: new Set() }));
    if (o.mail.size !== undefined) p.size = o.mail.size;
    for (const t of o.mail.to ?? []) p.to.add(t);
  }
  if (parts.size === 0) return out;
  return out.map((o) => {
    const p = o.mail && parts.get(o.mail.qid);
    if (!p) return o;
    return { ...o, mail: { qid: o.mail!.qid, ...(p.size !== undefined ? { size: p.size } : {}), to: [...p.to] } };
  });
}

/** The domain of an address when it is a personal mail service's (or a subdomain of one). */
export function personalDomain(address: string, domains: ReadonlySet<string>): string | undefined {
  const d = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  for (let x = d; x.includes('.'); x = x.slice(x.indexOf('.') + 1)) if (domains.has(x)) return x;
  return undefined;
}
