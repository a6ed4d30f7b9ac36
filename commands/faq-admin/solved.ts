import {
  Routes,
  type APIThreadChannel,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageComponentInteraction,
} from 'discord.js';
import type { BotContext, ComponentHandler, Outcome } from '../../src/bot/command.js';
import { isModerator } from '../../src/bot/moderation.js';
import { answerOutdated, replaceMessage, sendNotice } from '../../src/bot/respond.js';
import { allowedMentions } from '../../src/cards/render.js';
import { literal } from '../../src/discord/literal.js';
import type { AdminSubcommand } from './subcommand.js';

/**
 * `/faq-admin solved`, typed in a help-forum post: a person's answer solved it. The post gets the
 * Solved tag and counts as solved, not by the bot.
 */
export const solved: AdminSubcommand = {
  name: 'solved',
  build: (s) =>
    s.setName('solved').setDescription('In a help forum post: mark it solved by a helper'),
  run: markSolvedByHelper,
  components: {
    solved: solvedByBot,
    'not-it': notIt,
  },
};

async function markSolvedByHelper(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<Outcome> {
  const post = ctx.store.forumPost(interaction.channelId);
  if (!post) {
    await sendNotice(interaction, 'Use this inside a post of a help forum the bot answers.');
    return { outcome: 'not-a-post', sub: 'solved' };
  }
  const tagged = await tagSolved(ctx, post.threadId);
  ctx.store.forumSolved(post.threadId, interaction.user.id, null);
  await sendNotice(interaction, `Marked solved by a helper's answer.${tagNote(tagged, ctx)}`);
  return { outcome: 'solved', sub: 'solved', by: 'helper' };
}

/**
 * "Solved by this" under the bot's reply in a post: its poster or a moderator of the forum marks
 * the post solved by the answer the reply showed. The button only counts on the reply the bot
 * posted in that very post, for the answer it offered there.
 */
async function solvedByBot(
  interaction: MessageComponentInteraction,
  ctx: BotContext,
  id: Parameters<ComponentHandler>[2],
): Promise<Outcome> {
  const post = replyPost(interaction, ctx);
  if (id.kind !== 'solved' || !post || post.suggested[0] !== id.entryId)
    return answerOutdated(interaction, 'forged-custom-id');
  if (
    interaction.user.id !== post.ownerId &&
    !isModerator(interaction as Interaction, ctx.config)
  ) {
    await sendNotice(interaction, 'Only who opened this post (or a moderator) can mark it solved.');
    return { outcome: 'refused', reason: 'not-the-poster' };
  }
  if (post.solvedAt) {
    await sendNotice(interaction, 'This post is already marked solved.');
    return { outcome: 'already-solved' };
  }
  const tagged = await tagSolved(ctx, post.threadId);
  ctx.store.forumSolved(post.threadId, interaction.user.id, id.entryId);
  const title = ctx.sources.titleOf(id.entryId) ?? id.entryId;
  await replaceMessage(interaction, {
    content: `✅ Solved by **${literal(title, 150)}**, marked by ${literal(interaction.user.username, 40)}.${tagNote(tagged, ctx)}`,
    embeds: interaction.message.embeds.map((e) => e.toJSON()),
    components: [],
    allowed_mentions: allowedMentions(),
  });
  return { outcome: 'solved', id: id.entryId, by: 'bot' };
}

/** "Not it": the poster says the reply missed; it folds to one line, out of the helpers' way. */
async function notIt(interaction: MessageComponentInteraction, ctx: BotContext): Promise<Outcome> {
  const post = replyPost(interaction, ctx);
  if (!post) return answerOutdated(interaction, 'forged-custom-id');
  if (interaction.user.id !== post.ownerId) {
    await sendNotice(interaction, 'Only who opened this post can say the answer missed.');
    return { outcome: 'refused', reason: 'not-the-poster' };
  }
  ctx.store.forumNotIt(post.threadId);
  await replaceMessage(interaction, {
    content: 'The suggested answer was not it: a helper will be here.',
    embeds: [],
    components: [],
    allowed_mentions: allowedMentions(),
  });
  return { outcome: 'not-it' };
}

/** The post whose recorded reply is the message pressed, in that post; else undefined. */
function replyPost(interaction: MessageComponentInteraction, ctx: BotContext) {
  const post = ctx.store.forumPost(interaction.channelId);
  return post && post.replyId === interaction.message.id ? post : undefined;
}

type Tagged = 'tagged' | 'created' | 'no-permission' | 'failed';

/** The forums whose missing tag permission was logged, per running bot (its store). */
const warnedForums = new WeakMap<object, Set<string>>();

/**
 * Puts the forum's Solved tag (HELP_SOLVED_TAG) on the post, creating the tag when the forum lacks
 * it and the bot may edit the forum. Never throws: the solve is recorded whatever Discord says.
 */
async function tagSolved(ctx: BotContext, threadId: string): Promise<Tagged> {
  const name = ctx.config.HELP_SOLVED_TAG;
  let forumId = threadId;
  try {
    const thread = (await ctx.rest.get(Routes.channel(threadId))) as APIThreadChannel;
    forumId = thread.parent_id ?? threadId;
    const forum = (await ctx.rest.get(Routes.channel(thread.parent_id!))) as {
      id: string;
      available_tags?: { id: string; name: string }[];
    };
    let tag = forum.available_tags?.find((t) => t.name.toLowerCase() === name.toLowerCase());
    let created = false;
    if (!tag) {
      const tags = [...(forum.available_tags ?? []), { name }];
      const edited = (await ctx.rest.patch(Routes.channel(forum.id), {
        body: { available_tags: tags },
      })) as { available_tags?: { id: string; name: string }[] };
      tag = edited.available_tags?.find((t) => t.name === name);
      created = true;
    }
    if (!tag) return 'failed';
    const applied = [...new Set([...(thread.applied_tags ?? []), tag.id])].slice(-5);
    await ctx.rest.patch(Routes.channel(threadId), { body: { applied_tags: applied } });
    return created ? 'created' : 'tagged';
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== 403) {
      ctx.logger.warn(
        { err: error, thread: threadId, tag: name },
        'could not tag a help post solved',
      );
      return 'failed';
    }
    // A missing permission is said once per forum (each press after it is the same news).
    const warned = warnedForums.get(ctx.store) ?? new Set<string>();
    warnedForums.set(ctx.store, warned);
    const first = !warned.has(forumId);
    warned.add(forumId);
    ctx.logger[first ? 'warn' : 'debug'](
      { thread: threadId, forum: forumId, tag: name },
      `cannot put the "${name}" tag on help posts: give the bot Manage Threads in the forum (and Manage Channels to create the tag)`,
    );
    // Moderators hear of it once too, where they read the forum's digest.
    if (first && ctx.config.MOD_CHANNEL_ID)
      await ctx.rest
        .post(Routes.channelMessages(ctx.config.MOD_CHANNEL_ID), {
          body: {
            content: `I cannot put the "${name}" tag on help posts: give me Manage Threads in <#${forumId}> (and Manage Channels to create the tag).`,
            allowed_mentions: allowedMentions(),
          },
        })
        .catch((error: unknown) =>
          ctx.logger.warn({ err: error }, 'could not tell the moderators about the Solved tag'),
        );
    return 'no-permission';
  }
}

function tagNote(tagged: Tagged, ctx: BotContext): string {
  if (tagged === 'tagged') return '';
  if (tagged === 'created')
    return ` (I created the "${ctx.config.HELP_SOLVED_TAG}" tag in this forum.)`;
  return ` (I could not add the "${ctx.config.HELP_SOLVED_TAG}" tag: I need Manage Threads in this forum, and Manage Channels to create the tag.)`;
}
