import { EventEmitter } from 'node:events';
import {
  ButtonStyle,
  ComponentType,
  Events,
  RESTJSONErrorCodes,
  Routes,
  type APIEmbed,
  type AnyThreadChannel,
  type Client,
  type ForumChannel,
  type Message,
} from 'discord.js';
import { allowedMentions } from '../cards/render.js';
import type { Config } from '../config.js';
import { encodeCustomId } from '../discord/custom-id.js';
import { isDiscordError } from '../discord/errors.js';
import { DISCORD_LIMITS, truncate } from '../discord/limits.js';
import { linkLine, literal } from '../discord/literal.js';
import { forumFigures, forumLines } from './forum-figures.js';
import type { RankedHit } from '../ranking/ranking.js';
import type { BotContext } from './command.js';
import { optionLabel } from './faq-text.js';
import { withStore } from './usage.js';

/** Answers offered in a reply to a post: the first as a card, the others as links under it. */
const OFFERED = 3;

/**
 * Replies the bot posts in help forums: this many a member in ten minutes (and at most
 * HELP_FORUM_REPLIES_PER_MINUTE in all). A flood of posts (a raid, a script) gets silence, not a
 * flood of replies.
 */
export const FORUM_LIMITS = { perMember: 3, memberWindowMs: 10 * 60_000 } as const;

/** What the forum handler did with a post: for logs, the sandboxes and tests. */
export interface PostHandled {
  threadId: string;
  outcome: 'answered' | 'note' | 'silent' | 'limited' | 'cannot-send' | 'failed';
  suggested: string[];
}

/** Says when a post was handled (the sandboxes wait for it instead of guessing how long). */
export const forumEvents = new EventEmitter<{ handled: [PostHandled] }>();

const NOTE =
  "Thanks for the post! I couldn't find this in the fal docs, so a helper will be here soon. Meanwhile, add what you tried, the endpoint id and any error text: it helps them answer faster.";

/**
 * Watches the help forums (HELP_FORUM_IDS): answers each new post once with the best answers of
 * every source (its title and tags; its first message too when the operator allows reading
 * messages), notes who answered it, and forgets a deleted post.
 */
export function watchForums(client: Client, ctx: BotContext): { close(): void } {
  const forums = new Set(ctx.config.HELP_FORUM_IDS);
  if (forums.size === 0) return { close() {} };
  const limiter = new ForumLimiter(ctx.config.HELP_FORUM_REPLIES_PER_MINUTE);
  const inForum = (channel: { isThread(): boolean; parentId?: string | null }) =>
    channel.isThread() && !!channel.parentId && forums.has(channel.parentId);
  const onThread = (thread: AnyThreadChannel, newlyCreated: boolean) => {
    if (!newlyCreated || !inForum(thread)) return;
    void answerPost(ctx, thread, limiter).then(
      (handled) => {
        ctx.logger.info({ thread: thread.id, ...handled }, 'help forum post');
        forumEvents.emit('handled', handled);
      },
      (error: unknown) => {
        ctx.logger.error({ err: error, thread: thread.id }, 'could not answer a help forum post');
        forumEvents.emit('handled', { threadId: thread.id, outcome: 'failed', suggested: [] });
      },
    );
  };
  // Who answers a post, for the figures and the nudges: any person but its poster (no content
  // needed: the author and the time are all that is read).
  const onMessage = (message: Message) => {
    if (message.author.bot || !inForum(message.channel)) return;
    const thread = message.channel as AnyThreadChannel;
    if (message.author.id === thread.ownerId || message.id === thread.id) return;
    withStore(
      ctx,
      'note a reply in a help post',
      () => ctx.store.forumHumanReplied(thread.id),
      undefined,
    );
  };
  const onDelete = (thread: AnyThreadChannel) => {
    if (inForum(thread))
      withStore(
        ctx,
        'forget a deleted help post',
        () => ctx.store.forgetForumPost(thread.id),
        undefined,
      );
  };
  client.on(Events.ThreadCreate, onThread);
  client.on(Events.MessageCreate, onMessage);
  client.on(Events.ThreadDelete, onDelete);
  // Nudges and the weekly digest: checked every few minutes; what is due is in the database, so a
  // restart loses none of them.
  const chores = setInterval(
    () =>
      void forumChores(ctx).catch((error: unknown) =>
        ctx.logger.warn({ err: error }, 'help forum nudges and digest failed; retrying later'),
      ),
    CHORES_EVERY_MS,
  );
  chores.unref();
  return {
    close() {
      clearInterval(chores);
      client.off(Events.ThreadCreate, onThread);
      client.off(Events.MessageCreate, onMessage);
      client.off(Events.ThreadDelete, onDelete);
    },
  };
}

