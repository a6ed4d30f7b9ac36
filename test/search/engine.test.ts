import { beforeAll, describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../src/faq/entry.js';
import { loadFaqDir } from '../../src/faq/load.js';
import { FaqIndex } from '../../src/sources/faq.js';
import { resolveTopic } from '../../src/search/resolve.js';
import { SHIPPED_FAQ } from '../helpers/local.js';

let faq: FaqIndex;
beforeAll(async () => {
  faq = new FaqIndex((await loadFaqDir(SHIPPED_FAQ)).entries);
});
const first = (index: FaqIndex, query: string) => index.search(query)[0]?.entry.id;
const answered = (query: string) => {
  const r = resolveTopic(faq, query);
  return r.kind === 'entry' ? r.entry.id : null;
};

const entry = (id: string, question: string, answer = 'Nothing more.', keywords: string[] = []) =>
  ({
    id,
    question,
    answer,
    keywords,
    url: 'https://fal.ai/docs',
    category: 'x',
    pinned: false,
  }) as FaqEntry;

describe('each part of the engine', () => {
  it('given a mistyped word, then typo recovery finds the word meant', () => {
    expect(first(faq, 'limti')).toBe('rate-limit');
    expect(first(faq, 'comercial')).toBe('commercial');
  });

  it('given a correctly spelled common word the FAQ lacks, then it is not "corrected" into another', () => {
    // "cost" is one letter from "host" (a keyword of deploy-own), "lease" from "least".
    expect(faq.search('cost').map((h) => h.entry.id)).not.toContain('deploy-own');
    expect(faq.search('lease')).toEqual([]);
  });

  it('given a half-typed last word, then prefix completion finds the words it begins', () => {
    expect(first(faq, 'cold sta')).toBe('cold-starts');
    expect(first(faq, 'invo')).toBe('invoice');
  });

  it('given three words whose initials are a word of the index, then that reading is tried too', () => {
    const index = new FaqIndex([
      entry('svd', 'Fast image animation?', 'Nothing more.', ['svd']),
      entry('other', 'Stable releases?'),
    ]);
    expect(first(index, 'stable video diffusion')).toBe('svd');
  });

  it('given two words glued together, then compound splitting finds both', () => {
    expect(first(faq, 'ratelimit')).toBe('rate-limit');
  });

  it('given the forms of one word, then the stemmer makes them meet', () => {
    expect(first(faq, 'expiry')).toBe('credits-expire');
    expect(faq.search('generations').map((h) => h.entry.id)).toEqual(
      faq.search('generated').map((h) => h.entry.id),
    );
  });

  it('given a word the index lacks but a synonym of it, then the synonym finds the entry, below the word itself', () => {
    const index = new FaqIndex([
      entry('pricing', 'What is the pricing of GPUs?'),
      entry('cost', 'Why does the cost go up?'),
    ]);
    expect(index.search('price').map((h) => h.entry.id)).toEqual(['pricing', 'cost']);
    const [exact, synonym] = index.search('cost');
    expect(exact?.entry.id).toBe('cost');
    expect(synonym?.entry.id).toBe('pricing');
    expect(synonym!.score).toBeLessThan(exact!.score);
  });

  it('given words of a link address in an answer, then they are not indexed as words', () => {
    const index = new FaqIndex([
      entry(
        'a',
        'How do I sign in?',
        'See [the guide](https://docs.example.com/changing-your-primary-email-address).',
      ),
      entry('b', 'Other question?'),
    ]);
    expect(index.search('primary')).toEqual([]);
    expect(first(index, 'guide')).toBe('a');
  });

  it('given a rare word and two common ones, then rarity weighting lets the rare word decide', () => {
    const common = Array.from({ length: 6 }, (_, i) =>
      entry(`c${i}`, `Model speed question ${i}?`),
    );
    const index = new FaqIndex([
      ...common,
      entry('both-common', 'Model speed tips?'),
      entry('rare', 'Webhook retries?'),
    ]);
    expect(first(index, 'model speed webhook')).toBe('rare');
  });

  it('given a word in one question and in another answer, then field weights rank the question first', () => {
    // Alphabetically "Alpha…" would win a tie: only the field weight puts "Zulu…" first.
    const index = new FaqIndex([
      entry('answer-only', 'Alpha question?', 'Mentions webhooks once.'),
      entry('in-question', 'Zulu webhooks?'),
    ]);
    expect(index.search('webhooks').map((h) => h.entry.id)).toEqual(['in-question', 'answer-only']);
  });
});

describe('the confident rule (a public card needs real evidence)', () => {
  it('given a question whose words are in one entry’s question or keywords, then it is answered', () => {
    expect(answered('why am i getting 429')).toBe('rate-limit');
    expect(answered('do credits expire')).toBe('credits-expire');
  });

  it('given words found only in an answer, then no public card', () => {
    // "GPU" is in the deploy-own answer only.
    expect(answered('what gpus do you have')).toBeNull();
  });

  it('given a common word the FAQ does not have beside words it has, then no public card', () => {
    expect(answered('lock the seed between runs')).toBeNull();
    expect(answered('make a public gallery of my generations')).toBeNull();
  });

  it('given a question word and several answer words, then no public card: the answer is not evidence', () => {
    const index = new FaqIndex([
      entry('a', 'Webhook setup?', 'Retries happen with backoff.'),
      entry('b', 'Other question?'),
    ]);
    const [hit] = index.search('webhook retries backoff');
    expect(hit!.score).toBeGreaterThan(0.5); // a score-only rule would post it
    expect(resolveTopic(index, 'webhook retries backoff').kind).toBe('no-match');
  });

  it('given two entries matching about as well, then no public card (ambiguous)', () => {
    const index = new FaqIndex([entry('a', 'Webhook retries?'), entry('b', 'Webhook timeouts?')]);
    const r = resolveTopic(index, 'webhook');
    expect(r.kind).toBe('no-match');
    expect(r.kind === 'no-match' && r.suggestions.map((h) => h.entry.id).sort()).toEqual([
      'a',
      'b',
    ]);
  });
});
