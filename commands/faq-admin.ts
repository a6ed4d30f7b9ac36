import {
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandChannelOption,
  type SlashCommandStringOption,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { BotContext, Command, Outcome } from '../src/bot/command.js';
import { isModerator, NOT_A_MODERATOR, notAModeratorIn } from '../src/bot/moderation.js';
import { refreshFaq } from '../src/bot/refresh.js';
import { answerOutdated, jumpLink, sendNotice } from '../src/bot/respond.js';
import { topicAutocomplete } from '../src/bot/topic-autocomplete.js';
import { DISCORD_LIMITS } from '../src/discord/limits.js';
import { literal } from '../src/discord/literal.js';
import { fitList, renderSections, type Section } from '../src/cards/sections.js';
import { formatProblemInside } from '../src/faq/problem.js';
import { PinError, type EditFailure, type PinFailure, type PinStep } from '../src/pins/failure.js';
import type { StuckCard, SyncReport, UnpinOutcome } from '../src/pins/keeper.js';
import { resolveTopic } from '../src/search/resolve.js';
import { HISTORY_DAYS } from '../src/store/store.js';

const topicOption = (o: SlashCommandStringOption) =>
  o.setName('topic').setDescription('The question').setRequired(true).setAutocomplete(true);
const channelOption = (o: SlashCommandChannelOption) =>
  o
    .setName('channel')
    .setDescription('Where (default: this channel)')
    .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement);

export const faqAdmin = {
  data: new SlashCommandBuilder()
    .setName('faq-admin')
    .setDescription('Moderator tools for the FAQ')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('pin')
        .setDescription("Post a question's card in a channel and pin it; it stays current")
        .addStringOption(topicOption)
        .addChannelOption(channelOption),
    )
    .addSubcommand((s) =>
      s
        .setName('unpin')
        .setDescription('Unpin a pinned card and stop updating it')
        .addStringOption(topicOption)
        .addChannelOption(channelOption),
    )
    .addSubcommand((s) => s.setName('reload').setDescription('Reload the FAQ files now'))
    .addSubcommand((s) =>
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
    ),

  autocomplete: topicAutocomplete,

  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(false) ?? '';
    const run = SUBCOMMANDS[sub];
    if (!run) {
      ctx.logger.warn(
        { sub },
        'a /faq-admin subcommand this bot does not have: run `npm run deploy-commands`',
      );
      return answerOutdated(interaction, 'unknown-subcommand');
    }
    // A moderator of one channel is not one of every channel: pin and unpin need the rights in
    // the channel they act in (Discord resolves the option with the invoker's permissions there).
    const target = actsIn(interaction, sub);
    if (!isModerator(interaction, ctx.config, target)) {
      await sendNotice(
        interaction,
        target === interaction.channelId ? NOT_A_MODERATOR : notAModeratorIn(target),
      );
      return { outcome: 'refused', sub, channelId: target };
    }
    // Each may wait on Discord or the database for longer than the 3 s an answer is given.
    await interaction.deferReply({ flags: 'Ephemeral' });
    return run(interaction, ctx);
  },
} satisfies Command;

const SUBCOMMANDS: Record<
  string,
  (interaction: ChatInputCommandInteraction, ctx: BotContext) => Promise<Outcome>
> = {
  pin: (i, ctx) => pinOrUnpin(i, ctx, 'pin'),
  unpin: (i, ctx) => pinOrUnpin(i, ctx, 'unpin'),
  reload,
  stats,
};

/** The channel a subcommand acts in: the one named by `channel:`, else where it was typed. */
const actsIn = (interaction: ChatInputCommandInteraction, sub: string) =>
  (sub === 'pin' || sub === 'unpin' ? interaction.options.getChannel('channel')?.id : undefined) ??
  interaction.channelId;

const UNPIN_NOTICE: Record<UnpinOutcome, (question: string, channelId: string) => string> = {
  unpinned: (q, c) => `Unpinned **${q}** in <#${c}>.`,
  'not-pinned': (q, c) => `**${q}** is not pinned in <#${c}>.`,
  forgotten: (q, c) =>
    `I no longer have the permission to unpin **${q}** in <#${c}>, so I have stopped updating it there. Unpin it by hand if it should go.`,
};

