import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.js';
import type { FaqLibrary } from '../faq/library.js';
import type { Logger } from '../logger.js';

/** What every handler may use. Handlers get it passed in, never import state. */
export interface BotContext {
  config: Config;
  logger: Logger;
  library: FaqLibrary;
}

/** What a handler reports for the one log line written per interaction. */
export interface Outcome {
  outcome: string;
  query?: string;
  id?: string;
  [field: string]: unknown;
}

/** A slash command module: its definition and its handlers (the discord.js starter's shape). */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<Outcome>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<Outcome>;
}

/** The command map: one place, duplicate names refused. */
export function buildCommandMap(commands: readonly Command[]): Map<string, Command> {
  const map = new Map<string, Command>();
  for (const command of commands) {
    if (map.has(command.data.name))
      throw new Error(`Two commands are named "${command.data.name}"`);
    map.set(command.data.name, command);
  }
  return map;
}
