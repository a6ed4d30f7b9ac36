import { beforeAll, describe, expect, it } from 'vitest';
import { loadFaqDir } from '../../src/faq/load.js';
import type { FaqEntry } from '../../src/faq/entry.js';
import { isCommonWord } from '../../src/search/common-words.js';
import {
  MAX_QUERY_CHARS,
  MAX_QUERY_WORDS,
  MAX_RESULTS,
  UNKNOWN_COMMON_COUNTED,
} from '../../src/search/index.js';
import { FaqIndex } from '../../src/sources/faq.js';
import { SHIPPED_FAQ } from '../helpers/local.js';
import { typedQueries } from '../helpers/queries.js';

let index: FaqIndex;
const first = (query: string) => index.search(query)[0]?.entry.id;

beforeAll(async () => {
  index = new FaqIndex((await loadFaqDir(SHIPPED_FAQ)).entries);
});

describe('FaqIndex.search over the shipped FAQ', () => {
  it.each([
    ['a typo', 'rate limti', 'rate-limit'],
    ['a transposition', 'comercial use', 'commercial'],
    ['a half-typed last word', 'cold sta', 'cold-starts'],
    ['prefixes of every word', 'cred exp', 'credits-expire'],
    ['another word order', 'limit rate', 'rate-limit'],
    ['only stop words around one word', 'is there any kind of invoice?', 'invoice'],
    ['a plural the text has in singular', 'invoices', 'invoice'],
    ['an error code', '429', 'rate-limit'],
    ['a glued compound', 'ratelimit', 'rate-limit'],
    ['a raw error name', 'content_policy_violation', 'content-policy'],
  ])('given %s (%s), then the right entry comes first', (_, query, expected) => {
    expect(first(query)).toBe(expected);
  });

  it('given an empty query, then pinned entries come first, then the rest', () => {
    const hits = index.search('');
    const pinnedCount = index.entries.filter((e) => e.pinned).length;
    expect(pinnedCount).toBeGreaterThan(0);
    expect(hits.slice(0, pinnedCount).every((h) => h.entry.pinned)).toBe(true);
    expect(hits.slice(pinnedCount).some((h) => h.entry.pinned)).toBe(false);
    expect(hits).toHaveLength(index.entries.length);
  });

  it('given a query of stop words only, then it is treated like an empty one', () => {
    expect(index.search('how do i').map((h) => h.entry.id)).toEqual(
      index.search('').map((h) => h.entry.id),
    );
  });

  it('given gibberish, then nothing matches rather than something random', () => {
    expect(index.search('qqqxxzz')).toEqual([]);
  });

  it('given a word that differs in its first letter, then it is not taken for a typo', () => {
    expect(index.search('cost').map((h) => h.entry.id)).not.toContain('deploy-own');
  });

  it('given any query, then scores are between 0 and 1 and sorted best first', () => {
    for (const query of ['credits', 'rate', 'a', 'github code email']) {
      const scores = index.search(query).map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const s of scores) {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('FaqIndex and the words of a chatty message', () => {
  // Common English words the shipped FAQ never uses: chat, as far as the FAQ can tell.
  const chat = ['friend', 'kitchen', 'yesterday', 'garden', 'cousin', 'umbrella', 'bicycle'];
  const share = (query: string) => index.search(query).find((h) => h.entry.id === 'browser')?.score;

  it('given the chat words, then each is a common word the FAQ lacks', () => {
    expect(chat.filter((w) => !isCommonWord(w) || index.has(w))).toEqual([]);
  });

  const few = chat.slice(0, 3);

  it('given a subject word among three chat words, then each of them weighs against the match in full', () => {
    expect(UNKNOWN_COMMON_COUNTED).toBe(few.length);
    expect(share(['devtools', ...few].join(' '))!).toBeLessThan(
      share('devtools')! / (1 + few.length),
    );
  });

  it('given a subject word among many chat words, then those past the first three hardly weigh', () => {
    const many = share(['devtools', ...chat].join(' '))!;
    expect(many).toBeGreaterThan(0.75 * share(['devtools', ...few].join(' '))!);
  });
});

describe('FaqIndex word cache', () => {
  it('given words already seen (as last word or not), then every result equals a fresh index', () => {
    // Each keystroke prefix of each dev query, then the same queries with the words reordered, so
    // a word comes back both as the word being typed and as an earlier one.
    const queries = typedQueries().flatMap((q) => [q, q.split(' ').reverse().join(' ')]);
    const warm = new FaqIndex(index.entries);
    for (const q of queries) warm.search(q);
    const ids = (i: FaqIndex, q: string) =>
      i.search(q).map((h) => `${h.entry.id} ${h.score.toFixed(6)}`);
    for (const q of queries.filter((_, n) => n % 7 === 0)) {
      expect(ids(warm, q), q).toEqual(ids(new FaqIndex(index.entries), q));
    }
  });
});

describe('FaqIndex limits', () => {
  const many: FaqEntry[] = Array.from({ length: 40 }, (_, i) => ({
    id: `q-${i}`,
    question: `Question number ${i} about credits?`,
    keywords: [],
    url: 'https://fal.ai/docs',
    category: 'x',
    pinned: i % 2 === 0,
    answer: 'Credits.',
  }));

  it('given more than 25 matching entries, then at most 25 are returned', () => {
    const big = new FaqIndex(many);
    expect(big.search('credits')).toHaveLength(MAX_RESULTS);
    expect(big.search('')).toHaveLength(MAX_RESULTS);
  });

  it('given a query with more distinct words than are looked up, then the words past the limit count for nothing', () => {
    const filler = Array.from({ length: MAX_QUERY_WORDS }, (_, i) => `zq${i}x`).join(' ');
    expect(first(`invoice ${filler}`)).toBe('invoice');
    expect(index.search(`${filler} invoice`)).toEqual([]);
  });

  it('given a query longer than is read, then the text past the limit counts for nothing', () => {
    const padding = ' '.repeat(MAX_QUERY_CHARS);
    expect(first(`invoice${padding}`)).toBe('invoice');
    expect(index.search(`${padding}invoice`)).toEqual(index.search(''));
  });

  it('given one word repeated, then it is looked up once and scores as typed once', () => {
    expect(index.search('invoice '.repeat(500))).toEqual(index.search('invoice'));
  });
});
