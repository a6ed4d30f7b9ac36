import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../../src/bot/command.js';
import { isModerator, NOT_A_MODERATOR, notAModeratorIn } from '../../src/bot/moderation.js';
import { answerOutdated, sendChoices, sendNotice } from '../../src/bot/respond.js';
import { topicAutocomplete } from '../../src/bot/topic-autocomplete.js';
import { pin, unpin } from './pins.js';
import { reload } from './reload.js';
import { stats } from './stats.js';
import { teach, unteach } from './teach.js';
import { solved } from './solved.js';
import type { AdminSubcommand } from './subcommand.js';

/** Every subcommand, in the order Discord lists them: a new one is a module and a line here. */
export const ADMIN_SUBCOMMANDS: readonly AdminSubcommand[] = [
  pin,
  unpin,
  reload,
  stats,
  teach,
  unteach,
  solved,
];

/** `/faq-admin` with these subcommands: its definition is built from them, and it dispatches to them. */
export function adminCommand(subcommands: readonly AdminSubcommand[]) {
  const data = new SlashCommandBuilder()
    .setName('faq-admin')
    .setDescription('Moderator tools for the FAQ')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
    .setContexts(InteractionContextType.Guild);
  for (const sub of subcommands) data.addSubcommand((s) => sub.build(s));
  return {
    data,

    components: Object.assign(
      {},
      ...subcommands.map((s) => s.components ?? {}),
    ) as Command['components'],

    // Only moderators see what a subcommand suggests from the database (what was taught here).
    async autocomplete(interaction, ctx) {
      const sub = subcommands.find((s) => s.name === interaction.options.getSubcommand(false));
      if (!sub?.autocomplete) return topicAutocomplete(interaction, ctx);
      if (!isModerator(interaction, ctx.config, interaction.channelId)) {
        await sendChoices(interaction, []);
        return { outcome: 'refused', sub: sub.name };
      }
      return sub.autocomplete(interaction, ctx);
    },

    async execute(interaction, ctx) {
      const name = interaction.options.getSubcommand(false) ?? '';
      const sub = subcommands.find((s) => s.name === name);
      if (!sub) {
        ctx.logger.warn(
          { sub: name },
          'a /faq-admin subcommand this bot does not have: run `npm run deploy-commands`',
        );
        return answerOutdated(interaction, 'unknown-subcommand');
      }
      // A moderator of one channel is not one of every channel: pin and unpin need the rights in
      // the channel they act in (Discord resolves the option with the invoker's permissions there).
      const target = sub.actsIn?.(interaction) ?? interaction.channelId;
      if (!isModerator(interaction, ctx.config, target)) {
        await sendNotice(
          interaction,
          target === interaction.channelId ? NOT_A_MODERATOR : notAModeratorIn(target),
        );
        return { outcome: 'refused', sub: name, channelId: target };
      }
      // Each may wait on Discord or the database for longer than the 3 s an answer is given.
      await interaction.deferReply({ flags: 'Ephemeral' });
      return sub.run(interaction, ctx);
    },
  } satisfies Command;
}

export const faqAdmin = adminCommand(ADMIN_SUBCOMMANDS);
