import type { Interaction } from 'discord.js';
import { decodeCustomId } from '../discord/custom-id.js';
import type { BotContext, CommandMap, Outcome } from './command.js';
import { handleInteractionError } from './errors.js';
import { answerOutdated, sendChoices } from './respond.js';

/**
 * Routes each interaction to its handler and writes one log line for it (command, query,
 * chosen id, latency, outcome). A handler that throws never reaches discord.js: the central
 * error handler answers the member instead.
 */
export function createInteractionHandler(map: CommandMap, ctx: BotContext) {
  return async (interaction: Interaction): Promise<void> => {
    const started = performance.now();
    let kind: string;
    let name: string;
    let run: () => Promise<Outcome>;
    if (interaction.isAutocomplete()) {
      const command = map.commands.get(interaction.commandName);
      [kind, name] = ['autocomplete', interaction.commandName];
      run = async () => {
        if (command?.autocomplete) return command.autocomplete(interaction, ctx);
        await sendChoices(interaction, []);
        return { outcome: 'no-autocomplete' };
      };
    } else if (interaction.isCommand()) {
      const command = map.commands.get(interaction.commandName);
      [kind, name] = ['command', interaction.commandName];
      // Matched by name and kind: a user context menu named like a slash command is not that command.
      const known = command && map.types.get(interaction.commandName) === interaction.commandType;
      run = async () => {
        if (known) return command.execute(interaction, ctx);
        ctx.logger.warn(
          { command: interaction.commandName },
          'Discord still lists a command this bot does not have: run `npm run deploy-commands`',
        );
        return answerOutdated(interaction, 'unknown-command');
      };
    } else if (interaction.isMessageComponent()) {
      const id = decodeCustomId(interaction.customId);
      const handler = id && map.components.get(id.kind);
      [kind, name] = ['component', id?.kind ?? 'unknown'];
      run = async () =>
        id && handler
          ? handler(interaction, ctx, id)
          : answerOutdated(interaction, 'unknown-component');
    } else {
      ctx.logger.warn(
        { interactionId: interaction.id, type: interaction.type },
        'interaction of a kind the bot does not serve',
      );
      return;
    }

    let result: Outcome;
    try {
      result = await run();
    } catch (error) {
      result = { outcome: 'error' };
      await handleInteractionError(interaction, error, ctx.logger);
    }
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const line = {
      interactionId: interaction.id,
      kind,
      command: name,
      user: interaction.user.id,
      latencyMs,
      ...result,
    };
    if (result.outcome === 'error') ctx.logger.warn(line, 'interaction');
    else ctx.logger.info(line, 'interaction');
  };
}
