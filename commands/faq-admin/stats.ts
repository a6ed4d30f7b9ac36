import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/bot/command.js';
import { sendNotice } from '../../src/bot/respond.js';
import { renderSections, type Section } from '../../src/cards/sections.js';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { literal } from '../../src/discord/literal.js';
import { HISTORY_DAYS } from '../../src/store/store.js';
import type { AdminSubcommand } from './subcommand.js';
import { forumFigures, forumLines, type ForumFigures } from '../../src/bot/forum-figures.js';
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
  const report = await statsReport(ctx, days, interaction.guildId);
  await sendNotice(interaction, statsText(ctx, report));
  return { outcome: 'stats', sub: 'stats', days };
}

/** What the stats read of the database, and what they need to say it (the shell's too). */
export type StatsContext = Pick<BotContext, 'store' | 'sources' | 'answers' | 'config'> & {
  /** The bot's pin keeper, for why a card is stuck; the shell has none (it reads the flags only). */
  pins?: BotContext['pins'];
};

/**
 * What `/faq-admin stats` reports for a server over `days`, as data: `npm run faq -- stats --json`
 * prints it, and the reply is written from it.
 */
export async function statsReport(ctx: StatsContext, days: number, guildId: string | null) {
  const s = await ctx.store.statsOffThread(days, guildId);
  const title = (id: string) => ctx.sources.titleOf(id) ?? null;
  const pins = ctx.store.pins().filter(inServer(guildId));
  return {
    days,
    guildId,
    topEntries: s.topEntries.map((r) => ({ ...r, title: title(r.entryId) })),
    gaps: s.gaps,
    feedback: s.feedback.map((f) => ({ ...f, title: title(f.entryId) })),
    pinned: {
      count: pins.length,
      notUpToDate: pins
        .filter((p) => p.stale)
        .map((p) => ({ channelId: p.channelId, entryId: p.entryId, question: p.question })),
    },
    taught: ctx.store
      .teachings()
      .filter((t) => t.guildId === guildId)
      .map((t) => ({ ...t, title: title(t.answerId) })),
    forum: ctx.config.HELP_FORUM_IDS.length
      ? forumFigures(ctx.store.forumPosts(days, guildId), (w) => ctx.answers.ranking.rarity(w))
      : null,
  };
}

export type StatsReport = Awaited<ReturnType<typeof statsReport>>;

/** The report as the moderator reads it: one message, long lists cut with a count of the rest. */
export function statsText(ctx: StatsContext, r: StatsReport): string {
  // Ids come from stored rows, votes included: shown as text, never as Markdown.
  const question = (id: string, title: string | null) => title ?? `${literal(id, 90)} (removed)`;
  const sections: Section[] = [
    {
      title: 'Most used',
      rows: r.topEntries.map((e) => `${e.count}× ${question(e.entryId, e.title)}`),
    },
    {
      title: 'Asked but not found (gaps to fill)',
      rows: r.gaps.map((g) => `${g.count}× /${g.command} "${literal(g.query)}"`),
    },
    {
      title: 'Feedback',
      rows: r.feedback.map(
        (f) => `👍 ${f.helpful} 👎 ${f.notHelpful}  ${question(f.entryId, f.title)}`,
      ),
    },
    pinnedCards(ctx, r.guildId),
    taughtWordings(ctx, r.guildId),
    ...(r.forum ? [helpForum(r.forum)] : []),
  ];
  return renderSections(
    `FAQ usage in this server over the last ${r.days} day${r.days === 1 ? '' : 's'}:`,
    sections,
    DISCORD_LIMITS.content,
  );
}

/** For stats: the wordings taught in this server, newest first (undo with /faq-admin unteach). */
function taughtWordings(ctx: StatsContext, guildId: string | null): Section {
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
function helpForum(figures: ForumFigures): Section {
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
function pinnedCards(ctx: StatsContext, guildId: string | null): Section {
  const pins = ctx.store.pins().filter(inServer(guildId));
  const stuck = ctx.pins
    ? ctx.pins.stuckCards(pins)
    : pins
        .filter((p) => p.stale)
        .map((p) => ({ ...p, reason: { kind: 'before-restart' as const } }));
  const count = `${pins.length} pinned`;
  if (stuck.length === 0) return { title: 'Pinned cards', rows: [`${count}, all up to date.`] };
  return {
    title: 'Pinned cards',
    rows: [`${count}, ${stuck.length} not up to date:`, ...stuckLines(stuck, guildId)],
  };
}
