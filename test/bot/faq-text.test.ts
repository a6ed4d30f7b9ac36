import { beforeAll, describe, expect, it } from 'vitest';
import { autocompleteChoices, didYouMeanText } from '../../src/bot/faq-text.js';
import { shippedRanking } from '../helpers/ranking.js';
import { loadFaqDir } from '../../src/faq/load.js';
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
  const config = {
    SUPPORT_URL: 'https://example.com/help',
    SUPPORT_CHANNEL_ID: '123456789012345678',
  };

  it('given close answers of several sources, then FAQ questions read as they are and pages are links', async () => {
    const ranking = await shippedRanking();
    const result = ranking.resolve('webhook signature verify');
    if (result.kind !== 'no-match') throw new Error('expected no match');
    const text = didYouMeanText(config, 'webhook signature verify', result.suggestions);
    expect(text).toContain('No exact match for "webhook signature verify"');
    expect(text).toContain(
      '• [Docs: Webhooks](<https://fal.ai/docs/documentation/model-apis/inference/webhooks>)',
    );
  });

  it('given nothing close, then it says nothing answers and where to ask, not a list of noise', () => {
    const text = didYouMeanText(config, 'weather', []);
    expect(text).toContain('Nothing I have answers "weather"');
    expect(text).toContain('<#123456789012345678>');
    expect(text).toContain('https://example.com/help');
    expect(text).not.toContain('•');
  });
});
