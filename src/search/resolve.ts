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
