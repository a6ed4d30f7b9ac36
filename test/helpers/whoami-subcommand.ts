import type { AdminSubcommand } from '../../commands/faq-admin/subcommand.js';
import { sendNotice } from '../../src/bot/respond.js';

/** A throwaway moderator subcommand: one module; registering it is one line. */
export const whoami: AdminSubcommand = {
  name: 'whoami',
  build: (s) =>
    s
      .setName('whoami')
      .setDescription('Says who is asking, and where')
      .addChannelOption((o) => o.setName('channel').setDescription('Where to ask about')),
  actsIn: (interaction) => interaction.options.getChannel('channel')?.id,
  async run(interaction) {
    const where = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
    await sendNotice(
      interaction,
      `You are ${interaction.user.username}, a moderator in <#${where}>.`,
    );
    return { outcome: 'whoami' };
  },
};
