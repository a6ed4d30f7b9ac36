import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { DISCORD_LIMITS, truncate } from '../cards/limits.js';
import { literal } from '../cards/literal.js';
import type { FaqEntry } from '../faq/entry.js';
import type { FaqIndex, SearchHit, SearchIndex } from './index.js';

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

/** The autocomplete choices for what a member has typed so far. */
export function autocompleteChoices(
  index: FaqIndex,
  typed: string,
): APIApplicationCommandOptionChoice<string>[] {
  return index.search(typed, DISCORD_LIMITS.choices).map(({ entry }) => ({
    name: truncate(entry.question, DISCORD_LIMITS.choiceName),
    value: entry.id,
  }));
}

export type TopicResolution<D = FaqEntry> =
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

/** The ephemeral reply to a topic that matched nothing clearly: the closest questions, else the pinned ones. */
export function didYouMeanText(index: FaqIndex, topic: string, suggestions: SearchHit[]): string {
  const shown = literal(topic, 100);
  const pick = 'Start typing in `topic` and pick a question from the list to post its answer.';
  if (suggestions.length === 0) {
    const popular = index.search('', SUGGESTIONS).map((h) => `• ${h.entry.question}`);
    return `No exact match for "${shown}" in the FAQ. Popular questions:\n${popular.join('\n')}\n\n${pick}`;
  }
  const lines = suggestions.map((s) => `• ${s.entry.question}`);
  return `No exact match for "${shown}". Did you mean:\n${lines.join('\n')}\n\n${pick}`;
}
