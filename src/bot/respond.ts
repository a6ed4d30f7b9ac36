import type {
  APIApplicationCommandOptionChoice,
  AutocompleteInteraction,
  InteractionReplyOptions,
  MessageMentionOptions,
  RepliableInteraction,
} from 'discord.js';
import { DISCORD_LIMITS, truncate } from '../cards/limits.js';
import { renderNotice, type MessageBody } from '../cards/render.js';

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

/** Sends `body` as the interaction's answer: the reply if none was sent yet, else a follow-up. */
export async function send(interaction: RepliableInteraction, body: MessageBody): Promise<void> {
  const options = toReplyOptions(body);
  if (interaction.replied || interaction.deferred) await interaction.followUp(options);
  else await interaction.reply(options);
}

export function sendNotice(interaction: RepliableInteraction, text: string): Promise<void> {
  return send(interaction, renderNotice(text));
}

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
