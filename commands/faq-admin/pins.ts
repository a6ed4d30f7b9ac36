import {
  ChannelType,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { BotContext, Outcome } from '../../src/bot/command.js';
import { jumpLink, sendNotice } from '../../src/bot/respond.js';
import { literal } from '../../src/discord/literal.js';
import { PinError, type PinFailure, type PinStep } from '../../src/pins/failure.js';
import type { UnpinOutcome } from '../../src/pins/keeper.js';
import { resolveTopic } from '../../src/search/resolve.js';
import type { AdminSubcommand } from './subcommand.js';

/** `topic` (autocompleted from the FAQ) and `channel` (default: where it is typed). */
const withTopicAndChannel = (s: SlashCommandSubcommandBuilder) =>
  s
    .addStringOption((o) =>
      o.setName('topic').setDescription('The question').setRequired(true).setAutocomplete(true),
    )
    .addChannelOption((o) =>
      o
        .setName('channel')
        .setDescription('Where (default: this channel)')
        .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
    );

/** The channel named by `channel:`, else none (where it was typed). */
const namedChannel = (interaction: ChatInputCommandInteraction) =>
  interaction.options.getChannel('channel')?.id;

/** `/faq-admin pin`: posts a question's card in a channel and pins it; the bot keeps it current. */
export const pin: AdminSubcommand = {
  name: 'pin',
  build: (s) =>
    withTopicAndChannel(
      s
        .setName('pin')
        .setDescription("Post a question's card in a channel and pin it; it stays current"),
    ),
  actsIn: namedChannel,
  run: (interaction, ctx) => pinOrUnpin(interaction, ctx, 'pin'),
};

/** `/faq-admin unpin`: unpins a pinned card and stops updating it. */
export const unpin: AdminSubcommand = {
  name: 'unpin',
  build: (s) =>
    withTopicAndChannel(
      s.setName('unpin').setDescription('Unpin a pinned card and stop updating it'),
    ),
  actsIn: namedChannel,
  run: (interaction, ctx) => pinOrUnpin(interaction, ctx, 'unpin'),
};

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
): Promise<Outcome> {
  const topic = interaction.options.getString('topic', true);
  const channelId = namedChannel(interaction) ?? interaction.channelId;
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
