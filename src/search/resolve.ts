import type { SearchHit, SearchIndex } from './index.js';

/**
 * A free-text topic is answered publicly only with evidence: at least this share of what it says
 * matched in the best entry's question or keywords (a stray word of an answer is not evidence)...
 */
export const CONFIDENT_STRENGTH = 0.5;
/** ...and the best match must lead the next one by this much (else the question is ambiguous). */
export const CONFIDENT_MARGIN = 0.1;
export const SUGGESTIONS = 5;
/** Weaker than this is noise, not a suggestion worth showing. */
export const SUGGESTION_FLOOR = 0.2;
/**
 * The Answer-with-FAQ menu keeps the matches at least this fraction as good as the best: a
 * message's score is spread over everything it says, so a fixed floor would empty the menu.
 */
export const MENU_RELATIVE_CUT = 0.3;
/** Below this, even the best match of a message is unrelated: the menu says nothing matches. */
export const MENU_FLOOR = 0.05;

export type TopicResolution<D> =
  | { kind: 'entry'; entry: D; via: 'id' | 'search' }
  | { kind: 'no-match'; suggestions: SearchHit<D>[] };

/**
 * What the submitted `topic` means: a chosen autocomplete value is an id; anything else is
 * text typed without picking, answered only when one entry clearly matches.
 */
export function resolveTopic<D>(index: SearchIndex<D>, topic: string): TopicResolution<D> {
  const trimmed = topic.trim();
  const byId = index.get(trimmed);
  if (byId) return { kind: 'entry', entry: byId, via: 'id' };
  const hits = index.search(trimmed, SUGGESTIONS);
  const [best, next] = hits;
  if (
    best &&
    best.strength >= CONFIDENT_STRENGTH &&
    (!next || best.score - next.score >= CONFIDENT_MARGIN)
  ) {
    return { kind: 'entry', entry: best.entry, via: 'search' };
  }
  return { kind: 'no-match', suggestions: hits.filter((h) => h.score >= SUGGESTION_FLOOR) };
}

/** Options "Answer with FAQ" offers for a message: the best matches, best first. */
export function answerMenu<D>(index: SearchIndex<D>, message: string): SearchHit<D>[] {
  const hits = index.search(message, SUGGESTIONS);
  const best = hits[0]?.score ?? 0;
  if (best < MENU_FLOOR) return [];
  return hits.filter((h) => h.score >= best * MENU_RELATIVE_CUT);
}
