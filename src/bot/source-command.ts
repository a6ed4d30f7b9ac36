import {
  InteractionContextType,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { DISCORD_LIMITS, truncate } from '../discord/limits.js';
import { linkLine, literal } from '../discord/literal.js';
import { renderNotice } from '../cards/render.js';
import { resolveTopic, SUGGESTION_FLOOR } from '../search/resolve.js';
import type { Document, Source } from '../sources/source.js';
import type { BotContext, Command, Outcome } from './command.js';
import { answerWithCard } from './public-card.js';
import { send, sendChoices } from './respond.js';
import { recordUsage } from './usage.js';

/** How many of the first suggestions name the section of their page a query is about. */
const SECTION_SUGGESTIONS = 5;

/**
 * The slash command of a source that has one (`/docs` from the docs, `/model` from the models):
 * autocomplete over it, and the same card flow as `/faq` (mention, private, cooldown, per-member
 * budgets, feedback, usage and gaps in the stats). `commandsFor` makes one for each such source.
 */
export function sourceCommand<D extends Document>(source: Source<D>): Command {
  const spec = source.command;
  if (!spec) throw new Error(`The source "${source.name}" has no command`);
  return {
    data: new SlashCommandBuilder()
      .setName(spec.name)
      .setDescription(spec.description)
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .addStringOption((o) =>
        o
          .setName(spec.option)
          .setDescription(spec.optionDescription)
          .setRequired(true)
          .setAutocomplete(true),
      )
      .addUserOption((o) => o.setName('mention').setDescription('Someone to point the answer at'))
      .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer')),

    async autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<Outcome> {
      const query = interaction.options.getFocused();
      const catalog = ctx.sources.of(source);
      const choices = catalog.index.search(query, DISCORD_LIMITS.choices).map(({ entry }, i) => {
        // A query about a section of a page picks that section: shown, and carried in the value.
        // Looked for in the first few suggestions only, which are the ones people pick.
        const section = i < SECTION_SUGGESTIONS ? source.section?.(entry, query) : undefined;
        const value = section ? `${entry.id}#${section.anchor}` : entry.id;
        return {
          name: truncate(
            section ? `${source.title(entry)} › ${section.title}` : source.title(entry),
            DISCORD_LIMITS.choiceName,
          ),
          value: value.length <= DISCORD_LIMITS.choiceValue ? value : entry.id,
        };
      });
      await sendChoices(interaction, choices);
      return { outcome: 'choices', query, count: choices.length };
    },

    async execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<Outcome> {
      const catalog = ctx.sources.of(source);
      const typed = interaction.options.getString(spec.option, true);
      // A picked section comes as `<id>#<anchor>`; the anchor is only a claim, checked below.
      const [picked, claimed] = typed.split('#');
      const topic = picked && catalog.get(picked) ? picked : typed;
      const anchorClaim = topic === picked ? claimed : undefined;
      const who = {
        guildId: interaction.guildId,
        userId: interaction.user.id,
        channelId: interaction.channelId,
        command: spec.name,
      };
      const resolution = resolveTopic(catalog.index, topic);
      if (resolution.kind === 'no-match') {
        const near = resolution.suggestions
          .filter((h) => h.score >= SUGGESTION_FLOOR)
          .map((h) => linkLine(source.title(h.entry), source.url(h.entry)));
        await send(
          interaction,
          renderNotice(
            near.length
              ? `No exact match for "${literal(topic, 100)}". Did you mean:\n${near.join('\n')}\n\nStart typing in \`${spec.option}\` and pick one from the list to post it.`
              : `${spec.nothing} "${literal(topic, 100)}". Start typing in \`${spec.option}\` and pick one from the list.`,
          ),
        );
        recordUsage(ctx, { outcome: 'no-match', query: topic, ...who });
        return { outcome: 'no-match', query: topic };
      }
      const { entry } = resolution;
      const section =
        resolution.via === 'search'
          ? source.section?.(entry, topic)
          : anchorClaim === undefined
            ? undefined
            : { anchor: anchorClaim };
      // An anchor the page does not have is dropped: the link still opens the page.
      const anchor = (source.anchors?.(entry) ?? []).includes(section?.anchor ?? '')
        ? section!.anchor
        : undefined;
      return answerWithCard(interaction, ctx, {
        entry,
        card: (options) => source.card(entry, options, anchor),
        query: topic,
        command: spec.name,
        via: resolution.via,
      });
    },
  };
}
