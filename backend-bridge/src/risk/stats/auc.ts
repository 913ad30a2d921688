export interface Labelled {
  score: number;
  positive: boolean;
}

/** ROC-AUC by the rank-sum (Mann–Whitney) formula; ties count one half. NaN without both classes. */
export function rocAuc(items: readonly Labelled[]): number {
  const s = [...items].sort((a, b) => a.score - b.score);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j < s.length && s[j].score === s[i].score) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (s[k].positive) rankSum += midRank;
    i = j;
  }
  for (const x of s) {
    if (x.positive) pos++;
    else neg++;
  }
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** PR-AUC as average precision: the mean of the precision at each positive, tied scores taken as one step. */
export function prAuc(items: readonly Labelled[]): number {
  const s = [...items].sort((a, b) => b.score - a.score);
  const pos = s.filter((x) => x.positive).length;
  if (pos === 0) return NaN;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let i = 0; i < s.length;) {
    let j = i;
    let tpStep = 0;
    while (j < s.length && s[j].score === s[i].score) {
      if (s[j].positive) tpStep++;
      j++;
    }
    tp += tpStep;
    seen = j;
    ap += tpStep * (tp / seen);
    i = j;
  }
  return ap / pos;
}
