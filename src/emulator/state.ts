import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  MessageReferenceType,
  MessageType,
  ApplicationCommandOptionType as OptionType,
  PermissionFlagsBits as Permission,
} from 'discord-api-types/v10';
import { resolveMentions, type ResolvedMentions } from './mentions.js';
import { snowflake } from './snowflake.js';

/** What @everyone may do in the emulated guild. */
export const MEMBER_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.ReadMessageHistory |
  Permission.UseApplicationCommands;
export const MODERATOR_PERMISSIONS =
  MEMBER_PERMISSIONS | Permission.ManageMessages | Permission.PinMessages;
/** What Discord gives an app in its DM with a member (app_permissions there). */
export const DM_BOT_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.ReadMessageHistory |
  Permission.UseApplicationCommands;
/** What the invite URL in the README grants the bot. */
export const BOT_PERMISSIONS =
  MEMBER_PERMISSIONS | Permission.EmbedLinks | Permission.ManageMessages | Permission.PinMessages;

export interface User {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
  bot?: boolean;
}

export interface Member {
  user: User;
  roles: string[];
  permissions: bigint;
}

/** A guild role besides @everyone. */
export interface Role {
  id: string;
  name: string;
  permissions: bigint;
}

export interface Channel {
  id: string;
  name: string;
  type: ChannelType.GuildText | ChannelType.DM;
  /** What the bot may do here; Discord refuses the rest with 50013. */
  botPermissions: bigint;
  /** Members whose permissions here differ from their server-wide ones (channel overwrites). */
  memberPermissions?: Map<string, bigint>;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  author: User;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  allowed_mentions?: unknown;
  resolved: ResolvedMentions;
  pinned: boolean;
  timestamp: string;
  edited_timestamp: string | null;
  message_reference?: { message_id: string; channel_id: string };
  interactionId?: string;
  deleted: boolean;
}

export interface InteractionResponse {
  type: number;
  data?: Record<string, unknown>;
}

export interface StoredInteraction {
  id: string;
  token: string;
  type: number;
  payload: Record<string, unknown>;
  createdAt: number;
  acknowledged: boolean;
  responses: InteractionResponse[];
  firstResponse: Promise<InteractionResponse>;
  resolveFirst: (r: InteractionResponse) => void;
  original?: StoredMessage;
  followups: StoredMessage[];
  /** Makes the interaction unanswerable, as when Discord's 3 s window has passed. */
  expire(): void;
  expired: boolean;
}

interface RegisteredOption {
  name: string;
  type: number;
  options?: RegisteredOption[];
  required?: boolean;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
}

/**
 * Why Discord's client would not let a member submit `value` for this option (it enforces the
 * registered bounds before anything reaches the bot), or undefined when it would.
 */
function refusal(definition: RegisteredOption, value: unknown): string | undefined {
  const { type, min_value: min, max_value: max } = definition;
  if (type === OptionType.Integer || type === OptionType.Number) {
    if (typeof value !== 'number' || (type === OptionType.Integer && !Number.isInteger(value)))
      return `must be ${type === OptionType.Integer ? 'a whole number' : 'a number'}`;
    if ((min !== undefined && value < min) || (max !== undefined && value > max))
      return `must be from ${min ?? '-∞'} to ${max ?? '∞'}`;
  }
  if (type === OptionType.String) {
    if (typeof value !== 'string') return 'must be text';
    const most = definition.max_length ?? 6000;
    if (value.length > most) return `must be at most ${most} characters`;
    if (definition.min_length !== undefined && value.length < definition.min_length)
      return `must be at least ${definition.min_length} characters`;
  }
  return undefined;
}

export interface RegisteredCommand {
  id: string;
  application_id: string;
  guild_id?: string;
  name: string;
  type: number;
  description: string;
  options?: RegisteredOption[];
  default_member_permissions?: string | null;
  version: string;
  [key: string]: unknown;
}

export class EmulatorState {
  readonly applicationId = snowflake();
  readonly botUser: User = {
    id: this.applicationId,
    username: 'fal FAQ',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  };
  readonly guild = { id: snowflake(), name: 'fal (local)', ownerId: '' };
  /** False once the bot was removed from the guild (kicked, or the guild deleted). */
  botInGuild = true;
  readonly channels = new Map<string, Channel>();
  /** The bot's DM channel with each member who used a command there, by user id. */
  private readonly dmChannels = new Map<string, Channel>();
  /** Roles besides @everyone (whose id is the guild's). */
  readonly roles = new Map<string, Role>();
  readonly members = new Map<string, Member>();
  readonly messages = new Map<string, StoredMessage>();
  readonly pins = new Map<string, string[]>();
  readonly globalCommands: RegisteredCommand[] = [];
  readonly guildCommands = new Map<string, RegisteredCommand[]>();
  readonly interactions = new Map<string, StoredInteraction>();
  private readonly byToken = new Map<string, StoredInteraction>();

