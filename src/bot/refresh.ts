import type { ReloadResult } from '../sources/faq.js';
import { formatProblem } from '../faq/problem.js';
import type { SyncReport } from '../pins/keeper.js';
import type { BotContext } from './command.js';

/** A reload that took also says what it did to the pinned cards. */
export type RefreshResult =
  | (Extract<ReloadResult, { ok: true }> & { pins: SyncReport })
  | Extract<ReloadResult, { ok: false }>;

/**
 * Reloads FAQ_DIR: a valid set replaces the served index and then every pinned card is
 * brought in line; an invalid one is reported and the previous index keeps serving.
 */
export async function refreshFaq(
  ctx: Pick<BotContext, 'library' | 'pins' | 'logger'>,
  trigger: string,
): Promise<RefreshResult> {
  const result = await ctx.library.reload();
  if (!result.ok) {
    ctx.logger.error(
      { trigger, problems: result.problems.map(formatProblem) },
      'FAQ reload refused: the previous FAQ keeps serving',
    );
    return result;
  }
  const { added, changed, removed } = result.changes;
  ctx.logger.info(
    { trigger, added, changed, removed, entries: ctx.library.index.entries.length },
    'FAQ reloaded',
  );
  return { ...result, pins: await ctx.pins.sync() };
}
