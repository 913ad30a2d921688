import type { UserInfo } from '../observe/observation';
import { newProfile } from '../profile/state';
import { DEFAULT_SETTINGS } from '../settings';
import { saturate } from './day';
import { persistencePart, rememberEvidence } from './persistence';

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

  it('scores bend towards 100 above the knee instead of tying at a cap', () => {
    expect(saturate(45, 60)).toBe(45);
    expect(saturate(120, 60)).toBeGreaterThan(saturate(110, 60));
    expect(saturate(400, 60)).toBeLessThan(100);
  });
});
