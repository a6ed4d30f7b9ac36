import { describe, expect, it } from 'vitest';
import { stem, words } from '../../src/search/text.js';

describe('words', () => {
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
    ['policies', 'policy'],
    ['discounts', 'discount'],
    ['queued', stem('queue')],
    ['429', '429'],
  ])('given %s, then it meets %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});
