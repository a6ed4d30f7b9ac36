import { beforeAll, describe, expect, it } from 'vitest';
import { loadFaqDir } from '../../src/faq/load.js';
import { resolveTopic } from '../../src/search/resolve.js';
import { FaqIndex } from '../../src/sources/faq.js';
import { SHIPPED_FAQ } from '../helpers/local.js';

let index: FaqIndex;
beforeAll(async () => {
  index = new FaqIndex((await loadFaqDir(SHIPPED_FAQ)).entries);
});

describe('resolveTopic', () => {
  it('given a chosen id, then that entry', () => {
    expect(resolveTopic(index, 'cold-starts')).toMatchObject({
      kind: 'entry',
      via: 'id',
      entry: { id: 'cold-starts' },
    });
  });

  it('given clear free text, then the best match', () => {
    expect(resolveTopic(index, 'do i pay for cold starts')).toMatchObject({
      kind: 'entry',
      via: 'search',
      entry: { id: 'cold-starts' },
    });
  });

  it('given ambiguous free text, then no match with the close questions', () => {
    const result = resolveTopic(index, 'credits');
    expect(result.kind).toBe('no-match');
    if (result.kind === 'no-match') {
      expect(result.suggestions.map((s) => s.entry.id)).toEqual(
        expect.arrayContaining(['credits-expire', 'credits-run-out']),
      );
    }
  });

  it('given unrelated text, then no match and no suggestion', () => {
    expect(resolveTopic(index, 'weather in paris')).toEqual({ kind: 'no-match', suggestions: [] });
  });
});
