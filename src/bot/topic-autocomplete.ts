import type { AutocompleteInteraction } from 'discord.js';
import { autocompleteChoices } from './faq-text.js';
import type { BotContext, Outcome } from './command.js';
import { sendChoices } from './respond.js';

/** Suggests FAQ questions for whatever `topic` option is being typed (/faq and /faq-admin share it). */
export async function topicAutocomplete(
  interaction: AutocompleteInteraction,
  { library }: BotContext,
): Promise<Outcome> {
  const query = interaction.options.getFocused();
  const choices = autocompleteChoices(library.index, query);
  await sendChoices(interaction, choices);
  return { outcome: 'choices', query, count: choices.length };
}
