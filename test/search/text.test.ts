import { describe, expect, it } from 'vitest';
import { stem, withoutUrls, words } from '../../src/search/text.js';

describe('words', () => {
  it('given the same text read twice and the first result changed by its reader, then the second read is as the text says', () => {
    const first = words('rate limit exceeded');
    first.push('changed');
    first[0] = 'x';
    expect(words('rate limit exceeded')).toEqual(['rate', 'limit', 'exceeded']);
  });

  it('given punctuation, accents and case, then it yields plain lowercase words', () => {
    expect(words('Café: X-Fal-Object-Lifecycle-Preference, HTTP 500+!')).toEqual([
      'cafe',
      'x',
      'fal',
      'object',
      'lifecycle',
      'preference',
      'http',
      '500',
    ]);
  });
});

describe('stem', () => {
  it.each([
    ['requests', 'request'],
    ['request', 'request'],
    ['expired', stem('expire')],
    ['expiration', stem('expire')],
    ['stored', stem('store')],
    ['policies', stem('policy')],
    ['generations', stem('generation')],
    ['generated', stem('generation')],
    ['expiry', stem('expire')],
    ['discounts', 'discount'],
    ['storage', stem('storage')],
    ['queued', stem('queue')],
    ['429', '429'],
  ])('given %s, then it meets %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('withoutUrls', () => {
  it('given Markdown links and bare URLs, then the link text stays and the addresses go', () => {
    expect(
      words(
        withoutUrls(
          'See [the GitHub docs](https://docs.github.com/changing-your-primary-email-address) or https://fal.ai/a-b.',
        ),
      ),
    ).toEqual(['see', 'the', 'github', 'docs', 'or']);
  });
});
