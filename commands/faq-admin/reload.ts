import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/bot/command.js';
import { refreshFaq } from '../../src/bot/refresh.js';
import { sendNotice } from '../../src/bot/respond.js';
import { fitList, renderSections } from '../../src/cards/sections.js';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { formatProblemInside } from '../../src/faq/problem.js';
import type { SyncReport } from '../../src/pins/keeper.js';
import type { AdminSubcommand } from './subcommand.js';
import { stuckLines } from './wording.js';

/** `/faq-admin reload`: the FAQ files read again now, and what that did to the pinned cards. */
export const reload: AdminSubcommand = {
  name: 'reload',
  build: (s) => s.setName('reload').setDescription('Reload the FAQ files now'),
  run: reloadFaq,
};

/** A reload's id lists each stop here, leaving room for what it did to the pinned cards. */
const MAX_ID_LIST = 300;

/** What the reload did to the pinned cards: a line, and the cards it could not update. */
function pinSummary(pins: SyncReport, ctx: BotContext, guildId: string | null) {
  if (pins.unfinished)
    return {
      line: '⚠️ The pinned cards could not be updated (the database failed); retrying in the background.',
    };
  if (pins.failed > 0)
    return {
      stuck: {
        title: `⚠️ ${pins.failed} pinned card(s) could not be updated; retrying in the background`,
        rows: stuckLines(ctx.pins.stuckCards(), guildId),
      },
    };
  const done = pins.updated + pins.retired;
  return { line: done > 0 ? `Updated ${done} pinned card(s).` : undefined };
}

async function reloadFaq(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const result = await refreshFaq(ctx, `/faq-admin reload by ${interaction.user.id}`);
  if (!result.ok) {
    const problems = result.problems.map((p) => `• ${formatProblemInside(ctx.library.dir, p)}`);
    await sendNotice(
      interaction,
      renderSections(
        'The FAQ files have problems; the previous FAQ keeps serving:',
        [{ title: `${problems.length} problem(s)`, rows: problems }],
        DISCORD_LIMITS.content,
      ),
    );
    return { outcome: 'reload-refused', sub: 'reload', problems: result.problems.length };
  }
  const { added, changed, removed } = result.changes;
  const list = (label: string, ids: string[]) =>
    `${label}: ${ids.length ? fitList(ids, MAX_ID_LIST) : 'none'}`;
  const pins = pinSummary(result.pins, ctx, interaction.guildId);
  const header = [
    `Reloaded ${ctx.library.index.entries.length} entries.`,
    list('Added', added),
    list('Changed', changed),
    list('Removed', removed),
    ...(pins.line ? [pins.line] : []),
  ].join('\n');
  await sendNotice(
    interaction,
    pins.stuck ? renderSections(header, [pins.stuck], DISCORD_LIMITS.content) : header,
  );
  return {
    outcome: 'reloaded',
    sub: 'reload',
    added: added.length,
    changed: changed.length,
    removed: removed.length,
  };
}
