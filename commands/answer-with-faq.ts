import {
  ApplicationCommandType,
  ComponentType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  Routes,
  type APIMessage,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { BotContext, Command } from '../src/bot/command.js';
import { isModerator, maySpeakHere } from '../src/bot/moderation.js';
import { postPublicCard } from '../src/bot/public-card.js';
import { answerOutdated, jumpLink, replaceMessage, send, sendNotice } from '../src/bot/respond.js';
import { recordUsage } from '../src/bot/usage.js';
import { encodeCustomId } from '../src/discord/custom-id.js';
import { isDiscordError } from '../src/discord/errors.js';
import { DISCORD_LIMITS, truncate } from '../src/discord/limits.js';
import { literal } from '../src/discord/literal.js';
import { allowedMentions, defuseMentions, type CardOptions } from '../src/cards/render.js';
import { nothingFits, optionLabel } from '../src/bot/faq-text.js';

/** What the bot needs in the channel to post a card as a reply there (unlike /faq's answer). */
const NEEDED = {
  'View Channel': PermissionFlagsBits.ViewChannel,
  'Send Messages': PermissionFlagsBits.SendMessages,
  'Embed Links': PermissionFlagsBits.EmbedLinks,
  'Read Message History': PermissionFlagsBits.ReadMessageHistory,
};

/** The reply speaks on the invoker's behalf, so they must be allowed to speak there themselves. */
const INVOKER_CANNOT_SEND =
  "You can't send messages in this channel, so I can't answer there for you. Use `/faq` with `private:true` to read the answer yourself.";

export const answerWithFaq = {
  data: new ContextMenuCommandBuilder()
    .setName('Answer with FAQ')
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild),

  async execute(interaction: MessageContextMenuCommandInteraction, { answers, config }) {
    const target = interaction.targetMessage;
    const query = target.content.slice(0, 100);
    if (!maySpeakHere(interaction)) {
      await sendNotice(interaction, INVOKER_CANNOT_SEND);
      return { outcome: 'invoker-cannot-send' };
    }
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
    const menu = answers.ranking.menu(target.content, interaction.guildId);
    if (menu.kind !== 'menu') {
      await sendNotice(interaction, nothingFits(config, menu));
      return { outcome: menu.kind === 'support' ? 'support' : 'no-match', query };
    }
    const hits = menu.hits.map((h) => ({ value: h.id, label: optionLabel(h) }));
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
              custom_id: encodeCustomId({ kind: 'answer', messageId: target.id }),
              placeholder: 'Pick the answer to post',
              options: hits.map((h) => ({
                label: truncate(h.label, DISCORD_LIMITS.choiceName),
                value: h.value,
              })),
            },
          ],
        },
      ],
    });
    return { outcome: 'choices', count: hits.length, query };
  },

  components: {
    /**
     * The invoker picked an answer: post it as a reply to the message, mentioning its author only.
     * The custom_id only names the message: the channel is the interaction's, the author is read
     * from Discord, and the menu must be the one this member opened.
     */
    async answer(interaction, ctx, id) {
      if (!interaction.isStringSelectMenu() || id.kind !== 'answer')
        return answerOutdated(interaction, 'bad-component');
      if (interaction.message.interactionMetadata?.user.id !== interaction.user.id)
        return answerOutdated(interaction, 'forged-custom-id');
      if (!maySpeakHere(interaction)) {
        await sendNotice(interaction, INVOKER_CANNOT_SEND);
        return { outcome: 'invoker-cannot-send' };
      }
      const entry = answerFor(ctx, interaction.values[0] ?? '');
      if (!entry) {
        await sendNotice(interaction, 'That answer is no longer in the FAQ.');
        return { outcome: 'gone' };
      }
      const { channelId } = interaction;
      const target = await fetchMessage(ctx, channelId, id.messageId);
      if (!target) {
        await sendNotice(interaction, 'That message is no longer there.');
        return { outcome: 'target-gone', id: entry.id };
      }
      const link = (messageId: string) => jumpLink(interaction.guildId, channelId, messageId);
      const result = await postPublicCard(ctx, {
        entry,
        card: entry.card,
        guildId: interaction.guildId,
        channelId,
        userId: interaction.user.id,
        mentionUserId: target.author.id,
        exempt: isModerator(interaction, ctx.config),
        post: async (card) =>
          (
            (await ctx.rest.post(Routes.channelMessages(channelId), {
              body: {
                ...card,
                message_reference: { message_id: target.id, fail_if_not_exists: false },
              },
            })) as { id: string }
          ).id,
        tell: (body) => replaceMessage(interaction, body),
      });
      if (result.outcome !== 'card' || !result.posted) return { ...result, via: 'context-menu' };
      recordUsage(ctx, {
        outcome: 'card',
        guildId: interaction.guildId,
        entryId: entry.id,
        userId: interaction.user.id,
        channelId,
      });
      await replaceMessage(interaction, {
        content: `Posted **${defuseMentions(entry.title)}**: ${link(result.posted)}`,
        embeds: [],
        components: [],
        allowed_mentions: allowedMentions(),
      });
      return { outcome: 'card', id: entry.id, via: 'context-menu' };
    },
  },
} satisfies Command<MessageContextMenuCommandInteraction>;

/** What the menu offers, by its id, in whichever source has it; undefined if none has it now. */
function answerFor(ctx: Pick<BotContext, 'sources'>, id: string) {
  const found = ctx.sources.find(id);
  if (!found) return undefined;
  const { document, source } = found;
  return {
    id: document.id,
    title: source.title(document),
    card: (o: CardOptions) => source.card(document, o),
  };
}

/** The message in this channel, as Discord has it now; undefined if Discord has no such message. */
async function fetchMessage(
  ctx: Pick<BotContext, 'rest'>,
  channelId: string,
  messageId: string,
): Promise<APIMessage | undefined> {
  try {
    return (await ctx.rest.get(Routes.channelMessage(channelId, messageId))) as APIMessage;
  } catch (error) {
    if (isDiscordError(error, RESTJSONErrorCodes.UnknownMessage)) return undefined;
    throw error;
  }
}
