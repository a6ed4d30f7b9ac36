import type {
  APIApplicationCommandOptionChoice,
  AutocompleteInteraction,
  InteractionReplyOptions,
  MessageComponentInteraction,
  MessageMentionOptions,
  RepliableInteraction,
} from 'discord.js';
import { DISCORD_LIMITS, truncate } from '../discord/limits.js';
import { renderNotice, type MessageBody } from '../cards/render.js';
import type { Outcome } from './command.js';

/** discord.js takes camelCase options and writes them back as the API body the card describes. */
export function toReplyOptions(body: MessageBody): InteractionReplyOptions {
  const mentions: MessageMentionOptions = {
    parse: body.allowed_mentions.parse ?? [],
    users: body.allowed_mentions.users ?? [],
    roles: body.allowed_mentions.roles ?? [],
    repliedUser: body.allowed_mentions.replied_user ?? false,
  };
  const options: InteractionReplyOptions = {
    embeds: body.embeds,
    components: body.components,
    allowedMentions: mentions,
  };
  if (body.content !== undefined) options.content = body.content;
  if (body.flags !== undefined) options.flags = body.flags as InteractionReplyOptions['flags'];
  return options;
}

/** Anything the bot can answer: commands, context menus, buttons and menus. */
export type Answerable = RepliableInteraction | MessageComponentInteraction;

/**
 * Sends `body` as the interaction's answer: the reply if none was sent yet, else a follow-up.
 * Resolves with the id of the message it created, when Discord says it.
 */
export async function send(answerable: Answerable, body: MessageBody): Promise<string | undefined> {
  // discord.js types component interactions apart, but they reply and follow up the same way.
  const interaction = answerable as RepliableInteraction;
  const options = toReplyOptions(body);
  // A deferred reply is completed by editing it (its ephemeral flag was set when deferring).
  if (interaction.deferred && !interaction.replied) {
    const { flags: _flags, ...edit } = options;
    return (await interaction.editReply(edit)).id;
  }
  if (interaction.replied || interaction.deferred) return (await interaction.followUp(options)).id;
  const response = await interaction.reply({ ...options, withResponse: true });
  return response.resource?.message?.id ?? undefined;
}

/** Replaces the message a component sits on with `body` (a menu that has done its job). */
export async function replaceMessage(
  interaction: MessageComponentInteraction,
  body: MessageBody,
): Promise<void> {
  const { flags: _flags, ...options } = toReplyOptions(body);
  await interaction.update(options);
}

export async function sendNotice(interaction: Answerable, text: string): Promise<void> {
  await send(interaction, renderNotice(text));
}

/**
 * Discord keeps showing what the bot no longer has (a command registered before a deploy
 * removed it, buttons on old cards): answered, not left to "The application did not respond".
 */
export const OUTDATED =
  'That command or button is from an older version of the FAQ bot and no longer works. Use `/faq` to find an answer.';

/** Tells the member so, and gives the handler's outcome for the log line. */
export async function answerOutdated(interaction: Answerable, outcome: string): Promise<Outcome> {
  await sendNotice(interaction, OUTDATED);
  return { outcome };
}

/** A link that jumps to a message in Discord. */
export const jumpLink = (guildId: string | null, channelId: string, messageId: string) =>
  `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;

/** Answers an autocomplete inside Discord's limits whatever the caller built. */
export async function sendChoices(
  interaction: AutocompleteInteraction,
  choices: APIApplicationCommandOptionChoice<string>[],
): Promise<void> {
  await interaction.respond(
    choices.slice(0, DISCORD_LIMITS.choices).map((c) => ({
      name: truncate(c.name, DISCORD_LIMITS.choiceName),
      value: c.value.slice(0, DISCORD_LIMITS.choiceValue),
    })),
  );
}
