import { beforeAll, describe, expect, it } from 'vitest';
import { loadFaqDir } from '../../src/faq/load.js';
import { FaqIndex } from '../../src/sources/faq.js';
import { SHIPPED_FAQ } from '../helpers/local.js';
import { measureQuality } from '../helpers/quality.js';

let index: FaqIndex;
beforeAll(async () => {
  index = new FaqIndex((await loadFaqDir(SHIPPED_FAQ)).entries);
});

// The bars of the issues, on the shared dev files (copied to test/fixtures) and on a second set of
// queries written apart from the tuning, so the method has to generalise.
describe.each(['dev-queries.tsv', 'holdout-queries.tsv'])('search quality on %s', (file) => {
  it('given every query, then the right entry is first for ≥ 95 %, in the top 5 for ≥ 99 %, and never confidently wrong', () => {
    const q = measureQuality(index, file);
    expect(q.n).toBeGreaterThan(40);
    expect(q.top1, q.misses.join('; ')).toBeGreaterThanOrEqual(0.95);
    expect(q.top5, q.misses.join('; ')).toBeGreaterThanOrEqual(0.99);
    expect(q.confidentWrong, q.misses.join('; ')).toBe(0);
  });
});

describe('search quality on dev-messages.tsv (Answer with FAQ)', () => {
  it('given whole messages, then the right entry is in the menu for ≥ 98 %, first for ≥ 85 %, and none is answered confidently wrong', () => {
    const q = measureQuality(index, 'dev-messages.tsv');
    expect(q.n).toBe(45);
    expect(q.menu, q.misses.join('; ')).toBeGreaterThanOrEqual(0.98);
    expect(q.menuFirst, q.misses.join('; ')).toBeGreaterThanOrEqual(0.85);
    expect(q.confidentWrong, q.misses.join('; ')).toBe(0);
  });
});

describe('search quality on dev-offtopic.tsv', () => {
  it('given questions no entry answers, then at most 1 in 60 gets a public card', () => {
    const q = measureQuality(index, 'dev-offtopic.tsv');
    expect(q.n).toBe(40);
    expect(q.confidentWrong, q.misses.join('; ')).toBeLessThanOrEqual(1 / 60);
  });
});
