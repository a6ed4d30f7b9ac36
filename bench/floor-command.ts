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

/** A full answer, 25 choices about as long as a model endpoint's: what sending 25 costs. */
export const FULL_CHOICES = Array.from({ length: 25 }, (_, i) => ({
  name: `fal-ai/some-model-family/v2.${i}/image-to-video`,
  value: `model:fal-ai/some-model-family/v2.${i}/image-to-video`,
}));

/** The floor for a source's autocomplete: the same helper answering 25 fixed choices. */
export const fullFloor = {
  data: new SlashCommandBuilder()
    .setName('bench-floor-25')
    .setDescription('Benchmark floor: answers 25 fixed choices')
    .addStringOption((o) =>
      o.setName('topic').setDescription('anything').setRequired(true).setAutocomplete(true),
    ),
  async autocomplete(interaction) {
    await sendChoices(interaction, FULL_CHOICES);
    return { outcome: 'choices' };
  },
  async execute() {
    return { outcome: 'none' };
  },
} satisfies Command;
