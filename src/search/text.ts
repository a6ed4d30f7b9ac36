/**
 * Text normalisation shared by the index and the queries, so both sides agree on what a
 * "word" is: lowercase, accents folded, punctuation split, stop words dropped, light stemming.
 */

const STOP_WORDS = new Set(
  (
    'a an the is are was were be been being am do does did doing i me my mine we our us you your ' +
    'it its this that these those there here to of for in on at by with from as into about ' +
    'and or but if so than then can could should would will shall may might must have has had ' +
    'what when where why how which who whom whose any some all much many get got ' +
    'please pls plz hi hello hey thanks thx guys does know tell ' +
    'fal ai'
  ).split(' '),
);

/** Words people type that name the same thing differently; mapped before stemming. */
const SYNONYMS: Record<string, string> = {
  licence: 'license',
  nextjs: 'next',
};

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Lowercased, accent-free words of `text`, in order, stop words included. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && w.length <= 40);
}

/**
 * A light suffix stripper: enough to make plural/singular and common verb forms meet
 * (requests/request, expired/expire/expiration, stored/store), cheap enough for every keystroke.
 */
export function stem(word: string): string {
  let w = SYNONYMS[word] ?? word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}
