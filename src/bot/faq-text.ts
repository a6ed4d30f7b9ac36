import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import type { FaqEntry } from '../faq/entry.js';
import { DISCORD_LIMITS, truncate } from '../discord/limits.js';
import { literal } from '../discord/literal.js';
import type { SearchHit } from '../search/index.js';
import { SUGGESTIONS } from '../search/resolve.js';
import type { FaqIndex } from '../sources/faq.js';

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

/** The ephemeral reply to a topic that matched nothing clearly: the closest questions, else the pinned ones. */
export function didYouMeanText(
  index: FaqIndex,
  topic: string,
  suggestions: SearchHit<FaqEntry>[],
): string {
  const shown = literal(topic, 100);
  const pick = 'Start typing in `topic` and pick a question from the list to post its answer.';
  if (suggestions.length === 0) {
    const popular = index.search('', SUGGESTIONS).map((h) => `• ${h.entry.question}`);
    return `No exact match for "${shown}" in the FAQ. Popular questions:\n${popular.join('\n')}\n\n${pick}`;
  }
  const lines = suggestions.map((s) => `• ${s.entry.question}`);
  return `No exact match for "${shown}". Did you mean:\n${lines.join('\n')}\n\n${pick}`;
}