  constructor(private readonly options: { interactionTimeoutMs: number }) {
    for (const name of ['general', 'help']) {
      const id = snowflake();
      this.channels.set(id, {
        id,
        name,
        type: ChannelType.GuildText,
        botPermissions: BOT_PERMISSIONS,
      });
    }
    const owner = this.addMember({ username: 'owner', permissions: MODERATOR_PERMISSIONS });
    this.guild.ownerId = owner.user.id;
  }

  get defaultChannel(): Channel {
    return this.channels.values().next().value!;
  }

  addChannel(name: string, botPermissions = BOT_PERMISSIONS): Channel {
    const id = snowflake();
    const channel: Channel = { id, name, type: ChannelType.GuildText, botPermissions };
    this.channels.set(id, channel);
    return channel;
  }

  addRole(options: { name: string; id?: string; permissions?: bigint }): Role {
    const role = {
      id: options.id ?? snowflake(),
      name: options.name,
      permissions: options.permissions ?? 0n,
    };
    this.roles.set(role.id, role);
    return role;
  }

  roleApi(role: Role, position = 1) {
    return {
      id: role.id,
      name: role.name,
      permissions: role.permissions.toString(),
      position,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      flags: 0,
    };
  }

  addMember(options: {
    username: string;
    permissions?: bigint | string;
    roles?: string[];
    id?: string;
  }): Member {
    const id = options.id ?? snowflake();
    const member: Member = {
      user: {
        id,
        username: options.username,
        discriminator: '0',
        global_name: options.username,
        avatar: null,
      },
      roles: options.roles ?? [],
      permissions: BigInt(options.permissions ?? MEMBER_PERMISSIONS),
    };
    this.members.set(id, member);
    return member;
  }

  readyPayloads(sessionId: string, gatewayUrl: string): { ready: unknown; guilds: unknown[] } {
    return {
      ready: {
        v: 10,
        user: { ...this.botUser, verified: true, flags: 0, mfa_enabled: false },
        guilds: this.botInGuild ? [{ id: this.guild.id, unavailable: true }] : [],
        session_id: sessionId,
        resume_gateway_url: gatewayUrl,
        application: { id: this.applicationId, flags: 0 },
        private_channels: [],
        shard: [0, 1],
      },
      guilds: this.botInGuild ? [this.guildCreate()] : [],
    };
  }

