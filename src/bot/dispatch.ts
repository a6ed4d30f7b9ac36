import type { Interaction } from 'discord.js';
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
    } else if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      const command = map.commands.get(interaction.commandName);
      [kind, name] = ['command', interaction.commandName];
      run = async () => {
        if (command) return command.execute(interaction, ctx);
        ctx.logger.warn(
          { command: interaction.commandName },
          'Discord still lists a command this bot does not have: run `npm run deploy-commands`',
        );
        return answerOutdated(interaction, 'unknown-command');
      };
    } else if (interaction.isMessageComponent()) {
      const prefix = interaction.customId.split(':')[0]!;
      const handler = map.components.get(prefix);
      [kind, name] = ['component', prefix];
      run = async () =>
        handler ? handler(interaction, ctx) : answerOutdated(interaction, 'unknown-component');
    } else return;

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
