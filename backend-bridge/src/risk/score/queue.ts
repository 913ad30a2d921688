import { DEFAULT_SETTINGS, type QueueSettings } from '../settings';
import type { UserDay } from './day';

/** A case opened on a day, as the summaries keep it: what the queue needs to carry on from them. */
export interface OpenedCase {
  user: string;
  story: string;
  opened: number;
}

/**
 * What a day's score is about: the strongest reason that is not context (privileged, watchlist, hours of the
 * day, weekend) and not the repetition bonus, by the kind of data or access it names (for standing evidence,
 * the metric it stands on). A user's mail to a private address on Monday and again on Tuesday is one story.
 */
export function storyOf(u: UserDay): string {
  const top = u.reasons.find((r) => !r.code.startsWith('context-') && r.code !== 'persistent-evidence');
  if (!top) return 'other';
  // A quiet day inside a standing story is about the metrics that story scored on.
  const code =
    top.code === 'standing-evidence'
      ? `accumulated-${(JSON.parse(top.baseline) as { metrics: string[] }).metrics[0]}`
      : top.code;
  const what = code.replace(/^(volume|accumulated|first|uncommon)-/, '');
  if (/^(personalMails|personalMailBytes|mailsOut|mail)$/.test(what)) return 'mail';
  if (/^(cloudBytes|personalCloudBytes|webmailBytes|proxyBytes|cloud|url)$/.test(what)) return 'web';
  if (/^(filesRead|distinctFiles|sensitiveReads|share|folder|db)$/.test(what)) return 'files';
  if (what === 'printPages') return 'print';
  return what;
}

/** New cases a day may open: `queueShare` of the users known, rounded, at least one. */
export const queueBudget = (users: number, settings: QueueSettings = DEFAULT_SETTINGS): number =>
  Math.max(1, Math.round(users * settings.queueShare));

const key = (user: string, story: string) => `${user}\u0000${story}`;

/**
 * The review queue: what the analyst is handed each day. A daily ranking alone shows the same leaver on
 * top every day for weeks, and with a budget of 1 % of users the other people's first strong days never
 * reach anyone. So each day the budget's slots go to the highest-scored users (score above 0) who have no
 * open case for the same story; a slot opens a case that stays open `caseDays`. A user with an open case
 * for the story takes no slot: the day's evidence goes into that case, and is shown when it ranks above the
 * day's last new case. This is how SIEM/UEBA case queues run (notables grouped into an open investigation).
 */
export class ReviewQueue {
  /** user + story → the day the case opened. */
  private readonly open = new Map<string, number>();

  constructor(
    readonly settings: QueueSettings = DEFAULT_SETTINGS,
    opened: Iterable<OpenedCase> = [],
  ) {
    for (const c of opened) this.remember(c);
  }

  private remember(c: OpenedCase): void {
    const k = key(c.user, c.story);
    if ((this.open.get(k) ?? -Infinity) < c.opened) this.open.set(k, c.opened);
  }

  /**
   * Puts one day in the queue: `scored` is the day's user-days, highest score first; `users` is how many
   * users the scorer knows (the budget's base). Sets `case` on the user-days shown and remembers the cases
   * opened. Returns the user-days shown, in queue order.
   */
  assign(scored: UserDay[], users: number): UserDay[] {
    let slots = queueBudget(users, this.settings);
    const shown: UserDay[] = [];
    for (const u of scored) {
      if (slots === 0 || u.score <= 0) break;
      const story = storyOf(u);
      const since = this.open.get(key(u.user, story));
      if (since !== undefined && since + this.settings.caseDays > u.day) {
        u.case = { story, status: 'open', opened: since };
      } else {
        u.case = { story, status: 'new', opened: u.day };
        this.remember({ user: u.user, story, opened: u.day });
        slots--;
      }
      shown.push(u);
    }
    return shown;
  }
}