  private guildCreate(): unknown {
    return {
      id: this.guild.id,
      name: this.guild.name,
      owner_id: this.guild.ownerId,
      unavailable: false,
      member_count: this.members.size + 1,
      channels: [...this.channels.values()].map((c) => ({
        id: c.id,
        type: c.type,
        name: c.name,
        guild_id: this.guild.id,
        position: 0,
        permission_overwrites: [],
      })),
      roles: [
        this.roleApi({ id: this.guild.id, name: '@everyone', permissions: MEMBER_PERMISSIONS }, 0),
        ...[...this.roles.values()].map((r) => this.roleApi(r)),
      ],
      members: [
        {
          user: this.botUser,
          roles: [],
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      threads: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      joined_at: new Date().toISOString(),
      large: false,
      preferred_locale: 'en-US',
    };
  }

  // ── commands ────────────────────────────────────────────────────────────────

  overwriteCommands(body: Record<string, unknown>[], guildId?: string): RegisteredCommand[] {
    const existing = guildId ? (this.guildCommands.get(guildId) ?? []) : this.globalCommands;
    const stored = body.map((c) => {
      const type = (c.type as number | undefined) ?? ApplicationCommandType.ChatInput;
      const same = existing.find((e) => e.name === c.name && e.type === type);
      return {
        default_member_permissions: null,
        dm_permission: true,
        nsfw: false,
        ...c,
        type,
        description: (c.description as string | undefined) ?? '',
        id: same?.id ?? snowflake(),
        application_id: this.applicationId,
        version: snowflake(),
        ...(guildId ? { guild_id: guildId } : {}),
      } as unknown as RegisteredCommand;
    });
    if (guildId) this.guildCommands.set(guildId, stored);
    else this.globalCommands.splice(0, this.globalCommands.length, ...stored);
    return stored;
  }

  findCommand(
    name: string,
    type = ApplicationCommandType.ChatInput,
  ): RegisteredCommand | undefined {
    const match = (c: RegisteredCommand) => c.name === name && c.type === type;
    return (
      (this.guildCommands.get(this.guild.id) ?? []).find(match) ?? this.globalCommands.find(match)
    );
  }

  // ── interactions ────────────────────────────────────────────────────────────

  /** What `member` may do in `channel`, overwrites included: what Discord computes for interactions. */
  permissionsIn(member: Member, channel?: Channel): bigint {
    return channel?.memberPermissions?.get(member.user.id) ?? member.permissions;
  }

  private memberPayload(member: Member, channel?: Channel) {
    return {
      user: member.user,
      roles: member.roles,
      permissions: this.permissionsIn(member, channel).toString(),
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
    };
  }

  /** The bot's DM channel with `member`, as Discord opens one on first use. */
  dmChannel(member: Member): Channel {
    let channel = this.dmChannels.get(member.user.id);
    if (!channel) {
      channel = {
        id: snowflake(),
        name: '',
        type: ChannelType.DM,
        botPermissions: DM_BOT_PERMISSIONS,
      };
      this.dmChannels.set(member.user.id, channel);
    }
    return channel;
  }

  /** Base of every interaction payload: what discord.js needs to emit interactionCreate. */
  private interactionBase(type: InteractionType, member: Member, channel: Channel, inDm = false) {
    const common = {
      application_id: this.applicationId,
      type,
      version: 1,
      channel_id: channel.id,
      locale: 'en-US',
      entitlements: [],
      app_permissions: channel.botPermissions.toString(),
      attachment_size_limit: 10_485_760,
    };
    if (inDm) {
      // A guild-installed app used in its DM: the user, no guild, no member.
      return {
        ...common,
        channel: { id: channel.id, type: channel.type, recipients: [member.user], flags: 0 },
        user: member.user,
        authorizing_integration_owners: { '0': '0' },
        context: InteractionContextType.BotDM,
      };
    }
    return {
      ...common,
      guild_id: this.guild.id,
      guild: { id: this.guild.id, locale: 'en-US', features: [] },
      channel: { id: channel.id, type: channel.type, name: channel.name, guild_id: this.guild.id },
      member: this.memberPayload(member, channel),
      guild_locale: 'en-US',
      authorizing_integration_owners: { '0': this.guild.id },
      context: InteractionContextType.Guild,
    };
  }

  /**
   * A slash command or autocomplete interaction for a registered command,
   * option types taken from what the bot registered: an unregistered command is a test bug.
   */
  commandInteraction(o: {
    type: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete;
    command: string;
    member?: Member;
    /** For a command with subcommands: which one (its options are then `values`). */
    subcommand?: string;
    values: Record<string, unknown>;
    focused?: string;
    channelId?: string;
    /** Used in the member's DM with the bot instead of a guild channel. */
    inDm?: boolean;
  }): Record<string, unknown> {
    const command = this.findCommand(o.command);
    if (!command) throw new Error(`/${o.command} is not registered with the emulator`);
    // Discord only offers a command in the contexts it was registered for (unset: all of them).
    const contexts = command.contexts as number[] | null | undefined;
    if (o.inDm && contexts && !contexts.includes(InteractionContextType.BotDM))
      throw new Error(`/${o.command} is not offered in DMs (contexts ${JSON.stringify(contexts)})`);
    const sub = o.subcommand
      ? command.options?.find((d) => d.name === o.subcommand && d.type === OptionType.Subcommand)
      : undefined;
    if (o.subcommand && !sub) throw new Error(`/${o.command} has no subcommand "${o.subcommand}"`);
    const definitions = sub ? (sub.options ?? []) : (command.options ?? []);
    const label = sub ? `${o.command} ${sub.name}` : o.command;
    if (o.type === InteractionType.ApplicationCommand) {
      const missing = definitions.filter((d) => d.required && o.values[d.name] === undefined);
      if (missing.length > 0)
        throw new Error(`/${label}: ${missing.map((d) => d.name).join(', ')} is required`);
    }
    const member = o.member ?? this.members.values().next().value!;
    const channel = o.inDm ? this.dmChannel(member) : this.channel(o.channelId);
    const resolved: {
      users: Record<string, unknown>;
      members: Record<string, unknown>;
      channels: Record<string, unknown>;
    } = { users: {}, members: {}, channels: {} };
    const options = Object.entries(o.values)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => {
        const definition = definitions.find((d) => d.name === name);
        if (!definition) throw new Error(`/${o.command} has no option "${name}"`);
        // Autocomplete sends what is typed so far, unchecked; a submission is checked.
        const refused =
          o.type === InteractionType.ApplicationCommand ? refusal(definition, value) : undefined;
        if (refused) throw new Error(`/${label}: ${name} ${refused}`);
        if (definition.type === OptionType.User) {
          const target = this.members.get(String(value));
          if (target) {
            resolved.users[target.user.id] = target.user;
            const { user: _user, ...rest } = this.memberPayload(target);
            if (!o.inDm) resolved.members[target.user.id] = rest;
          }
        }
        if (definition.type === OptionType.Channel) {
          const target = this.channels.get(String(value));
          // Discord sends the invoker's permissions in the chosen channel, overwrites included.
          if (target)
            resolved.channels[target.id] = {
              id: target.id,
              type: target.type,
              name: target.name,
              permissions: this.permissionsIn(member, target).toString(),
            };
        }
        return {
          name,
          type: definition.type,
          value,
          ...(o.focused === name ? { focused: true } : {}),
        };
      });
    const data: Record<string, unknown> = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      options: sub ? [{ name: sub.name, type: OptionType.Subcommand, options }] : options,
      ...(o.inDm ? {} : { guild_id: this.guild.id }),
    };
    if (Object.keys(resolved.users).length + Object.keys(resolved.channels).length > 0)
      data.resolved = resolved;
    return { ...this.interactionBase(o.type, member, channel, o.inDm), data };
  }