async function pinOrUnpin(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  sub: 'pin' | 'unpin',
) {
  const topic = interaction.options.getString('topic', true);
  const channelId = actsIn(interaction, sub);
  const resolution = resolveTopic(ctx.library.index, topic);
  if (resolution.kind === 'no-match') {
    await sendNotice(
      interaction,
      `No FAQ entry matches "${literal(topic, 100)}". Pick a question from the list.`,
    );
    return { outcome: 'no-match', query: topic, sub };
  }
  const { entry } = resolution;
  try {
    if (sub === 'unpin') {
      const outcome = await ctx.pins.unpin(channelId, entry.id);
      await sendNotice(interaction, UNPIN_NOTICE[outcome](entry.question, channelId));
      return { outcome, id: entry.id, sub };
    }
    const { messageId, existed } = await ctx.pins.pin(
      { guildId: interaction.guildId, channelId },
      entry,
      interaction.user.id,
    );
    const link = jumpLink(interaction.guildId, channelId, messageId);
    await sendNotice(
      interaction,
      existed
        ? `**${entry.question}** is already pinned in <#${channelId}>: ${link}`
        : `Pinned **${entry.question}** in <#${channelId}>: ${link}\nIt will be updated whenever the FAQ changes.`,
    );
    return { outcome: existed ? 'already-pinned' : 'pinned', id: entry.id, sub };
  } catch (error) {
    if (!(error instanceof PinError)) throw error;
    await sendNotice(interaction, pinFailureText(error.failure));
    return { outcome: 'pin-refused', id: entry.id, sub, reason: error.failure.kind };
  }
}

const PIN_PERMISSION = 'Pin Messages (or Manage Messages)';
const STEP: Record<PinStep, { action: string; needs: string }> = {
  post: { action: 'post the card', needs: 'View Channel, Send Messages and Embed Links' },
  pin: { action: 'pin the card', needs: PIN_PERMISSION },
  unpin: { action: 'unpin the card', needs: PIN_PERMISSION },
};

/** Why a pin or unpin did not happen, in words a moderator can act on. */
function pinFailureText(f: PinFailure): string {
  switch (f.kind) {
    case 'bot-lacks-permission':
      return `I can't ${STEP[f.step].action} in that channel: I need the ${STEP[f.step].needs} permission there.`;
    case 'too-many-pins':
      return 'That channel already has 50 pinned messages; unpin one first.';
    case 'discord-failed': {
      const left =
        f.left === 'nothing-pinned'
          ? 'nothing was pinned'
          : f.step === 'unpin'
            ? 'the card is still pinned'
            : 'the card was left as it was';
      return `Discord failed to ${STEP[f.step].action} (HTTP ${f.status}, after retries); ${left}. Please try again in a minute.`;
    }
    case 'not-recorded':
      return f.takenBack
        ? 'I could not record the pin (the database failed), so I took the card back. Please try again in a moment.'
        : `I could not record the pin (the database failed), nor take the card back: delete it by hand (message ${f.messageId} in <#${f.channelId}>), then try again.`;
  }
}

/** Why a pinned card is not up to date, and what to do about it. */
function editFailureText(f: EditFailure): string {
  const stop = 'or unpin the card to stop updating it';
  switch (f.kind) {
    case 'no-access':
      return `I can no longer see that channel: give me View Channel there again, ${stop}`;
    case 'no-permission':
      return `I lack a permission to edit it there: check my permissions in that channel, ${stop}`;
    case 'discord-failed':
      return `Discord failed to update it (HTTP ${f.status})`;
    case 'refused':
      return `Discord refused the edit (${f.detail})`;
    case 'unreachable':
      return `Discord was not reached (${f.detail})`;
    case 'before-restart':
      return 'its last update failed before the bot restarted';
  }
}

/** Lists shown to a moderator stop here, so a notice stays readable (and inside Discord's 2000). */
const MAX_LISTED = 5;

/** A record made in this server, or before the bot kept servers (then it cannot tell). */
const inServer = (guildId: string | null) => (record: { guildId: string | null }) =>
  record.guildId === null || record.guildId === guildId;

/**
 * Each stuck card in this server as a line saying where it is and what to do about it; cards
 * in other servers are only counted, their moderators have no say here.
 */
function stuckLines(cards: StuckCard[], guildId: string | null): string[] {
  const here = cards.filter(inServer(guildId));
  const lines = here
    .slice(0, MAX_LISTED)
    .map((c) => `• **${literal(c.question)}** in <#${c.channelId}>: ${editFailureText(c.reason)}.`);
  if (here.length > MAX_LISTED) lines.push(`…and ${here.length - MAX_LISTED} more.`);
  const elsewhere = cards.length - here.length;
  if (elsewhere > 0) lines.push(`…and ${elsewhere} in other servers.`);
  return lines;
}

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

async function reload(interaction: ChatInputCommandInteraction, ctx: BotContext) {
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

async function stats(interaction: ChatInputCommandInteraction, ctx: BotContext) {
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
  ];
  const text = renderSections(
    `FAQ usage in this server over the last ${days} day${days === 1 ? '' : 's'}:`,
    sections,
    DISCORD_LIMITS.content,
  );
  await sendNotice(interaction, text);
  return { outcome: 'stats', sub: 'stats', days };
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
