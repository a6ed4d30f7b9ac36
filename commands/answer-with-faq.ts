import {
  ApplicationCommandType,
  ComponentType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { answerOutdated, jumpLink, replaceMessage, send, sendNotice } from '../src/bot/respond.js';
import { recordPost, recordUsage } from '../src/bot/usage.js';
import { DISCORD_LIMITS, truncate } from '../src/cards/limits.js';
import { literal } from '../src/cards/literal.js';
import { allowedMentions, defuseMentions, renderCard } from '../src/cards/render.js';
import { SUGGESTION_FLOOR } from '../src/search/resolve.js';

/** custom_id of the choice menu: `faq-answer:<channel>:<message>:<author>` (all snowflakes, well under 100 chars). */
const PREFIX = 'faq-answer';
const CHOICES = 5;

/** What the bot needs in the channel to post a card as a reply there (unlike /faq's answer). */
const NEEDED = {
  'View Channel': PermissionFlagsBits.ViewChannel,
  'Send Messages': PermissionFlagsBits.SendMessages,
  'Embed Links': PermissionFlagsBits.EmbedLinks,
  'Read Message History': PermissionFlagsBits.ReadMessageHistory,
};

export const answerWithFaq = {
  data: new ContextMenuCommandBuilder()
    .setName('Answer with FAQ')
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild),

  async execute(interaction: MessageContextMenuCommandInteraction, { library }) {
    const target = interaction.targetMessage;
    const query = target.content.slice(0, 100);
    // Told now, not after the invoker has picked an answer the bot then cannot post.
    const missing = Object.entries(NEEDED)
      .filter(([, flag]) => !interaction.appPermissions.has(flag))
      .map(([name]) => name);
    if (missing.length > 0) {
      await sendNotice(
        interaction,
        `I can't reply to messages in this channel: I need the ${missing.join(', ')} permission here. Use \`/faq\` to answer instead.`,
      );
      return { outcome: 'no-permission', missing };
    }
    const hits = library.index
      .search(target.content, CHOICES)
      .filter((h) => h.score >= SUGGESTION_FLOOR);
    if (hits.length === 0) {
      await sendNotice(
        interaction,
        'No FAQ entry matches that message. Try `/faq` and search yourself.',
      );
      return { outcome: 'no-match', query };
    }
    await send(interaction, {
      flags: MessageFlags.Ephemeral,
      content: `Answer ${literal(target.author.username)}'s message with:`,
      embeds: [],
      allowed_mentions: allowedMentions(),
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.StringSelect,
              custom_id: `${PREFIX}:${target.channelId}:${target.id}:${target.author.id}`,
              placeholder: 'Pick the answer to post',
              options: hits.map((h) => ({
                label: truncate(h.entry.question, DISCORD_LIMITS.choiceName),
                value: h.entry.id,
              })),
            },
          ],
        },
      ],
    });
    return { outcome: 'choices', count: hits.length, query };
  },

  components: {
    /** The invoker picked an answer: post it as a reply to the message, mentioning its author only. */
    async [PREFIX](interaction, ctx) {
      if (!interaction.isStringSelectMenu()) return answerOutdated(interaction, 'bad-component');
      const [, channelId, messageId, authorId] = interaction.customId.split(':');
      const entry = ctx.library.get(interaction.values[0] ?? '');
      if (!channelId || !messageId || !authorId || !entry) {
        await sendNotice(interaction, 'That answer is no longer in the FAQ.');
        return { outcome: 'gone' };
      }
      const card = renderCard(entry, {
        mentionUserId: authorId,
        feedback: ctx.config.FEEDBACK_BUTTONS,
      });
      const posted = (await ctx.rest.post(Routes.channelMessages(channelId), {
        body: { ...card, message_reference: { message_id: messageId, fail_if_not_exists: false } },
      })) as { id: string };
      recordPost(ctx, { channelId, entryId: entry.id, messageId: posted.id });
      recordUsage(ctx, {
        outcome: 'card',
        guildId: interaction.guildId,
        entryId: entry.id,
        userId: interaction.user.id,
        channelId,
      });
      await replaceMessage(interaction, {
        content: `Posted **${defuseMentions(entry.question)}**: ${jumpLink(interaction.guildId, channelId, posted.id)}`,
        embeds: [],
        components: [],
        allowed_mentions: allowedMentions(),
      });
      return { outcome: 'card', id: entry.id, via: 'context-menu' };
    },
  },
} satisfies Command<MessageContextMenuCommandInteraction>;
