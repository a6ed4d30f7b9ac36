import { ApplicationCommandType, MessageReferenceType, MessageType } from 'discord-api-types/v10';
import { GuildState } from './guild.js';
import { resolveMentions } from './mentions.js';
import type { Member, StoredInteraction, StoredMessage, User } from './model.js';
import { snowflake } from './snowflake.js';

/** The guild's messages as Discord stores them and shows them to the bot (API shape, mentions resolved). */
export class MessageState extends GuildState {
  readonly messages = new Map<string, StoredMessage>();
  readonly pins = new Map<string, string[]>();
  readonly interactions = new Map<string, StoredInteraction>();

  createMessage(
    channelId: string,
    body: Record<string, unknown>,
    extra: Partial<StoredMessage> = {},
  ): StoredMessage {
    const message: StoredMessage = {
      id: snowflake(),
      channel_id: channelId,
      author: this.botUser,
      content: (body.content as string | undefined) ?? '',
      embeds: (body.embeds as unknown[] | undefined) ?? [],
      components: (body.components as unknown[] | undefined) ?? [],
      flags: (body.flags as number | undefined) ?? 0,
      allowed_mentions: body.allowed_mentions,
      resolved: resolveMentions(body.content as string | undefined, body.allowed_mentions),
      pinned: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      deleted: false,
      ...extra,
    };
    const reference = body.message_reference as { message_id?: string } | undefined;
    if (reference?.message_id)
      message.message_reference = { message_id: reference.message_id, channel_id: channelId };
    this.messages.set(message.id, message);
    return message;
  }

  /** A message a member wrote (for context-menu flows). */
  memberMessage(member: Member, content: string, channelId?: string): StoredMessage {
    return this.createMessage(
      this.channel(channelId).id,
      { content, allowed_mentions: { parse: [] } },
      { author: member.user },
    );
  }

  editMessage(message: StoredMessage, body: Record<string, unknown>): StoredMessage {
    if (body.content !== undefined) message.content = (body.content as string | null) ?? '';
    if (body.embeds !== undefined) message.embeds = (body.embeds as unknown[] | null) ?? [];
    if (body.components !== undefined)
      message.components = (body.components as unknown[] | null) ?? [];
    if (body.allowed_mentions !== undefined) message.allowed_mentions = body.allowed_mentions;
    message.resolved = resolveMentions(message.content, message.allowed_mentions);
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  toApi(m: StoredMessage): Record<string, unknown> {
    return {
      id: m.id,
      channel_id: m.channel_id,
      guild_id: this.guild.id,
      author: m.author,
      content: m.content,
      embeds: m.embeds,
      components: m.components,
      flags: m.flags,
      mentions: m.resolved.mentions.map(
        (id) =>
          this.members.get(id)?.user ?? {
            id,
            username: 'unknown',
            discriminator: '0',
            global_name: null,
            avatar: null,
          },
      ),
      mention_roles: m.resolved.mention_roles,
      mention_everyone: m.resolved.mention_everyone,
      pinned: m.pinned,
      timestamp: m.timestamp,
      edited_timestamp: m.edited_timestamp,
      tts: false,
      attachments: [],
      reactions: [],
      type: m.message_reference
        ? MessageType.Reply
        : m.interactionId
          ? MessageType.ChatInputCommand
          : MessageType.Default,
      ...(m.message_reference
        ? {
            message_reference: {
              ...m.message_reference,
              guild_id: this.guild.id,
              type: MessageReferenceType.Default,
            },
          }
        : {}),
      ...(m.interactionId ? this.interactionMetadata(m.interactionId) : {}),
      ...(m.author.bot
        ? {
            application_id: this.applicationId,
            webhook_id: m.interactionId ? this.applicationId : undefined,
          }
        : {}),
    };
  }

  /**
   * What Discord tells of the interaction a response message answers: who invoked it and, for a
   * message command, on which message. The bot can trust it; a custom_id it cannot.
   */
  private interactionMetadata(interactionId: string): Record<string, unknown> {
    const interaction = this.interactions.get(interactionId);
    if (!interaction) return {};
    const p = interaction.payload as {
      member?: { user: User };
      user?: User;
      authorizing_integration_owners?: unknown;
      data?: { type?: number; target_id?: string };
    };
    return {
      interaction_metadata: {
        id: interaction.id,
        type: interaction.type,
        user: p.member?.user ?? p.user,
        authorizing_integration_owners: p.authorizing_integration_owners ?? {},
        ...(p.data?.type === ApplicationCommandType.Message && p.data.target_id
          ? { target_message_id: p.data.target_id }
          : {}),
      },
    };
  }

  channelMessages(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId && !m.deleted);
  }
}
