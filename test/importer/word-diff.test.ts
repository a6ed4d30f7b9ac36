import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../src/importer/word-diff.js';

describe('wordDiff', () => {
  it('given one changed phrase in a long text, then only it and a little context are shown', () => {
    const before =
      'The rate limit for the API is 2 concurrent tasks per user, across all endpoints and everything else.';
    const after =
      'The rate limit for the API is 2 to 40 concurrent requests per user, across all endpoints and everything else.';
    expect(wordDiff(before, after)).toBe(
      '… API is 2 {+to 40+} concurrent [-tasks-] {+requests+} per user, across …',
    );
  });

  it('given identical texts, then no change is marked', () => {
    expect(wordDiff('same words here', 'same words here')).not.toMatch(/\[-|\{\+/);
  });
});
