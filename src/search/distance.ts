/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("limti" → "limit" is 1). */
export function osaDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prevPrev[j - 2]! + 1);
      }
      row.push(d);
    }
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * How far `typed` is from `word` when `typed` may be a mistyped word or a mistyped beginning
 * of it (someone still typing). Returns the distance and whether only a prefix matched.
 */
export function typoDistance(typed: string, word: string): { distance: number; prefix: boolean } {
  const whole = osaDistance(typed, word);
  let best = { distance: whole, prefix: false };
  for (let len = typed.length - 1; len <= typed.length + 1; len++) {
    if (len < 1 || len >= word.length) continue;
    const d = osaDistance(typed, word.slice(0, len));
    if (d < best.distance) best = { distance: d, prefix: true };
  }
  return best;
}
