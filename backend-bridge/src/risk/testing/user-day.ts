import type { UserDay } from '../score/day';

const reason = (code: string, contribution: number) => ({ code, en: code, ja: code, contribution, baseline: '{}' });

/**
 * A scored user-day whose strongest reason that is neither context nor repetition is `code`, between a
 * watchlist context and the repetition bonus: the shape the review queue reads a story from.
 */
export const userDay = (user: string, day: number, score: number, code: string): UserDay => ({
  user,
  info: { department: 'D', privileged: false, watchlist: false },
  day,
  score,
  confidence: 1,
  reasons: [reason('context-watchlist', score / 3), reason(code, score / 2), reason('persistent-evidence', score / 6)],
  events: 1,
  marks: [],
  lastSeen: 0,
});
