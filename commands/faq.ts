import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { send, sendChoices, sendNotice } from '../src/bot/respond.js';
import { renderCard } from '../src/cards/render.js';
import { autocompleteChoices, didYouMeanText, resolveTopic } from '../src/search/resolve.js';

export const faq = {
  data: new SlashCommandBuilder()
    .setName('faq')
    .setDescription('Answer a question from the fal docs FAQ')
    .addStringOption((o) =>
      o
        .setName('topic')
        .setDescription('What is it about? Start typing and pick a question')
        .setRequired(true)
        .setAutocomplete(true),
    )
    .addUserOption((o) => o.setName('mention').setDescription('Someone to point the answer at'))
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer')),

  async autocomplete(interaction, { library }) {
    const query = interaction.options.getFocused();
    const choices = autocompleteChoices(library.index, query);
    await sendChoices(interaction, choices);
    return { outcome: 'choices', query, count: choices.length };
  },

  async execute(interaction, { library }) {
    const topic = interaction.options.getString('topic', true);
    const mention = interaction.options.getUser('mention');
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    const resolution = resolveTopic(library.index, topic);
    if (resolution.kind === 'no-match') {
      await sendNotice(interaction, didYouMeanText(library.index, topic, resolution.suggestions));
      return { outcome: 'no-match', query: topic };
    }
    const card = renderCard(resolution.entry, { mentionUserId: mention?.id, ephemeral });
    await send(interaction, card);
    return {
      outcome: 'card',
      query: topic,
      id: resolution.entry.id,
      via: resolution.via,
      ephemeral,
    };
  },
} satisfies Command;
