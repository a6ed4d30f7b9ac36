import { beforeAll, describe, expect, it } from 'vitest';
import { loadFaqDir } from '../../src/faq/load.js';
import { FaqIndex } from '../../src/search/index.js';
import { SHIPPED_FAQ } from '../helpers/local.js';
import { fixtureRows } from '../helpers/queries.js';

const rows = (file: string) => fixtureRows(file) as [string, string][];

const labels = new Map(rows('labels.tsv').map(([label, regex]) => [label, new RegExp(regex, 'i')]));

let index: FaqIndex;
beforeAll(async () => {
  index = new FaqIndex((await loadFaqDir(SHIPPED_FAQ)).entries);
});

function measure(file: string) {
  const queries = rows(file);
  let top1 = 0;
  let top5 = 0;
  const misses: string[] = [];
  for (const [query, label] of queries) {
    const expected = labels.get(label);
    if (!expected) throw new Error(`${file}: unknown label ${label}`);
    const rank = index.search(query).findIndex((h) => expected.test(h.entry.question));
    if (rank === 0) top1++;
    else misses.push(`${query} → rank ${rank}`);
    if (rank >= 0 && rank < 5) top5++;
  }
  return { top1: top1 / queries.length, top5: top5 / queries.length, misses, n: queries.length };
}

// The bar of the issue: top-1 ≥ 95 %, top-5 = 100 %, on the shared dev queries and on a
// second set written apart from the tuning, so the method has to generalise.
describe.each(['dev-queries.tsv', 'holdout-queries.tsv'])('search quality on %s', (file) => {
  it('given every query, then the expected entry is first for at least 95 % and in the top 5 for all', () => {
    const result = measure(file);
    expect(result.n).toBeGreaterThan(40);
    expect(result.misses.length <= Math.floor(result.n * 0.05), result.misses.join('; ')).toBe(
      true,
    );
    expect(result.top1).toBeGreaterThanOrEqual(0.95);
    expect(result.top5).toBe(1);
  });
});
