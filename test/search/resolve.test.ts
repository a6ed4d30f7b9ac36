import { beforeAll, describe, expect, it } from 'vitest';
import { loadFaqDir } from '../../src/faq/load.js';
import { FaqIndex } from '../../src/search/index.js';
import { autocompleteChoices, didYouMeanText, resolveTopic } from '../../src/search/resolve.js';
import { SHIPPED_FAQ } from '../helpers/local.js';

let index: FaqIndex;
beforeAll(async () => {
  index = new FaqIndex((await loadFaqDir(SHIPPED_FAQ)).entries);
});

describe('autocompleteChoices', () => {
  it('given a query, then choices are question names with id values, at most 25, within 100 chars', () => {
    for (const query of ['', 'credits', 'github one-time code never received email']) {
      const choices = autocompleteChoices(index, query);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(index.entries.some((e) => e.id === c.value)).toBe(true);
      }
    }
    expect(autocompleteChoices(index, 'rate limti')[0]).toEqual({
      name: 'Is there a rate limit?',
      value: 'rate-limit',
    });
  });
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

describe('didYouMeanText', () => {
  it('given suggestions, then it lists them', () => {
    const result = resolveTopic(index, 'credits');
    if (result.kind !== 'no-match') throw new Error('expected no match');
    const text = didYouMeanText(index, 'credits', result.suggestions);
    expect(text).toContain('No exact match for "credits"');
    expect(text).toContain('• Do my credits expire?');
  });

  it('given no suggestion, then it lists the pinned questions instead', () => {
    const text = didYouMeanText(index, 'weather', []);
    expect(text).toContain('Popular questions');
    expect(text).toContain(`• ${index.search('')[0]!.entry.question}`);
  });
});
