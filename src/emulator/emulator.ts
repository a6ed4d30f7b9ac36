import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ChannelType,
  GatewayIntentBits,
  InteractionResponseType,
  InteractionType,
  PermissionFlagsBits,
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from 'discord-api-types/v10';
import { WebSocketServer } from 'ws';
import { capConnections, loopbackOptions } from '../loopback.js';
import { Gateway, type RecordedFrame } from './gateway.js';
import { HttpApi, type RecordedRequest } from './http.js';
import { buildRoutes } from './rest.js';
import { snowflake } from './snowflake.js';
import {
  EmulatorState,
  type Channel,
  type Member,
  type StoredInteraction,
  type StoredMessage,
} from './state.js';

export type { Fault, RecordedRequest } from './http.js';

/** A message as the member sees it (reply body or stored message). */
export interface MessageLike {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: APIAllowedMentions;
  flags?: number;
}

/**
 * What the emulator holds for any local process: connections at once, and how long a request may
 * take to arrive. Bodies are bounded in its HTTP API (`MAX_REQUEST_BYTES`).
 */
export const EMULATOR_LIMITS = { connections: 512, headersMs: 10_000, requestMs: 30_000 } as const;

export interface EmulatorOptions {
  host?: string;
  port?: number;
  /** Only this bot token is accepted; any non-empty token when unset. */
  token?: string;
  heartbeatInterval?: number;
  /** How long an interaction can be answered (Discord: 3 s for the first response). */
  interactionTimeoutMs?: number;
  /** The application has the privileged intents enabled in the Developer Portal (this bot: no). */
  privilegedIntents?: boolean;
}

/**
 * A Discord-compatible server for loopback: REST under /api/v10 and the gateway on the same
 * port. The real, unmodified discord.js client connects to it. It keeps what the bot did
 * (messages, pins, commands, every request and frame) and refuses payloads Discord would.
 */
export class DiscordEmulator {
  readonly state: EmulatorState;
  readonly gateway: Gateway;
  readonly frames: RecordedFrame[] = [];
  private readonly http: HttpApi;
  private server!: Server;
  private wss!: WebSocketServer;
  url = '';
  /** Record requests and frames (off for benchmarks, which would only grow memory). */
  recording = true;

  private constructor(readonly options: EmulatorOptions) {
    this.state = new EmulatorState({ interactionTimeoutMs: options.interactionTimeoutMs ?? 3000 });
    this.gateway = new Gateway(
      {
        acceptsToken: (token) => this.acceptsToken(token),
        readyPayloads: (sessionId) => this.state.readyPayloads(sessionId, this.gatewayUrl),
        record: (frame) => {
          if (this.recording) this.frames.push(frame);
        },
      },
      {
        heartbeatInterval: options.heartbeatInterval,
        privilegedIntents: options.privilegedIntents,
      },
    );
    this.http = new HttpApi(
      buildRoutes(this.state, this.gateway, () => this.gatewayUrl),
      (token) => this.acceptsToken(token),
      () => this.recording,
    );
  }

  static async start(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
    const emulator = new DiscordEmulator(options);
    await emulator.listen();
    return emulator;
  }

  /** Every REST request the bot made, in order. */
  get requests(): RecordedRequest[] {
    return this.http.requests;
  }

  /** The REST base to give the bot as DISCORD_API_URL (discord.js adds /v10). */
  get apiUrl(): string {
    return `${this.url}/api`;
  }

  get gatewayUrl(): string {
    return `${this.url.replace(/^http/, 'ws')}/gateway`;
  }

  private acceptsToken(token: string): boolean {
    const bare = token.replace(/^Bot /, '');
    return bare.length > 0 && (this.options.token === undefined || bare === this.options.token);
  }

