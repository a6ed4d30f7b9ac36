import { stemmer as porter } from 'stemmer';
import { eng } from 'stopword';

/**
 * Text normalisation shared by the index and the queries, so both sides agree on what a
 * "word" is: lowercase, accents folded, punctuation split, stop words dropped, Porter stemming.
 */

/**
 * Words that say nothing about which answer is meant: the `stopword` package's English list, and
 * what it leaves out that people type in questions (pronouns, auxiliaries, question words, chat).
 */
const STOP_WORDS = new Set([
  ...eng,
  ...(
    'a an the is are was were be been being am do does did doing i me my mine we our us you your ' +
    'it its this that these those there here to of for in on at by with from as into about ' +
    'and or but if so than then can could should would will shall may might must have has had ' +
    'what when where why how which who whom whose any some all much many get got getting gets ' +
    'please pls plz hi hello hey thanks thx guys know tell lol not ' +
    'fal ai'
  ).split(' '),
]);

/**
 * Words that are the same word spelled otherwise, mapped before stemming: spellings (licence),
 * and nouns the Porter stemmer keeps apart from their verb (expiry / expire). Different words that
 * mean the same thing ("sdk" / "client") are `synonyms.ts`'s, and count a little less.
 */
const SPELLINGS: Record<string, string> = {
  licence: 'license',
  nextjs: 'next',
  expiry: 'expire',
  expiries: 'expire',
};

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Lowercased, accent-free words of `text`, in order, stop words included. */
export function words(text: string): string[] {
  // A message is read by several parts of the ranking in turn: the last few are remembered.
  const known = RECENT_WORDS.get(text);
  if (known) return known.slice();
  const read = readWords(text);
  if (RECENT_WORDS.size >= 8) RECENT_WORDS.delete(RECENT_WORDS.keys().next().value!);
  RECENT_WORDS.set(text, read);
  return read.slice();
}

/** The words of the last texts read (see `words`). */
const RECENT_WORDS = new Map<string, string[]>();

function readWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      // A dot between digits is part of a version ("1.1", "v2.5"); any other dot separates words.
      .split(/[^\p{L}\p{N}.]+|(?<!\p{N})\.|\.(?!\p{N})/u)
      .filter((w) => w.length > 0 && w.length <= 40)
  );
}

/**
 * The Porter stem (the `stemmer` package), so that plural, singular and verb forms meet
 * (requests / request, generations / generated / generation, expired / expiration). Numbers and
 * words with digits (error codes, model names) stay as typed.
 */
export function stem(word: string): string {
  let stemmed = STEMS.get(word);
  if (stemmed === undefined) {
    const w = SPELLINGS[word] ?? word;
    // Porter keeps the final e of some words and not of their forms (queue / queued → queu):
    // without it both meet.
    stemmed = /\d/.test(w) ? w : porter(w).replace(/(?<=...)e$/, '');
    if (STEMS.size >= STEM_CACHE_SIZE) STEMS.clear();
    STEMS.set(word, stemmed);
  }
  return stemmed;
}

/** Porter runs a dozen regular expressions a word; the words people type repeat, keystroke after keystroke. */
const STEMS = new Map<string, string>();
const STEM_CACHE_SIZE = 20_000;

/**
 * Text as it reads, without link targets: a URL's slug is not something the page says
 * (`changing-your-primary-email-address` in a link is no answer about changing an email).
 */
export function withoutUrls(markdown: string): string {
  return markdown.replace(/\]\([^)\s]*\)/g, ']').replace(/<?https?:\/\/[^\s)>]+>?/g, ' ');
}
