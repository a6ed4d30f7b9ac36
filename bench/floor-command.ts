import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { sendChoices } from '../src/bot/respond.js';

export const FIXED_CHOICES = [
  { name: 'Is there a rate limit?', value: 'rate-limit' },
  { name: 'Do my credits expire?', value: 'credits-expire' },
];

/** What discord.js itself costs: an autocomplete that answers a fixed list through the same helper. */
export const floor = {
  data: new SlashCommandBuilder()
    .setName('bench-floor')
    .setDescription('Benchmark floor: answers a fixed list')
    .addStringOption((o) =>
      o.setName('topic').setDescription('anything').setRequired(true).setAutocomplete(true),
    ),
  async autocomplete(interaction) {
    await sendChoices(interaction, FIXED_CHOICES);
    return { outcome: 'choices' };
  },
  async execute() {
    return { outcome: 'none' };
  },
} satisfies Command;