  private async listen(): Promise<void> {
    this.server = capConnections(
      createServer(loopbackOptions(EMULATOR_LIMITS), (req, res) => void this.http.handle(req, res)),
      EMULATOR_LIMITS,
    );
    this.server.keepAliveTimeout = 30_000;
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.gateway.accept(ws));
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve);
    });
    const { address, port } = this.server.address() as AddressInfo;
    this.url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  async close(): Promise<void> {
    this.gateway.shutdown();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── fault switches ──────────────────────────────────────────────────────────

  /** The next `times` requests matching `path` (and `method`) fail with `status` (429 carries `retryAfter` seconds). */
  failNext(fault: Parameters<HttpApi['failNext']>[0]): void {
    this.http.failNext(fault);
  }

  /**
   * Fault switch: the next `times` matching requests are answered only after `ms` (a slow
   * Discord). `held` resolves once the first of them has arrived and is being held.
   */
  delayNext(delay: Parameters<HttpApi['delayNext']>[0]): { held: Promise<void> } {
    return this.http.delayNext(delay);
  }

  // ── members and interactions ────────────────────────────────────────────────

  createMember(options: {
    username: string;
    permissions?: bigint | string;
    roles?: string[];
    id?: string;
  }): Member {
    return this.state.addMember(options);
  }

  /** Gives `member` other permissions in one channel than elsewhere (a channel overwrite). */
  setChannelPermissions(channelId: string, member: Member, permissions: bigint): void {
    const channel = this.state.channel(channelId);
    (channel.memberPermissions ??= new Map()).set(member.user.id, permissions);
  }

  /** Adds a guild role; a connected bot learns of it as Discord would tell it (GUILD_ROLE_CREATE). */
  createRole(options: { name: string; id?: string; permissions?: bigint }): {
    id: string;
    name: string;
  } {
    const role = this.state.addRole(options);
    this.gateway.dispatch('GUILD_ROLE_CREATE', {
      guild_id: this.state.guild.id,
      role: this.state.roleApi(role),
    });
    return role;
  }

  /**
   * The bot is removed from the guild, as when a member kicks it: GUILD_DELETE without
   * `unavailable`, after which the guild's channels answer 403 Missing Access.
   */
  removeBotFromGuild(): void {
    this.state.botInGuild = false;
    this.gateway.dispatch('GUILD_DELETE', { id: this.state.guild.id });
  }

  // ── forums ────────────────────────────────────────────────────────────────

  /**
   * A member opens a post in a forum, as Discord does it: the thread (its id is also its first
   * message's), THREAD_CREATE with `newly_created`, then MESSAGE_CREATE for the first message,
   * sent only to a bot with the Guild Messages intent and carrying its content only with Message
   * Content.
   */
  openPost(
    member: Member,
    forumId: string,
    title: string,
    body = '',
    tags: string[] = [],
  ): { thread: Channel; starter: StoredMessage } {
    const forum = this.state.channel(forumId);
    if (forum.type !== ChannelType.GuildForum) throw new Error(`${forum.name} is not a forum`);
    const id = snowflake();
    const thread: Channel = {
      id,
      name: title.slice(0, 100),
      type: ChannelType.PublicThread,
      // As Discord: a post's permissions are its forum's, sending in it being a right of its own.
      botPermissions:
        forum.botPermissions |
        ((forum.botPermissions & PermissionFlagsBits.SendMessages) !== 0n
          ? PermissionFlagsBits.SendMessagesInThreads
          : 0n),
      ...(forum.memberPermissions ? { memberPermissions: forum.memberPermissions } : {}),
      parentId: forum.id,
      ownerId: member.user.id,
      appliedTags: (forum.availableTags ?? [])
        .filter((t) => tags.includes(t.name))
        .map((t) => t.id),
      createdAt: new Date().toISOString(),
    };
    this.state.channels.set(id, thread);
    const starter = this.state.createMessage(
      id,
      { content: body || title, allowed_mentions: { parse: [] } },
      { id, author: member.user },
    );
    this.gateway.dispatch('THREAD_CREATE', {
      ...this.state.channelApi(thread),
      newly_created: true,
      member: { id, user_id: member.user.id, join_timestamp: thread.createdAt, flags: 0 },
    });
    this.dispatchMessageCreate(starter, member);
    return { thread, starter };
  }

  /**
   * A member writes in a channel or post; the bot hears of it as its intents allow. A message an
   * enabled AutoMod keyword rule blocks is never posted (returned marked deleted), and the rule's
   * actions run as Discord runs them: AUTO_MODERATION_ACTION_EXECUTION to a bot with the intent,
   * an alert in the rule's alert channel.
   */
  say(member: Member, content: string, channelId?: string): StoredMessage {
    const channel = this.state.channel(channelId);
    const rule = [...this.state.autoModRules.values()].find(
      (r) =>
        r.enabled &&
        r.trigger_type === 1 &&
        !r.exempt_channels.includes(channel.id) &&
        (r.trigger_metadata.regex_patterns ?? []).some((p) => new RegExp(p, 'iu').test(content)),
    );
    if (rule?.actions.some((a) => a.type === 1)) {
      const pattern = (rule.trigger_metadata.regex_patterns ?? []).find((p) =>
        new RegExp(p, 'iu').test(content),
      )!;
      const matched = new RegExp(pattern, 'iu').exec(content)![0];
      for (const action of rule.actions) {
        if (action.type === 2 && action.metadata?.channel_id)
          this.state.createMessage(
            action.metadata.channel_id,
            {
              content: `AutoMod: ${rule.name} blocked a message by <@${member.user.id}>`,
              allowed_mentions: { parse: [] },
            },
            { author: { ...this.state.botUser, id: '0', username: 'AutoMod' } },
          );
        if ((this.gateway.intents & GatewayIntentBits.AutoModerationExecution) !== 0)
          this.gateway.dispatch('AUTO_MODERATION_ACTION_EXECUTION', {
            guild_id: this.state.guild.id,
            action,
            rule_id: rule.id,
            rule_trigger_type: rule.trigger_type,
            user_id: member.user.id,
            channel_id: channel.id,
            content: (this.gateway.intents & GatewayIntentBits.MessageContent) !== 0 ? content : '',
            matched_keyword: pattern,
            matched_content:
              (this.gateway.intents & GatewayIntentBits.MessageContent) !== 0 ? matched : '',
          });
      }
      // Kept as Discord keeps nothing of it: a message nobody sees (deleted), for tests to read.
      const blocked = this.state.memberMessage(member, content, channel.id);
      blocked.deleted = true;
      return blocked;
    }
    const message = this.state.memberMessage(member, content, channelId);
    this.dispatchMessageCreate(message, member);
    return message;
  }

  /** A post deleted (by its owner or a moderator): THREAD_DELETE. */
  deletePost(threadId: string): void {
    const thread = this.state.channel(threadId);
    this.state.channels.delete(threadId);
    this.gateway.dispatch('THREAD_DELETE', {
      id: thread.id,
      guild_id: this.state.guild.id,
      parent_id: thread.parentId,
      type: thread.type,
    });
  }

  private dispatchMessageCreate(message: StoredMessage, member: Member): void {
    const intents = this.gateway.intents;
    if ((intents & GatewayIntentBits.GuildMessages) === 0) return;
    const api = this.state.toApi(message);
    this.gateway.dispatch('MESSAGE_CREATE', {
      ...api,
      content: (intents & GatewayIntentBits.MessageContent) !== 0 ? message.content : '',
      member: {
        roles: member.roles,
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
      },
    });
  }

  /** Sends INTERACTION_CREATE; resolves with the interaction, whose first response can be awaited. */
  dispatchInteraction(payload: Record<string, unknown>): StoredInteraction {
    const interaction = this.state.createInteraction(payload);
    this.gateway.dispatch('INTERACTION_CREATE', interaction.payload);
    return interaction;
  }

  /** Types `value` into an autocomplete option of a registered command; resolves with the choices sent back. */
  async autocomplete(options: {
    command: string;
    /** For a command with subcommands: the one being typed. */
    subcommand?: string;
    member?: Member;
    focused: string;
    value: string;
    others?: Record<string, unknown>;
    channelId?: string;
    /** Typed in the member's DM with the bot. */
    inDm?: boolean;
  }): Promise<{ name: string; value: string | number }[]> {
    const interaction = await this.interact(
      this.state.commandInteraction({
        type: InteractionType.ApplicationCommandAutocomplete,
        command: options.command,
        ...(options.subcommand ? { subcommand: options.subcommand } : {}),
        member: options.member,
        values: { ...options.others, [options.focused]: options.value },
        focused: options.focused,
        channelId: options.channelId,
        inDm: options.inDm,
      }),
    );
    return (
      interaction.responses[0]!.data as { choices: { name: string; value: string | number }[] }
    ).choices;
  }

  /** Submits a slash command as `member`; resolves with the interaction once it has been answered. */
  async command(options: {
    command: string;
    subcommand?: string;
    member?: Member;
    values: Record<string, unknown>;
    channelId?: string;
    /** Used in the member's DM with the bot. */
    inDm?: boolean;
  }): Promise<StoredInteraction> {
    return this.interact(
      this.state.commandInteraction({ type: InteractionType.ApplicationCommand, ...options }),
    );
  }

  /** Dispatches a prepared interaction payload and resolves once it has been answered. */
  async interact(payload: Record<string, unknown>): Promise<StoredInteraction> {
    const interaction = this.dispatchInteraction(payload);
    await interaction.firstResponse;
    return interaction;
  }

  /**
   * What the member finally sees for an interaction: the reply, or for a deferred one the
   * follow-up or edited original that completes it.
   */
  async finalAnswer(interaction: StoredInteraction, timeoutMs = 5000): Promise<MessageLike> {
    const first = await interaction.firstResponse;
    if (first.type !== InteractionResponseType.DeferredChannelMessageWithSource)
      return (first.data ?? {}) as unknown as MessageLike;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const done =
        interaction.followups[0] ??
        (interaction.original?.edited_timestamp ? interaction.original : undefined);
      if (done) return done as unknown as MessageLike;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the deferred interaction was never completed');
  }
}

export function randomToken(): string {
  return `emu.${randomBytes(24).toString('base64url')}`;
}
