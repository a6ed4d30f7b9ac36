import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import {
  type AutoModRule,
  BOT_PERMISSIONS,
  DM_BOT_PERMISSIONS,
  MEMBER_PERMISSIONS,
  MODERATOR_PERMISSIONS,
  type Channel,
  type Member,
  type Role,
  type User,
} from './model.js';
import { snowflake } from './snowflake.js';

/** The emulated guild: the bot's user, its channels (and DMs), roles, members and their permissions. */
export class GuildState {
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
  /**
   * What the bot may do server-wide: as invited with Manage Server, which AutoMod rules need
   * (tests take it away to see the refusal).
   */
  botGuildPermissions = BOT_PERMISSIONS | PermissionFlagsBits.ManageGuild;
  readonly autoModRules = new Map<string, AutoModRule>();

  constructor() {
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

  /** A forum channel (a help forum) with these tags. */
  addForum(name: string, tags: string[] = [], botPermissions = BOT_PERMISSIONS): Channel {
    const id = snowflake();
    const channel: Channel = {
      id,
      name,
      type: ChannelType.GuildForum,
      botPermissions,
      availableTags: tags.map((tag) => ({
        id: snowflake(),
        name: tag,
        moderated: false,
        emoji_id: null,
        emoji_name: null,
      })),
    };
    this.channels.set(id, channel);
    return channel;
  }

  /** A channel as Discord's API shows it: a forum with its tags, a post with its forum and state. */
  channelApi(c: Channel): Record<string, unknown> {
    const base = {
      id: c.id,
      type: c.type,
      name: c.name,
      guild_id: this.guild.id,
      flags: 0,
    };
    if (c.type === ChannelType.PublicThread)
      return {
        ...base,
        parent_id: c.parentId,
        owner_id: c.ownerId,
        applied_tags: c.appliedTags ?? [],
        message_count: 0,
        member_count: 1,
        total_message_sent: 0,
        rate_limit_per_user: 0,
        thread_metadata: {
          archived: c.archived ?? false,
          locked: c.locked ?? false,
          auto_archive_duration: 4320,
          archive_timestamp: c.createdAt ?? new Date().toISOString(),
          create_timestamp: c.createdAt ?? new Date().toISOString(),
        },
      };
    return {
      ...base,
      position: 0,
      permission_overwrites: [],
      ...(c.type === ChannelType.GuildForum
        ? {
            available_tags: c.availableTags ?? [],
            default_reaction_emoji: null,
            default_sort_order: null,
            default_forum_layout: 0,
            topic: null,
          }
        : {}),
    };
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
      channels: [...this.channels.values()]
        .filter((c) => c.type !== ChannelType.PublicThread)
        .map((c) => this.channelApi(c)),
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
      threads: [...this.channels.values()]
        .filter((c) => c.type === ChannelType.PublicThread && !c.archived)
        .map((c) => this.channelApi(c)),
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

  /** What `member` may do in `channel`, overwrites included: what Discord computes for interactions. */
  permissionsIn(member: Member, channel?: Channel): bigint {
    return channel?.memberPermissions?.get(member.user.id) ?? member.permissions;
  }

  protected memberPayload(member: Member, channel?: Channel) {
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

  /** A channel of the guild, or a DM the bot has with a member. */
  anyChannel(id: string): Channel | undefined {
    return this.channels.get(id) ?? [...this.dmChannels.values()].find((c) => c.id === id);
  }

  channel(id?: string): Channel {
    const channel = id ? this.channels.get(id) : this.defaultChannel;
    if (!channel) throw new Error(`no channel ${id}`);
    return channel;
  }
}
