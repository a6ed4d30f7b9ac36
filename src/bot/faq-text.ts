import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { DISCORD_LIMITS, truncate } from '../discord/limits.js';
import { linkLine, literal } from '../discord/literal.js';
import type { Config } from '../config.js';
import type { MenuResult, RankedHit } from '../ranking/ranking.js';
import type { FaqIndex } from '../sources/faq.js';
import type { AnySource, Document } from '../sources/source.js';

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

/** A ranked document as a menu option or a did-you-mean line names it: its source's command first. */
export function optionLabel(hit: { source: AnySource; document: Document }): string {
  const title = hit.source.title(hit.document);
  const command = hit.source.command?.name;
  return command ? `${command[0]!.toUpperCase()}${command.slice(1)}: ${title}` : title;
}

/** Where a member is sent when the bot has nothing: the operator's support link and channel. */
export function whereToAsk(config: Pick<Config, 'SUPPORT_URL' | 'SUPPORT_CHANNEL_ID'>): string {
  const channel = config.SUPPORT_CHANNEL_ID ? `ask in <#${config.SUPPORT_CHANNEL_ID}> or ` : '';
  return `A person can help: ${channel}see ${config.SUPPORT_URL}`;
}

/** Why Answer with FAQ offers nothing for a message, and where to ask instead. */
export function nothingFits(
  config: Pick<Config, 'SUPPORT_URL' | 'SUPPORT_CHANNEL_ID'>,
  menu: Exclude<MenuResult, { kind: 'menu' }>,
): string {
  const why =
    menu.kind === 'support'
      ? `That message needs fal's team, not the docs (it mentions "${literal(menu.matched, 60)}").`
      : menu.reason === 'foreign'
        ? 'I can only read English, and nothing I have answers that message.'
        : 'Nothing I have answers that message: no FAQ entry, docs page or model fits it.';
  return `${why} ${whereToAsk(config)}.`;
}

/**
 * The private reply to a topic that matched nothing clearly: the close answers of every source
 * (FAQ questions as they read, pages and models as links); when nothing is close, that nothing
 * answers it and where to ask.
 */
export function didYouMeanText(
  config: Pick<Config, 'SUPPORT_URL' | 'SUPPORT_CHANNEL_ID'>,
  topic: string,
  suggestions: readonly RankedHit[],
): string {
  const shown = literal(topic, 100);
  if (suggestions.length === 0)
    return `Nothing I have answers "${shown}". ${whereToAsk(config)}.\n\nOr start typing in \`topic\` and pick a question from the list.`;
  const lines = suggestions.map((s) =>
    s.source.command
      ? linkLine(optionLabel(s), s.source.url(s.document))
      : `• ${s.source.title(s.document)}`,
  );
  const pick = 'Start typing in `topic` and pick a question from the list to post its answer.';
  return `No exact match for "${shown}". Did you mean:\n${lines.join('\n')}\n\n${pick}`;
}
