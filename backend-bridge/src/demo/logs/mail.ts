import type { Employee } from '../company';
import { FQDN } from '../office';
import { arrivalLines, submissionLines } from '../render/postfix';
import type { Rng } from '../rng';
import type { Outputs } from './outputs';

const PARTNERS = ['partner.example.com', 'client.example.net', 'supplier.example.org'];

/** Postfix on mail01: messages people send (to colleagues or partners) and receive, with the queue id counter. */
export class MailLog {
  private queueIds = 0x4f1a2b;

  constructor(
    private readonly out: Outputs,
    private readonly people: Employee[],
  ) {}

  /** A message `p` sends: to `to` when given, else to a partner (40 %) or a colleague, of `size` or a usual size. */
  send(p: Employee, t: number, rng: Rng, to?: string, size?: number): void {
    const queueId = this.nextQueueId(rng);
    const pid = 2000 + rng.int(0, 7000);
    const partner = (): string => `${rng.pick(['buyer', 'info', 'sales', 'support', 'tanto'])}@${rng.pick(PARTNERS)}`;
    const recipient = to ?? (rng.chance(0.4) ? partner() : `${rng.pick(this.people).email}`);
    const bytes = size ?? rng.int(3000, 900_000);
    const deliveryId = recipient.endsWith('@example.co.jp') ? rng.hex(22) : rng.hex(10).toUpperCase();
    const client = { host: `${p.host.toLowerCase()}.${FQDN}`, ip: p.ip, account: p.account };
    const lines = submissionLines({ t, queueId, pid, client, from: p.email, to: recipient, size: bytes, deliveryId });
    for (const [at, line] of lines) this.out.mail.add(at, line);
  }

  /** A message from outside for `p`. */
  receive(p: Employee, t: number, rng: Rng): void {
    const queueId = this.nextQueueId(rng);
    const pid = 2000 + rng.int(0, 7000);
    const fromDomain = rng.pick([...PARTNERS, 'news.example.jp']);
    const size = rng.int(2000, 300_000);
    const lines = arrivalLines({ t, queueId, pid, fromDomain, to: p.email, size, sessionId: rng.hex(22) });
    for (const [at, line] of lines) this.out.mail.add(at, line);
  }

  private nextQueueId(rng: Rng): string {
    return (this.queueIds += rng.int(1, 4096)).toString(16).toUpperCase().padStart(10, '0');
  }
}