/** How often nudges and the digest are looked at. */
const CHORES_EVERY_MS = 5 * 60_000;
const WEEK_MS = 7 * 24 * 3600_000;

/** Role pings the nudges made today (a budget: HELP_NUDGE_PINGS_PER_DAY). */
const pings = { day: '', count: 0 };

/**
 * What is due in the help forums: one nudge in each post nobody but its poster and the bot
 * answered after HELP_NUDGE_HOURS (solved, locked, archived or deleted posts are left alone), and
 * the weekly digest to MOD_CHANNEL_ID. Exported for tests, which move the clock.
 */
export async function forumChores(ctx: BotContext): Promise<{ nudged: string[]; digest: boolean }> {
  const { config, store, logger } = ctx;
  const now = store.clock;
  const nudged: string[] = [];
  if (config.HELP_NUDGE_HOURS > 0)
    for (const post of store.forumPostsToNudge(now - config.HELP_NUDGE_HOURS * 3600_000)) {
      try {
        const thread = (await ctx.rest.get(Routes.channel(post.threadId))) as {
          thread_metadata?: { archived?: boolean; locked?: boolean };
        };
        store.forumNudged(post.threadId);
        if (thread.thread_metadata?.archived || thread.thread_metadata?.locked) continue;
        const day = new Date(now).toISOString().slice(0, 10);
        if (pings.day !== day) Object.assign(pings, { day, count: 0 });
        const role = config.HELP_HELPER_ROLE_ID;
        const ping = role !== undefined && pings.count < config.HELP_NUDGE_PINGS_PER_DAY;
        if (ping) pings.count++;
        await ctx.rest.post(Routes.channelMessages(post.threadId), {
          body: {
            content: `${ping ? `<@&${role}> ` : ''}Nobody has answered this post yet. Can a helper take a look? (Poster: add what you tried, the endpoint id and any error text.)`,
            allowed_mentions: { parse: [], roles: ping ? [role] : [] },
          },
        });
        nudged.push(post.threadId);
      } catch (error) {
        // A post deleted or out of reach: nudged is recorded, so it is not tried again and again.
        logger.debug({ err: error, thread: post.threadId }, 'could not nudge a help post');
      }
    }
  let digest = false;
  if (config.MOD_CHANNEL_ID && now - store.forumDigestAt() >= WEEK_MS) {
    try {
      const channel = (await ctx.rest.get(Routes.channel(config.MOD_CHANNEL_ID))) as {
        guild_id?: string;
      };
      const figures = forumFigures(store.forumPosts(7, channel.guild_id ?? null), (w) =>
        ctx.answers.ranking.rarity(w),
      );
      const unanswered = figures.unanswered.map(
        (u) =>
          `• ${u.count}× "${literal(u.title, 90)}": \`/faq-admin teach wording:${literal(u.title, 90)}\``,
      );
      await ctx.rest.post(Routes.channelMessages(config.MOD_CHANNEL_ID), {
        body: {
          content: truncate(
            [
              '**Help forum, the last 7 days**',
              ...forumLines(figures),
              ...(unanswered.length
                ? ['Asked and not answered (teach the bot the answer):', ...unanswered]
                : []),
            ].join('\n'),
            DISCORD_LIMITS.content,
          ),
          allowed_mentions: allowedMentions(),
        },
      });
      store.setForumDigestAt(now);
      digest = true;
    } catch (error) {
      logger.warn(
        { err: error, channel: config.MOD_CHANNEL_ID },
        'could not post the forum digest',
      );
    }
  }
  return { nudged, digest };
}

/** What the bot reads of a post: its title and tags, and its first message when allowed. */
async function postText(ctx: BotContext, thread: AnyThreadChannel): Promise<string> {
  const forum = thread.parent as ForumChannel | null;
  const tags = (forum?.availableTags ?? [])
    .filter((t) => thread.appliedTags.includes(t.id))
    .map((t) => t.name);
  let body = '';
  if (ctx.config.HELP_FORUM_READ_MESSAGES) {
    try {
      body = (await thread.fetchStarterMessage())?.content ?? '';
    } catch (error) {
      ctx.logger.debug({ err: error, thread: thread.id }, 'could not read the first message');
    }
  }
  return [thread.name, tags.join(' '), body].filter(Boolean).join('\n');
}

