import {
  ApplicationCommandType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
  type MessageContextMenuCommandInteraction,
  type REST,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { CustomId, CustomIdKind } from '../discord/custom-id.js';
import type { Config } from '../config.js';
import type { FaqLibrary } from '../sources/faq.js';
import type { PostLimits } from '../limits/public-post.js';
import type { Logger } from '../logger.js';
import type { Sources } from '../sources/registry.js';
import type { Answers } from '../ranking/open.js';
import type { PinKeeper } from '../pins/keeper.js';
import type { Store } from '../store/store.js';

/** What every handler may use. Handlers get it passed in, never import state. */
export interface BotContext {
  config: Config;
  logger: Logger;
  library: FaqLibrary;
  /** Every source, the FAQ among them, as served. */
  sources: Sources;
  /** The one ranking of what members write across the sources, and the mappings it reads. */
  answers: Answers;
  store: Store;
  pins: PinKeeper;
  /** Cooldown and per-member budgets of public cards. */
  limits: PostLimits;
  rest: REST;
}

/** What a handler reports for the one log line written per interaction. */
export interface Outcome {
  outcome: string;
  query?: string;
  id?: string;
  [field: string]: unknown;
}

/** Handles a press or choice on one kind of the bot's components; `id` is the decoded custom_id (a claim). */
export type ComponentHandler = (
  interaction: MessageComponentInteraction,
  ctx: BotContext,
  id: CustomId,
) => Promise<Outcome>;

/**
 * A command module: its definition and its handlers (the discord.js starter's shape), plus
 * the handlers of the buttons and menus it puts on messages, keyed by custom_id kind.
 */
export interface Command<
  I extends ChatInputCommandInteraction | MessageContextMenuCommandInteraction =
    ChatInputCommandInteraction,
> {
  data: { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  execute(interaction: I, ctx: BotContext): Promise<Outcome>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<Outcome>;
  components?: Partial<Record<CustomIdKind, ComponentHandler>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the map holds both kinds; the dispatcher checks which
export type AnyCommand = Command<any>;

export interface CommandMap {
  commands: Map<string, AnyCommand>;
  /** Each command's kind (slash command, message menu), as registered. */
  types: Map<string, number>;
  components: Map<CustomIdKind, ComponentHandler>;
}

/** The command map: one place, duplicate names and custom_id kinds refused. */
export function buildCommandMap(list: readonly AnyCommand[]): CommandMap {
  const commands = new Map<string, AnyCommand>();
  const types = new Map<string, number>();
  const components = new Map<CustomIdKind, ComponentHandler>();
  for (const command of list) {
    if (commands.has(command.data.name))
      throw new Error(`Two commands are named "${command.data.name}"`);
    commands.set(command.data.name, command);
    types.set(command.data.name, command.data.toJSON().type ?? ApplicationCommandType.ChatInput);
    for (const [kind, handler] of Object.entries(command.components ?? {})) {
      if (components.has(kind as CustomIdKind))
        throw new Error(`Two handlers claim the custom_id kind "${kind}"`);
      components.set(kind as CustomIdKind, handler);
    }
  }
  return { commands, types, components };
}
