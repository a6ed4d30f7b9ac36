import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { BotContext, Command, Outcome } from '../../src/bot/command.js';

/**
 * One `/faq-admin` subcommand: its definition and its handler, in one module. The command
 * builds its definition from the list of these, dispatches to them, and checks the invoker is a
 * moderator where the subcommand acts; the sandboxes read it back from what was registered.
 */
export interface AdminSubcommand {
  name: string;
  build(builder: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder;
  /** The channel it acts in, when an option names one (default: where it was typed). */
  actsIn?(interaction: ChatInputCommandInteraction): string | undefined;
  /** Suggestions for its autocompleted option (default: FAQ questions, as /faq suggests). */
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<Outcome>;
  /** Handlers of the buttons and menus it puts on messages, by custom_id kind. */
  components?: Command['components'];
  /** Runs after the reply was deferred (privately): each may wait on Discord or the database. */
  run(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<Outcome>;
}