async function answerPost(
  ctx: BotContext,
  thread: AnyThreadChannel,
  limiter: ForumLimiter,
): Promise<PostHandled> {
  const owner = thread.ownerId ?? '';
  const record = (replyId: string | null, suggested: string[]) =>
    withStore(
      ctx,
      'record a help forum post',
      () =>
        ctx.store.recordForumPost({
          threadId: thread.id,
          guildId: thread.guildId,
          forumId: thread.parentId ?? '',
          ownerId: owner,
          title: truncate(thread.name, 100),
          createdAt: ctx.store.clock,
          replyId,
          suggested,
        }),
      undefined,
    );
  if (!limiter.take(owner)) {
    record(null, []);
    return { threadId: thread.id, outcome: 'limited', suggested: [] };
  }
  const menu = ctx.answers.ranking.menu(await postText(ctx, thread), thread.guildId);
  const hits = menu.kind === 'menu' ? menu.hits.slice(0, OFFERED) : [];
  if (hits.length === 0 && ctx.config.HELP_FORUM_NOTHING === 'silent') {
    record(null, []);
    return { threadId: thread.id, outcome: 'silent', suggested: [] };
  }
  const body =
    hits.length > 0 ? postReply(hits) : { content: NOTE, allowed_mentions: allowedMentions() };
  const suggested = hits.map((h) => h.id);
  try {
    const posted = (await ctx.rest.post(Routes.channelMessages(thread.id), { body })) as {
      id: string;
    };
    record(posted.id, suggested);
    return { threadId: thread.id, outcome: hits.length ? 'answered' : 'note', suggested };
  } catch (error) {
    // A post the bot may not write in (the forum's permissions, a post locked at once) gets nothing.
    if (
      isDiscordError(error, RESTJSONErrorCodes.MissingPermissions) ||
      isDiscordError(error, RESTJSONErrorCodes.MissingAccess)
    ) {
      record(null, []);
      ctx.logger.warn(
        { thread: thread.id, forum: thread.parentId },
        'cannot reply in this help forum: give the bot View Channel and Send Messages in Threads there',
      );
      return { threadId: thread.id, outcome: 'cannot-send', suggested: [] };
    }
    throw error;
  }
}

/** The reply: the best answer's card, the next ones as links, and the poster's two buttons. */
export function postReply(hits: readonly RankedHit[]) {
  const [first, ...others] = hits;
  const card = first!.source.card(first!.document, {});
  const embed = { ...(card.embeds[0] as APIEmbed) };
  if (others.length > 0) {
    const more = others.map((h) => linkLine(optionLabel(h), h.source.url(h.document))).join('\n');
    embed.fields = [
      ...(embed.fields ?? []),
      { name: 'Also see', value: truncate(more, DISCORD_LIMITS.embedFieldValue) },
    ].slice(0, DISCORD_LIMITS.embedFields);
  }
  return {
    content: 'This may answer your question:',
    embeds: [embed],
    allowed_mentions: allowedMentions(),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Success,
            label: 'Solved by this',
            custom_id: encodeCustomId({ kind: 'solved', entryId: first!.id }),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'Not it',
            custom_id: encodeCustomId({ kind: 'not-it' }),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Link,
            label: 'Open in the docs',
            url: first!.source.url(first!.document),
          },
        ],
      },
    ],
  };
}

/** A sliding count of replies: in all per minute, and per member per window. */
class ForumLimiter {
  private readonly all: number[] = [];

  /** `perMinute`: replies a minute in all (0: no limit). */
  constructor(private readonly perMinute: number) {}

  private readonly byMember = new Map<string, number[]>();

  take(memberId: string, now = Date.now()): boolean {
    const recent = (times: number[], window: number) => {
      while (times.length && times[0]! <= now - window) times.shift();
      return times;
    };
    const all = recent(this.all, 60_000);
    const mine = recent(this.byMember.get(memberId) ?? [], FORUM_LIMITS.memberWindowMs);
    if (
      (this.perMinute > 0 && all.length >= this.perMinute) ||
      mine.length >= FORUM_LIMITS.perMember
    )
      return false;
    all.push(now);
    mine.push(now);
    this.byMember.set(memberId, mine);
    // Members who posted long ago are forgotten: the map holds the last window's posters only.
    if (this.byMember.size > 10_000)
      for (const [id, times] of this.byMember)
        if (recent(times, FORUM_LIMITS.memberWindowMs).length === 0) this.byMember.delete(id);
    return true;
  }
}

/** The intents the configuration needs: forums add who writes in posts, and reading them Message Content. */
export function intentsFor(config: Pick<Config, 'HELP_FORUM_IDS' | 'HELP_FORUM_READ_MESSAGES'>) {
  return {
    messages: config.HELP_FORUM_IDS.length > 0,
    content: config.HELP_FORUM_IDS.length > 0 && config.HELP_FORUM_READ_MESSAGES,
  };
}
