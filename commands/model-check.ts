import type {
  ChatInputCommandInteraction,
  SlashCommandBuilder,
  SlashCommandStringOption,
} from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { sendNotice } from '../src/bot/respond.js';
import { MODELS } from '../src/sources/models.js';
import { answerCheck } from './check-request.js';

/** The option a request is pasted into: `/model check:<request>`. */
export const CHECK_OPTION = 'check';
/** A slash command option holds at most 6000 characters. */
const CHECK_MAX = 6000;

/**
 * `/model` with `check`: the request pasted into it is checked against the endpoint's inputs, as
 * "Check fal request" checks a message (`endpoint`, when picked too, is the one meant if the request
 * names none). `endpoint` alone posts the model's card, as before.
 */
export function withRequestCheck(command: Command): Command {
  const spec = MODELS.command!;
  const data = command.data as SlashCommandBuilder;
  // Either option may come alone, so neither is required (Discord lists required options first).
  const endpoint = data.options.find((o) => o.toJSON().name === spec.option);
  (endpoint as SlashCommandStringOption).setRequired(false);
  data.addStringOption((o) =>
    o
      .setName(CHECK_OPTION)
      .setDescription(
        "A fal request to check against the endpoint's inputs (cURL, fal.subscribe, fal_client, JSON)",
      )
      .setMaxLength(CHECK_MAX),
  );
  return {
    ...command,
    async execute(interaction: ChatInputCommandInteraction, ctx) {
      const request = interaction.options.getString(CHECK_OPTION);
      const picked = interaction.options.getString(spec.option) ?? undefined;
      if (request) return answerCheck(interaction, ctx, request, picked);
      if (picked) return command.execute(interaction, ctx);
      await sendNotice(
        interaction,
        `Pick an endpoint in \`${spec.option}\` to see its card, or paste a fal request into \`${CHECK_OPTION}\` to check it against the endpoint's inputs.`,
      );
      return { outcome: 'usage' };
    },
  };
}
