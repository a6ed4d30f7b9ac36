import type { ChatInputCommandInteraction } from 'discord.js';
import { renderNotice, type CardOptions, type MessageBody } from '../cards/render.js';
import type { BotContext, Outcome } from './command.js';
import { isModerator, maySpeakHere } from './moderation.js';
import { jumpLink, send } from './respond.js';
import { recordPost, recordUsage } from './usage.js';

export interface PublicCardRequest {
  /** What is answered with (an FAQ entry, a docs page, a model), and its card. */
  entry: { id: string };
  card(options: CardOptions): MessageBody;
  guildId: string | null;
  channelId: string;
  userId: string;
  /** Who the card is addressed to (and the only one it may ping). */
  mentionUserId?: string;
  /** No per-member budget: the invoker moderates the channel, or it is their DM with the bot. */
  exempt: boolean;
  /** Posts the public card; resolves with its message id when Discord says it. */
  post(card: MessageBody): Promise<string | undefined>;
  /** Answers the invoker privately (a link to a recent card, or the card when over budget). */
  tell(body: MessageBody): Promise<void>;
}

/**
 * Posts a card publicly on a member's behalf, within the limits: the same card once per channel
 * per cooldown (a link to it otherwise), and each member's budget of public cards and of cards
 * that ping someone (the card privately otherwise). Returns the outcome for the log line.
 */
export async function postPublicCard(
  ctx: Pick<BotContext, 'config' | 'limits' | 'store' | 'logger'>,
  r: PublicCardRequest,
): Promise<Outcome & { posted?: string }> {
  const decision = await ctx.limits.decide({
    channelId: r.channelId,
    entryId: r.entry.id,
    userId: r.userId,
    mentions: r.mentionUserId !== undefined,
    exempt: r.exempt,
  });
  if (decision.kind === 'recent') {
    const where = decision.messageId
      ? `That answer was just posted here: ${jumpLink(r.guildId, r.channelId, decision.messageId)}`
      : 'That answer is being posted here right now.';
    await r.tell(renderNotice(`${where}\n(Use \`private:true\` to see it yourself.)`));
    return { outcome: 'cooldown', id: r.entry.id };
  }
  if (decision.kind === 'over-budget') {
    const minutes = Math.ceil(ctx.config.MEMBER_LIMIT_WINDOW_SECONDS / 60);
    const what =
      decision.budget === 'cards'
        ? `${ctx.config.MEMBER_CARD_LIMIT} public answers`
        : `${ctx.config.MEMBER_MENTION_LIMIT} answers that mention someone`;
    const card = r.card({ ephemeral: true });
    await r.tell({
      ...card,
      content: `You have posted ${what} in the last ${minutes} minutes, so this one is shown to you only. Try again in a few minutes.`,
    });
    return { outcome: 'over-budget', id: r.entry.id, budget: decision.budget };
  }
  let messageId: string | undefined;
  try {
    messageId = await r.post(
      r.card({ mentionUserId: r.mentionUserId, feedback: ctx.config.FEEDBACK_BUTTONS }),
    );
  } catch (error) {
    decision.failed();
    throw error;
  }
  if (messageId) {
    decision.posted(messageId);
    recordPost(ctx, { channelId: r.channelId, entryId: r.entry.id, messageId });
  } else decision.failed();
  return { outcome: 'card', id: r.entry.id, posted: messageId };
}

/**
 * How a slash command (`/faq`, `/docs`, `/model`) answers with a card once it knows which: privately
 * when asked (`private:`) or when the member may not speak in the channel, else publicly within
 * the limits; `mention:` addresses it. Records the use.
 */
export async function answerWithCard(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  r: {
    entry: { id: string };
    card(options: CardOptions): MessageBody;
    query: string;
    command: string;
    via: string;
  },
): Promise<Outcome> {
  const mention = interaction.options.getUser('mention');
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  const who = {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    channelId: interaction.channelId,
    command: r.command,
  };
  const used = () =>
    recordUsage(ctx, { outcome: 'card', entryId: r.entry.id, query: r.query, ...who });
  // A public card speaks in the channel: only for someone who may speak there themselves.
  const mayPost = maySpeakHere(interaction);
  if (ephemeral || !mayPost) {
    const body = r.card({ mentionUserId: mention?.id, ephemeral: true });
    if (!ephemeral)
      body.content = `${body.content ? `${body.content} ` : ''}You can't send messages in this channel, so the answer is shown to you only.`;
    await send(interaction, body);
    used();
    return { outcome: 'card', query: r.query, id: r.entry.id, via: r.via, ephemeral: true };
  }
  const result = await postPublicCard(ctx, {
    entry: r.entry,
    card: r.card,
    guildId: who.guildId,
    channelId: who.channelId,
    userId: who.userId,
    mentionUserId: mention?.id,
    exempt: !interaction.inGuild() || isModerator(interaction, ctx.config),
    post: (body) => send(interaction, body),
    tell: async (body) => void (await send(interaction, body)),
  });
  if (result.outcome === 'card') used();
  return { ...result, query: r.query, via: r.via };
}
