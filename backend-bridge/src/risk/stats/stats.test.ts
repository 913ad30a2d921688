import { rocAuc, prAuc } from './auc';
import { hourOfWeek, smoothedShare, HOURS_PER_WEEK } from './cyclic';
import { decayFactor, peerRarity, userNovelty } from './rarity';
import { mad, median, quantile, robustDeviation } from './robust';

describe('robust statistics', () => {
  it('median, MAD and quantiles by hand', () => {
    expect(median([1, 3, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([])).toBe(0);
    // |x − 3| = 2,1,0,1,97 → median 1: the outlier does not move it.
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    // sorted 0,0,0,0,10: position 3.6 → 0 + 0.6·10.
    expect(quantile([0, 10, 0, 0, 0], 0.9)).toBeCloseTo(6, 10);
  });

  it('robust z: MAD = 0 falls back to the p90 tail, then to the minimum scale', () => {
    // median 10, MAD 0, p90 = 11.2 → tail (11.2 − 10)/1.2816 = 0.936 < minScale 1.
    const d = robustDeviation(20, [10, 10, 12, 8, 10], 1);
    expect(d).toMatchObject({ median: 10, mad: 0, scale: 1, z: 10, days: 5 });
    // A sparse habit: prints 0 on most days, 20–30 pages on some → the tail sets the scale.
    const p = robustDeviation(25, [0, 0, 0, 20, 0, 0, 30, 0, 0, 0], 10);
    // p90: sorted …,0,20,30 → position 8.1 → 20 + 0.1·10 = 21 → scale 21/1.2816 = 16.39.
    expect(p.scale).toBeCloseTo(21 / 1.2816, 6);
    expect(p.z).toBeCloseTo(25 / (21 / 1.2816), 6);
    // With spread: 1.4826·MAD wins. values 10,12,14,16,18 → median 14, MAD 2 → scale 2.9652.
    expect(robustDeviation(20, [10, 12, 14, 16, 18], 1).scale).toBeCloseTo(2.9652, 4);
  });
});

describe('rarity', () => {
  it('decays by half over one half-life', () => {
    expect(decayFactor(30, 30)).toBeCloseTo(0.5, 12);
    expect(decayFactor(0, 30)).toBe(1);
  });

  it('first time, uncommon and habitual for the user', () => {
    const o = { firstWindowDays: 90, uncommonShare: 0.1 };
    expect(userNovelty(0, undefined, 20, o)).toEqual({ novelty: 1, kind: 'first' });
    // Last seen 100 days ago: outside the first-time window, new again.
    expect(userNovelty(1, 100, 20, o).kind).toBe('first');
    // Seen on 1 of 20 active days = 5 %, half the uncommon share → novelty 0.5·(1 − 0.5).
    expect(userNovelty(1, 3, 20, o)).toEqual({ novelty: 0.25, kind: 'uncommon' });
    expect(userNovelty(2, 1, 20, o)).toEqual({ novelty: 0, kind: 'habitual' });
  });

  it('rare for the peer group', () => {
    expect(peerRarity(0, 10, 0.3)).toBe(1);
    expect(peerRarity(1, 10, 0.3)).toBeCloseTo(1 - 0.1 / 0.3, 12);
    expect(peerRarity(3, 10, 0.3)).toBe(0);
    expect(peerRarity(5, 0, 0.3)).toBe(1);
  });
});

describe('time of week, as a cycle', () => {
  it('hour of week in local time', () => {
    // 2026-10-27 15:10 JST is a Tuesday: 2·24 + 15.
    expect(hourOfWeek(Date.parse('2026-10-27T06:10:00Z'), 9 * 3600_000)).toBe(63);
    // Sunday 00:30 JST is Saturday 15:30 UTC: hour 0 of the week.
    expect(hourOfWeek(Date.parse('2026-10-24T15:30:00Z'), 9 * 3600_000)).toBe(0);
  });

  it('smoothed share by hand', () => {
    const h = new Array(HOURS_PER_WEEK).fill(0);
    h[34] = 10; // Monday 10:00
    // own = 0.5·10; other weekdays at 10:00 are 0 → local = 0.6·5 = 3; (3 + 1/168)/(10 + 1).
    expect(smoothedShare(h, 34)).toBeCloseTo((3 + 1 / 168) / 11, 12);
    // Tuesday 10:00 borrows from Monday through the same-kind term: 0.4·(0.5·10/4).
    expect(smoothedShare(h, 58)).toBeCloseTo((0.4 * (5 / 4) + 1 / 168) / 11, 12);
  });

  it('Saturday 23:00 is next to Sunday 00:00', () => {
    const h = new Array(HOURS_PER_WEEK).fill(0);
    h[0] = 8;
    // own = 0.25·h[0] = 2 → local 0.6·2 = 1.2; (1.2 + 1/168)/(8 + 1).
    expect(smoothedShare(h, 167)).toBeCloseTo((1.2 + 1 / 168) / 9, 12);
  });
});

describe('ROC-AUC and PR-AUC', () => {
  it('by hand', () => {
    const items = [
      { score: 3, positive: true },
      { score: 2, positive: false },
      { score: 1, positive: true },
      { score: 0, positive: false },
    ];
    // Pairs (pos > neg): 3>2, 3>0, 1>0; 1<2 → 3/4.
    expect(rocAuc(items)).toBeCloseTo(0.75, 12);
    // Precision at each positive: 1/1, 2/3 → mean 5/6.
    expect(prAuc(items)).toBeCloseTo(5 / 6, 12);
    expect(
      rocAuc([
        { score: 1, positive: true },
        { score: 1, positive: false },
      ]),
    ).toBe(0.5);
    expect(rocAuc([{ score: 1, positive: true }])).toBeNaN();
  });
});
