import { stem } from './text.js';

/**
 * Words that name the same thing in a developer's question and in the docs, which no stemmer
 * joins: "python sdk" is the client library, "how much does it cost" is pricing, "failed
 * requests" are request errors. Each group is one meaning; a typed word also finds the other words
 * of its groups, a little less surely than itself (see `SYNONYM_SIMILARITY`). General thesauri
 * were tried and do harm here ("cost" → "be", "pick" → "pluck"), so this is a short list written
 * for a developer platform's vocabulary, not for any one page.
 */
const GROUPS: readonly string[] = [
  'choose pick select',
  'cost price pricing billing charge pay',
  'sdk client library',
  'error fail failure',
  'docker container',
  'delete remove erase',
  'startup boot start',
  'slow cold',
  'load preload warm warmup',
  'speed latency fast',
  'env environment',
  'organization org',
  'credential key token',
  'webhook callback',
  'abort cancel',
  'quota limit',
  'js javascript',
  'py python',
  'gpu machine hardware compute',
  'smaller shrink reduce',
  'monitor observability metric',
  'repo repository',
  'expire vanish disappear',
  'config configure configuration setting',
];

/** How sure a word's synonym is, against 1 for the word itself and about 0.8 for a typo of it. */
export const SYNONYM_SIMILARITY = 0.75;

const BY_TERM = new Map<string, string[]>();
for (const group of GROUPS) {
  const members = group.split(' ');
  for (const member of members) {
    const term = stem(member);
    const others = members.filter((m) => m !== member).map(stem);
    BY_TERM.set(term, [...new Set([...(BY_TERM.get(term) ?? []), ...others])]);
  }
}

/** The terms (stemmed) that mean what `term` means, itself excluded. */
export function synonymsOf(term: string): readonly string[] {
  return BY_TERM.get(term) ?? [];
}
