import type { BotContext } from './command.js';
import type { UsageOutcome } from '../store/store.js';

/** Records what was asked. Runs after the answer is sent; a failure is logged and never reaches the member. */
export function recordUsage(
  ctx: Pick<BotContext, 'store' | 'logger'>,
  usage: {
    outcome: UsageOutcome;
    entryId?: string;
    query?: string;
    userId?: string;
    channelId?: string | null;
  },
): void {
  try {
    ctx.store.recordUsage({ ...usage, channelId: usage.channelId ?? undefined });
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not record usage');
  }
}
