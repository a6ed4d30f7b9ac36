import { beforeAll, describe, expect, it } from 'vitest';
import { autocompleteChoices, didYouMeanText } from '../../src/bot/faq-text.js';
import { loadFaqDir } from '../../src/faq/load.js';
import { resolveTopic } from '../../src/search/resolve.js';
import { FaqIndex } from '../../src/sources/faq.js';
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
