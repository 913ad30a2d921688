import type { UserInfo } from '../observe/observation';
import { newProfile } from '../profile/state';
import { DEFAULT_SETTINGS } from '../settings';
import { saturate } from './day';
import { persistencePart, rememberEvidence, standingPart } from './persistence';

const s = { ...DEFAULT_SETTINGS, holidays: new Set<string>() };
const info: UserInfo = { department: 'Dev', privileged: false, watchlist: false };
const reason = (code: string, contribution: number) => ({ code, en: code, ja: code, contribution, baseline: '{}' });

describe('persistent evidence', () => {
  it('a one-off volume day gets nothing; the same metric on earlier days adds in proportion, full from persistenceFullDays', () => {
    const p = newProfile('u1', info);
    expect(persistencePart(p, 100, [{ code: 'volume-printPages', points: 30 }], s)).toBeUndefined();
    rememberEvidence(p, 98, [reason('accumulated-printPages', 20), reason('first-share', 40)], s);
    rememberEvidence(p, 99, [reason('volume-cloudBytes', 10)], s);
    const two = persistencePart(
      p,
      100,
      [
        { code: 'accumulated-printPages', points: 30 },
        { code: 'first-share', points: 50 },
      ],
      s,
    )!;
    // One earlier day of printing of the 5 for full weight: 30 · 0.5 · 1/5.
    expect(two.points).toBeCloseTo(3, 5);
    expect(two.code).toBe('persistent-evidence');
    expect(two.baseline).toMatchObject({ windowDays: 14, metrics: [{ metric: 'printPages', earlierDays: 1 }] });
    for (let d = 90; d < 98; d++) rememberEvidence(p, d, [reason('volume-printPages', 5)], s);
    expect(persistencePart(p, 100, [{ code: 'volume-printPages', points: 30 }], s)!.points).toBeCloseTo(
      30 * s.persistenceWeight,
      5,
    );
  });

  it('evidence older than the window is forgotten, so it no longer counts', () => {
    const p = newProfile('u1', info);
    rememberEvidence(p, 10, [reason('volume-cloudBytes', 10)], s);
    rememberEvidence(p, 10 + s.persistenceDays, [], s);
    expect(p.evidence).toEqual([]);
    expect(persistencePart(p, 11 + s.persistenceDays, [{ code: 'volume-cloudBytes', points: 20 }], s)).toBeUndefined();
  });

  it('a quiet day inside a story that scored on standingMinDays of the last standingDays keeps part of it', () => {
    const st = { ...s, standingDays: 7, standingMinDays: 3, standingWeight: 0.5 };
    const p = newProfile('u1', info);
    rememberEvidence(p, 96, [reason('accumulated-personalMails', 30)], st);
    rememberEvidence(p, 97, [reason('accumulated-personalMailBytes', 40), reason('context-watchlist', 25)], st);
    // Two days are not yet a standing story.
    expect(standingPart(p, 98, [], st)).toBeUndefined();
    rememberEvidence(p, 98, [reason('volume-personalMails', 20)], st);
    expect(p.evidence!.map((e) => e.points)).toEqual([30, 40, 20]);
    const quiet = standingPart(p, 99, [{ code: 'first-share', points: 10 }], st)!;
    expect(quiet.code).toBe('standing-evidence');
    // The median of the days' strongest contributions, times the weight.
    expect(quiet.points).toBeCloseTo(30 * st.standingWeight, 5);
    expect(quiet.baseline).toMatchObject({ days: 3, windowDays: st.standingDays, medianPoints: 30 });
    expect(quiet.en).toContain('not repeated today');
    // A day that scores on the same story has its own reasons (and persistence), not this one.
    expect(standingPart(p, 99, [{ code: 'accumulated-personalMails', points: 35 }], st)).toBeUndefined();
    // It is not evidence itself: it ends standingDays after the last day that scored.
    rememberEvidence(p, 99, [{ ...reason('standing-evidence', 21) }], st);
    expect(p.evidence).toHaveLength(3);
    expect(standingPart(p, 96 + st.standingDays - 1, [], st)).toBeDefined();
    expect(standingPart(p, 96 + st.standingDays, [], st)).toBeUndefined();
  });

  it('scores bend towards 100 above the knee instead of tying at a cap', () => {
    expect(saturate(45, 60)).toBe(45);
    expect(saturate(120, 60)).toBeGreaterThan(saturate(110, 60));
    expect(saturate(400, 60)).toBeLessThan(100);
  });
});
