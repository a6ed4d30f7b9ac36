import type { BotContext } from './command.js';
import { DAY_MS, HISTORY_DAYS, type Usage } from '../store/store.js';

/**
 * Store access the bot can serve without: a failing database is logged and never keeps a member
 * from getting an answer, nor takes the bot down from an event handler.
 */
export function withStore<T>(
  ctx: Pick<BotContext, 'logger'>,
  what: string,
  use: () => T,
  fallback: T,
): T {
  try {
    return use();
  } catch (error) {
    ctx.logger.warn({ err: error }, `could not ${what}`);
    return fallback;
  }
}

/** Records what was asked. Runs after the answer is sent. */
export function recordUsage(
  ctx: Pick<BotContext, 'store' | 'logger'>,
  // discord.js gives a null channel id for an interaction outside a channel.
  usage: Omit<Usage, 'channelId'> & { channelId?: string | null },
): void {
  withStore(
    ctx,
    'record usage',
    () => ctx.store.recordUsage({ ...usage, channelId: usage.channelId ?? undefined }),
    undefined,
  );
}

/** Remembers the card posted in a channel (for the cooldown). Runs after the answer is sent. */
export function recordPost(
  ctx: Pick<BotContext, 'store' | 'logger'>,
  post: { channelId: string; entryId: string; messageId: string },
): void {
  withStore(ctx, 'record the post', () => ctx.store.recordPost(post), undefined);
}

/**
 * Forgets usage and votes older than HISTORY_DAYS now and then once a day, so that a bot running
 * for months neither grows its database nor keeps who asked what for good.
 */
export function pruneHistoryDaily(ctx: Pick<BotContext, 'store' | 'logger'>): { close(): void } {
  const prune = () => {
    const removed = withStore(ctx, 'forget old usage', () => ctx.store.pruneHistory(), 0);
    if (removed > 0)
      ctx.logger.info(
        { removed, keptDays: HISTORY_DAYS },
        'forgot usage and votes past the stats window',
      );
  };
  prune();
  const timer = setInterval(prune, DAY_MS).unref();
  return { close: () => clearInterval(timer) };
}
