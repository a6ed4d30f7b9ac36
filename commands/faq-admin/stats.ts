import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/bot/command.js';
import { sendNotice } from '../../src/bot/respond.js';
import { renderSections, type Section } from '../../src/cards/sections.js';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { literal } from '../../src/discord/literal.js';
import { HISTORY_DAYS } from '../../src/store/store.js';
import type { AdminSubcommand } from './subcommand.js';
import { forumFigures, forumLines } from '../../src/bot/forum-figures.js';
import { describe } from './teach.js';
import { inServer, stuckLines } from './wording.js';

/** `/faq-admin stats [days]`: what members asked, what was not found, feedback, the pinned cards. */
export const stats: AdminSubcommand = {
  name: 'stats',
  build: (s) =>
    s
      .setName('stats')
      .setDescription('What members asked: top entries, unanswered questions, feedback')
      .addIntegerOption((o) =>
        o
          .setName('days')
          .setDescription('How many days back (default 7)')
          .setMinValue(1)
          .setMaxValue(HISTORY_DAYS),
      ),
  run: showStats,
};

async function showStats(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const days = interaction.options.getInteger('days') ?? 7;
  const s = await ctx.store.statsOffThread(days, interaction.guildId);
  // Ids come from stored rows, votes included: shown as text, never as Markdown.
  const question = (id: string) => ctx.sources.titleOf(id) ?? `${literal(id, 90)} (removed)`;
  const sections: Section[] = [
    { title: 'Most used', rows: s.topEntries.map((r) => `${r.count}× ${question(r.entryId)}`) },
    {
      title: 'Asked but not found (gaps to fill)',
      rows: s.gaps.map((g) => `${g.count}× /${g.command} "${literal(g.query)}"`),
    },
    {
      title: 'Feedback',
      rows: s.feedback.map((f) => `👍 ${f.helpful} 👎 ${f.notHelpful}  ${question(f.entryId)}`),
    },
    pinnedCards(ctx, interaction.guildId),
    taughtWordings(ctx, interaction.guildId),
    ...(ctx.config.HELP_FORUM_IDS.length ? [helpForum(ctx, days, interaction.guildId)] : []),
  ];
  const text = renderSections(
    `FAQ usage in this server over the last ${days} day${days === 1 ? '' : 's'}:`,
    sections,
    DISCORD_LIMITS.content,
  );
  await sendNotice(interaction, text);
  return { outcome: 'stats', sub: 'stats', days };
}

/** For stats: the wordings taught in this server, newest first (undo with /faq-admin unteach). */
function taughtWordings(ctx: BotContext, guildId: string | null): Section {
  const taught = ctx.store.teachings().filter((t) => t.guildId === guildId);
  return {
    title: `Taught wordings (${taught.length})`,
    rows: taught.length
      ? taught
          .slice(-MAX_TAUGHT_SHOWN)
          .reverse()
          .map(
            (t) =>
              `${literal(describe(ctx, t), 150)} (by ${literal(t.taughtByName ?? t.taughtBy, 40)}, ${new Date(t.taughtAt).toISOString().slice(0, 10)})`,
          )
      : ['None yet: `/faq-admin teach` maps what members write to the answer they mean.'],
  };
}

const MAX_TAUGHT_SHOWN = 10;

/** For stats: the help forums' posts over the period, and the questions left unanswered. */
export function helpForum(ctx: BotContext, days: number, guildId: string | null): Section {
  const figures = forumFigures(ctx.store.forumPosts(days, guildId), (w) =>
    ctx.answers.ranking.rarity(w),
  );
  return {
    title: 'Help forum',
    rows: [
      ...forumLines(figures),
      ...(figures.unanswered.length ? ['Asked and not answered (teach the bot the answer):'] : []),
      ...figures.unanswered.map(
        (u) =>
          `${u.count}× "${literal(u.title, 90)}" → \`/faq-admin teach wording:${literal(u.title, 90)}\``,
      ),
    ],
  };
}

/** For stats: whether this server's pinned cards show the FAQ now served (edits land unseen). */
function pinnedCards(ctx: BotContext, guildId: string | null): Section {
  const pins = ctx.store.pins().filter(inServer(guildId));
  const stuck = ctx.pins.stuckCards(pins);
  const count = `${pins.length} pinned`;
  if (stuck.length === 0) return { title: 'Pinned cards', rows: [`${count}, all up to date.`] };
  return {
    title: 'Pinned cards',
    rows: [`${count}, ${stuck.length} not up to date:`, ...stuckLines(stuck, guildId)],
  };
}