  /** A message context-menu command on `target`. */
  messageCommandInteraction(o: {
    command: string;
    member?: Member;
    target: StoredMessage;
  }): Record<string, unknown> {
    const command = this.findCommand(o.command, ApplicationCommandType.Message);
    if (!command)
      throw new Error(`message command "${o.command}" is not registered with the emulator`);
    const member = o.member ?? this.members.values().next().value!;
    const channel = this.channel(o.target.channel_id);
    return {
      ...this.interactionBase(InteractionType.ApplicationCommand, member, channel),
      data: {
        id: command.id,
        name: command.name,
        type: ApplicationCommandType.Message,
        target_id: o.target.id,
        resolved: { messages: { [o.target.id]: this.toApi(o.target) } },
        guild_id: this.guild.id,
      },
    };
  }

  /** A button press or select-menu choice on a message the bot sent. */
  componentInteraction(o: {
    member?: Member;
    message: StoredMessage;
    customId: string;
    /** A select menu's chosen values (a button press when absent). */
    values?: string[];
  }): Record<string, unknown> {
    const member = o.member ?? this.members.values().next().value!;
    const channel = this.channel(o.message.channel_id);
    return {
      ...this.interactionBase(InteractionType.MessageComponent, member, channel),
      message: this.toApi(o.message),
      data: o.values
        ? { custom_id: o.customId, component_type: ComponentType.StringSelect, values: o.values }
        : { custom_id: o.customId, component_type: ComponentType.Button },
    };
  }

  channel(id?: string): Channel {
    const channel = id ? this.channels.get(id) : this.defaultChannel;
    if (!channel) throw new Error(`no channel ${id}`);
    return channel;
  }

  createInteraction(payload: Record<string, unknown>): StoredInteraction {
    // Members of a guild the bot has left no longer see its commands.
    if (!this.botInGuild)
      throw new Error('the bot is not in the guild: removeBotFromGuild() was called');
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${randomBytes(32).toString('base64url')}`;
    let resolveFirst!: (r: InteractionResponse) => void;
    const firstResponse = new Promise<InteractionResponse>((resolve) => (resolveFirst = resolve));
    const interaction: StoredInteraction = {
      id,
      token,
      type: payload.type as number,
      payload: { ...payload, id, token },
      createdAt: Date.now(),
      acknowledged: false,
      responses: [],
      firstResponse,
      resolveFirst,
      followups: [],
      expired: false,
      expire() {
        this.expired = true;
      },
    };
    this.interactions.set(id, interaction);
    this.byToken.set(token, interaction);
    return interaction;
  }

  interactionByToken(token: string): StoredInteraction | undefined {
    return this.byToken.get(token);
  }

  isAnswerable(interaction: StoredInteraction): boolean {
    return (
      !interaction.expired &&
      Date.now() - interaction.createdAt <= this.options.interactionTimeoutMs
    );
  }

  /** Forgets answered interactions (benchmarks dispatch thousands). */
  forgetInteraction(interaction: StoredInteraction): void {
    this.interactions.delete(interaction.id);
    this.byToken.delete(interaction.token);
  }

  // ── messages ────────────────────────────────────────────────────────────────

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
