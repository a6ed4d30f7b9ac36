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
import { didYouMeanText } from '../src/bot/faq-text.js';

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
    const { library, config } = ctx;
    const topic = interaction.options.getString('topic', true);
    // A picked suggestion is an entry's id; anything else is free text, ranked across every source.
    const picked = library.get(topic.trim());
    if (picked)
      return answerWithCard(interaction, ctx, {
        entry: picked,
        card: (options) => renderCard(picked, options),
        query: topic,
        command: 'faq',
        via: 'id',
      });
    const resolution = ctx.answers.ranking.resolve(topic, interaction.guildId);
    if (resolution.kind === 'no-match') {
      await sendNotice(interaction, didYouMeanText(config, topic, resolution.suggestions));
      recordUsage(ctx, {
        outcome: 'no-match',
        query: topic,
        guildId: interaction.guildId,
        userId: interaction.user.id,
        channelId: interaction.channelId,
        command: 'faq',
      });
      return { outcome: 'no-match', query: topic };
    }
    const { source, document } = resolution.hit;
    const anchor = source.section?.(document, topic)?.anchor;
    return answerWithCard(interaction, ctx, {
      entry: document,
      card: (options) =>
        source.card(
          document,
          options,
          anchor && source.anchors?.(document).includes(anchor) ? anchor : undefined,
        ),
      query: topic,
      command: 'faq',
      via: 'search',
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
