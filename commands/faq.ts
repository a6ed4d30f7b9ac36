import {
  InteractionContextType,
  SlashCommandBuilder,
  type MessageComponentInteraction,
} from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { answerWithCard } from '../src/bot/public-card.js';
import { answerOutdated, sendNotice } from '../src/bot/respond.js';
import { topicAutocomplete } from '../src/bot/topic-autocomplete.js';
import { recordUsage } from '../src/bot/usage.js';
import { renderCard } from '../src/cards/render.js';
import { DOCS } from '../src/sources/docs.js';
import { linkLine } from '../src/discord/literal.js';
import { didYouMeanText } from '../src/bot/faq-text.js';
import { resolveTopic, SUGGESTION_FLOOR } from '../src/search/resolve.js';

/** Docs pages a free-text /faq that found no FAQ entry also lists. */
const DOCS_SUGGESTIONS = 3;

export const faq = {
  data: new SlashCommandBuilder()
    .setName('faq')
    .setDescription('Answer a question from the fal docs FAQ')
    // Members may also ask the bot in their DM with it, away from the channel.
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o
        .setName('topic')
        .setDescription('What is it about? Start typing and pick a question')
        .setRequired(true)
        .setAutocomplete(true),
    )
    .addUserOption((o) => o.setName('mention').setDescription('Someone to point the answer at'))
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer')),

  autocomplete: topicAutocomplete,

  async execute(interaction, ctx) {
    const { library } = ctx;
    const topic = interaction.options.getString('topic', true);
    const resolution = resolveTopic(library.index, topic);
    const who = {
      guildId: interaction.guildId,
      userId: interaction.user.id,
      channelId: interaction.channelId,
      command: 'faq',
    };
    if (resolution.kind === 'no-match') {
      // What the FAQ lacks, the docs may have: the closest pages follow, as links.
      const pages = ctx.sources
        .of(DOCS)
        .index.search(topic, DOCS_SUGGESTIONS)
        .filter((h) => h.strength >= SUGGESTION_FLOOR)
        .map((h) => linkLine(h.entry.title, h.entry.url));
      const text = didYouMeanText(library.index, topic, resolution.suggestions);
      await sendNotice(
        interaction,
        pages.length ? `${text}\n\nFrom the fal docs:\n${pages.join('\n')}` : text,
      );
      recordUsage(ctx, { outcome: 'no-match', query: topic, ...who });
      return { outcome: 'no-match', query: topic };
    }
    const { entry } = resolution;
    return answerWithCard(interaction, ctx, {
      entry,
      card: (options) => renderCard(entry, options),
      query: topic,
      command: 'faq',
      via: resolution.via,
    });
  },

  components: {
    /**
     * Helpful / not helpful: one vote per member per message, changeable. Counted only for a
     * button the bot put on that message, for an entry the FAQ has.
     */
    async feedback(interaction, { store, sources }, id) {
      if (id.kind !== 'feedback' || !carriesButton(interaction, interaction.customId))
        return answerOutdated(interaction, 'forged-custom-id');
      const { entryId, helpful } = id;
      if (!sources.titleOf(entryId)) {
        await sendNotice(
          interaction,
          'That answer is no longer in the FAQ, so the vote was not counted.',
        );
        return { outcome: 'vote-gone', id: entryId };
      }
      const { changed } = store.vote({
        guildId: interaction.guildId,
        messageId: interaction.message.id,
        userId: interaction.user.id,
        entryId,
        helpful,
      });
      const verdict = helpful ? 'helpful' : 'not helpful';
      await sendNotice(
        interaction,
        changed ? `Changed your vote to ${verdict}. Thanks!` : `Thanks, noted as ${verdict}.`,
      );
      return { outcome: 'vote', id: entryId, helpful };
    },
  },
} satisfies Command;

/** Whether the pressed message is the bot's own and carries a button with exactly this custom_id. */
function carriesButton(interaction: MessageComponentInteraction, customId: string): boolean {
  const { message } = interaction;
  if (message.author.id !== interaction.client.user.id) return false;
  return message.components.some(
    (row) =>
      'components' in row && row.components.some((c) => 'customId' in c && c.customId === customId),
  );
}
