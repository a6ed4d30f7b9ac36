import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  ApplicationCommandOptionType as OptionType,
} from 'discord-api-types/v10';
import { MessageState } from './messages.js';
import { snowflake } from './snowflake.js';
import {
  type Channel,
  type InteractionResponse,
  type Member,
  type RegisteredCommand,
  type RegisteredOption,
  type StoredInteraction,
  type StoredMessage,
} from './model.js';

export * from './model.js';

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

/**
 * Everything the emulated Discord holds: the guild and its messages (the classes it extends),
 * the commands the bot registered, and the interactions members make and the bot answers.
 */
export class EmulatorState extends MessageState {
  readonly globalCommands: RegisteredCommand[] = [];
  readonly guildCommands = new Map<string, RegisteredCommand[]>();
  private readonly byToken = new Map<string, StoredInteraction>();

  constructor(private readonly options: { interactionTimeoutMs: number }) {
    super();
  }

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
}
