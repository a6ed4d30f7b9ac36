import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { sendChoices } from '../src/bot/respond.js';

export const FIXED_CHOICES = [
  { name: 'Is there a rate limit?', value: 'rate-limit' },
  { name: 'Do my credits expire?', value: 'credits-expire' },
];

/** A full answer, 25 choices about as long as a model endpoint's: what sending 25 costs. */
export const FULL_CHOICES = Array.from({ length: 25 }, (_, i) => ({
  name: `fal-ai/some-model-family/v2.${i}/image-to-video`,
  value: `model:fal-ai/some-model-family/v2.${i}/image-to-video`,
}));

/** What discord.js itself costs: an autocomplete that answers `choices` through the same helper. */
function fixedFloor(name: string, choices: { name: string; value: string }[]) {
  return {
    data: new SlashCommandBuilder()
      .setName(name)
      .setDescription(`Benchmark floor: answers ${choices.length} fixed choices`)
      .addStringOption((o) =>
        o.setName('topic').setDescription('anything').setRequired(true).setAutocomplete(true),
      ),
    async autocomplete(interaction) {
      await sendChoices(interaction, choices);
      return { outcome: 'choices' };
    },
    async execute() {
      return { outcome: 'none' };
    },
  } satisfies Command;
}

export const floor = fixedFloor('bench-floor', FIXED_CHOICES);
/** The floor for a source's autocomplete: 25 choices, as /docs and /model answer. */
export const fullFloor = fixedFloor('bench-floor-25', FULL_CHOICES);
