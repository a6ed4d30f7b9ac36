import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { allowedMentions } from '../../src/cards/render.js';
import type { Command } from '../../src/bot/command.js';
import { send } from '../../src/bot/respond.js';
import { literal } from '../../src/discord/literal.js';

/**
 * A throwaway command, as a contributor would add one: one module, one plain object checked
 * with `satisfies Command`. Registering it is one line; the sandboxes and their help follow.
 */
export const echo = {
  data: new SlashCommandBuilder()
    .setName('echo')
    .setDescription('Says back what you typed')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) => o.setName('words').setDescription('What to say').setRequired(true))
    .addBooleanOption((o) => o.setName('loud').setDescription('In capitals')),

  async execute(interaction) {
    const words = interaction.options.getString('words', true);
    const loud = interaction.options.getBoolean('loud') ?? false;
    await send(interaction, {
      content: `echo: ${literal(loud ? words.toUpperCase() : words, 200)}`,
      embeds: [],
      components: [],
      allowed_mentions: allowedMentions(),
    });
    return { outcome: 'echo' };
  },
} satisfies Command;
