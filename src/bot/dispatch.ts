import type { Interaction } from 'discord.js';
import type { BotContext, Command, Outcome } from './command.js';
import { handleInteractionError } from './errors.js';

/**
 * Routes each interaction to its command's handler and writes one log line for it
 * (command, query, chosen id, latency, outcome). A handler that throws never reaches
 * discord.js: the central error handler answers the member instead.
 */
export function createInteractionHandler(commands: Map<string, Command>, ctx: BotContext) {
  return async (interaction: Interaction): Promise<void> => {
    if (!interaction.isChatInputCommand() && !interaction.isAutocomplete()) return;
    const started = performance.now();
    const command = commands.get(interaction.commandName);
    const kind = interaction.isAutocomplete() ? 'autocomplete' : 'command';
    let result: Outcome;
    try {
      if (!command) result = { outcome: 'unknown-command' };
      else if (interaction.isAutocomplete()) {
        result = command.autocomplete
          ? await command.autocomplete(interaction, ctx)
          : { outcome: 'no-autocomplete' };
      } else result = await command.execute(interaction, ctx);
    } catch (error) {
      result = { outcome: 'error' };
      await handleInteractionError(interaction, error, ctx.logger);
    }
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const line = {
      interactionId: interaction.id,
      kind,
      command: interaction.commandName,
      user: interaction.user.id,
      latencyMs,
      ...result,
    };
    if (result.outcome === 'error') ctx.logger.warn(line, 'interaction');
    else ctx.logger.info(line, 'interaction');
  };
}
