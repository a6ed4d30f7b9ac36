import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { answerOutdated, jumpLink, send, sendNotice } from '../src/bot/respond.js';
import { topicAutocomplete } from '../src/bot/topic-autocomplete.js';
import { recordPost, recordUsage, withStore } from '../src/bot/usage.js';
import { FEEDBACK_PREFIX, renderCard } from '../src/cards/render.js';
import { didYouMeanText, resolveTopic } from '../src/search/resolve.js';

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
    const { library, config, store } = ctx;
    const topic = interaction.options.getString('topic', true);
    const mention = interaction.options.getUser('mention');
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    const resolution = resolveTopic(library.index, topic);
    const who = {
      guildId: interaction.guildId,
      userId: interaction.user.id,
      channelId: interaction.channelId,
    };
    if (resolution.kind === 'no-match') {
      await sendNotice(interaction, didYouMeanText(library.index, topic, resolution.suggestions));
      recordUsage(ctx, { outcome: 'no-match', query: topic, ...who });
      return { outcome: 'no-match', query: topic };
    }
    const { entry } = resolution;
    if (!ephemeral && config.CARD_COOLDOWN_SECONDS > 0) {
      const recent = withStore(
        ctx,
        'check the cooldown',
        () => store.recentPost(interaction.channelId, entry.id, config.CARD_COOLDOWN_SECONDS),
        undefined,
      );
      if (recent) {
        const link = jumpLink(interaction.guildId, interaction.channelId, recent.messageId);
        await sendNotice(
          interaction,
          `That answer was just posted here: ${link}\n(Use \`private:true\` to see it yourself.)`,
        );
        return { outcome: 'cooldown', query: topic, id: entry.id };
      }
    }
    const card = renderCard(entry, {
      mentionUserId: mention?.id,
      ephemeral,
      feedback: config.FEEDBACK_BUTTONS,
    });
    const messageId = await send(interaction, card);
    if (!ephemeral && messageId) {
      recordPost(ctx, { channelId: interaction.channelId, entryId: entry.id, messageId });
    }
    recordUsage(ctx, { outcome: 'card', entryId: entry.id, query: topic, ...who });
    return { outcome: 'card', query: topic, id: entry.id, via: resolution.via, ephemeral };
  },

  components: {
    /** Helpful / not helpful: one vote per member per message, changeable. */
    async [FEEDBACK_PREFIX](interaction, { store }) {
      const [, direction, entryId] = interaction.customId.split(':');
      if (!entryId || (direction !== 'up' && direction !== 'down'))
        return answerOutdated(interaction, 'bad-custom-id');
      const helpful = direction === 'up';
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
