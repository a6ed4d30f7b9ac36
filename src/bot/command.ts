import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  MessageContextMenuCommandInteraction,
  REST,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.js';
import type { FaqLibrary } from '../faq/library.js';
import type { Logger } from '../logger.js';
import type { PinKeeper } from '../pins/keeper.js';
import type { Store } from '../store/store.js';

/** What every handler may use. Handlers get it passed in, never import state. */
export interface BotContext {
  config: Config;
  logger: Logger;
  library: FaqLibrary;
  store: Store;
  pins: PinKeeper;
  rest: REST;
}

/** What a handler reports for the one log line written per interaction. */
export interface Outcome {
  outcome: string;
  query?: string;
  id?: string;
  [field: string]: unknown;
}

export type ComponentHandler = (
  interaction: MessageComponentInteraction,
  ctx: BotContext,
) => Promise<Outcome>;

/**
 * A command module: its definition and its handlers (the discord.js starter's shape), plus
 * the handlers of the buttons and menus it puts on messages, keyed by custom_id prefix.
 */
export interface Command<
  I extends ChatInputCommandInteraction | MessageContextMenuCommandInteraction =
    ChatInputCommandInteraction,
> {
  data: { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  execute(interaction: I, ctx: BotContext): Promise<Outcome>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<Outcome>;
  components?: Record<string, ComponentHandler>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the map holds both kinds; the dispatcher checks which
export type AnyCommand = Command<any>;

export interface CommandMap {
  commands: Map<string, AnyCommand>;
  components: Map<string, ComponentHandler>;
}

/** The command map: one place, duplicate names and custom_id prefixes refused. */
export function buildCommandMap(list: readonly AnyCommand[]): CommandMap {
  const commands = new Map<string, AnyCommand>();
  const components = new Map<string, ComponentHandler>();
  for (const command of list) {
    if (commands.has(command.data.name))
      throw new Error(`Two commands are named "${command.data.name}"`);
    commands.set(command.data.name, command);
    for (const [prefix, handler] of Object.entries(command.components ?? {})) {
      if (components.has(prefix))
        throw new Error(`Two handlers claim the custom_id prefix "${prefix}"`);
      components.set(prefix, handler);
    }
  }
  return { commands, components };
}
