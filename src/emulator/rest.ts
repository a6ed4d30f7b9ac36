import {
  ChannelType,
  InteractionResponseType as Callback,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits as Permission,
  RESTJSONErrorCodes as Code,
} from 'discord-api-types/v10';
import { DiscordHttpError, unknown, type HttpAnswer } from './discord-error.js';
import type { Gateway } from './gateway.js';
import { snowflake } from './snowflake.js';
import type { AutoModRule } from './model.js';
import type { Channel, EmulatorState, StoredInteraction, StoredMessage } from './state.js';
import { validateChoices, validateCommands, validateMessage } from './validate.js';

export interface RouteInput {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface Route {
  method: string;
  parts: string[];
  /** Bot-token routes; interaction callbacks and webhooks are authorised by their token in the path. */
  auth: boolean;
  handle(input: RouteInput): HttpAnswer;
}

const MAX_PINS = 50;
const ok = (body?: unknown): HttpAnswer =>
  body === undefined ? { status: 204 } : { status: 200, body };
const asRecord = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
const missingPermissions = () =>
  new DiscordHttpError(403, Code.MissingPermissions, 'Missing Permissions');
const missingAccess = () => new DiscordHttpError(403, Code.MissingAccess, 'Missing Access');
/**
 * A callback the interaction cannot take, with the code the emulator has always given it. No name:
 * discord-api-types calls 40004 "Send messages has been temporarily disabled", and the bot tells
 * neither apart from any other failed call.
 */
const unsupportedCallback = () =>
  new DiscordHttpError(400, 40004, 'Interaction type not supported for this response');

export function buildRoutes(
  state: EmulatorState,
  gateway: Gateway,
  gatewayUrl: () => string,
): Route[] {
  const routes: Route[] = [];
  const add = (method: string, path: string, handle: Route['handle'], auth = true) =>
    routes.push({ method, parts: path.split('/').filter(Boolean), auth, handle });

  const interactionFor = (token: string): StoredInteraction => {
    const interaction = state.interactionByToken(token);
    if (!interaction) throw unknown('Webhook', Code.UnknownWebhook);
    return interaction;
  };
  const channel = (id: string) => {
    // As Discord: a guild the bot is not in hides its channels behind Missing Access.
    if (!state.botInGuild && state.channels.has(id)) throw missingAccess();
    const c = state.anyChannel(id);
    if (!c) throw unknown('Channel', Code.UnknownChannel);
    // As Discord: a channel the bot may not view is one it has no access to at all.
    if ((c.botPermissions & Permission.ViewChannel) === 0n) throw missingAccess();
    return c;
  };
  const message = (channelId: string, id: string): StoredMessage => {
    // As Discord: a deleted channel is reported before anything about the message.
    channel(channelId);
    const m = state.messages.get(id);
    if (!m || m.deleted || m.channel_id !== channelId)
      throw unknown('Message', Code.UnknownMessage);
    return m;
  };
  const requireBot = (channelId: string, ...needed: bigint[]) => {
    const c = channel(channelId);
    if (!needed.every((p) => (c.botPermissions & p) === p)) throw missingPermissions();
    return c;
  };

  add('GET', '/gateway/bot', () =>
    ok({
      url: gatewayUrl(),
      shards: 1,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 86_400_000,
        max_concurrency: 1,
      },
    }),
  );
  add('GET', '/gateway', () => ok({ url: gatewayUrl() }));
  add('GET', '/users/@me', () => ok(state.botUser));
  // A DM with a member: what the bot opens to tell someone something privately.
  add('POST', '/users/@me/channels', ({ body }) => {
    const member = state.members.get(String(asRecord(body).recipient_id));
    if (!member) throw unknown('User', Code.UnknownUser);
    const dm = state.dmChannel(member);
    return ok({ id: dm.id, type: dm.type, recipients: [member.user] });
  });

  // AutoMod rules: Manage Server, keyword rules with at most 10 regexes of 260 characters.
  const requireManageGuild = (guild: string) => {
    if (guild !== state.guild.id) throw unknown('Guild', Code.UnknownGuild);
    if ((state.botGuildPermissions & Permission.ManageGuild) === 0n) throw missingPermissions();
  };
  const autoModRule = (raw: unknown, base?: AutoModRule): AutoModRule => {
    const b = asRecord(raw);
    const rule: AutoModRule = {
      id: base?.id ?? snowflake(),
      guild_id: state.guild.id,
      creator_id: state.botUser.id,
      name: String(b.name ?? base?.name ?? ''),
      event_type: Number(b.event_type ?? base?.event_type ?? 1),
      trigger_type: Number(b.trigger_type ?? base?.trigger_type ?? 1),
      trigger_metadata: (b.trigger_metadata ??
        base?.trigger_metadata ??
        {}) as AutoModRule['trigger_metadata'],
      actions: (b.actions ?? base?.actions ?? []) as AutoModRule['actions'],
      enabled: b.enabled === undefined ? (base?.enabled ?? false) : b.enabled === true,
      exempt_roles: (b.exempt_roles ?? base?.exempt_roles ?? []) as string[],
      exempt_channels: (b.exempt_channels ?? base?.exempt_channels ?? []) as string[],
    };
    const patterns = rule.trigger_metadata.regex_patterns ?? [];
    if (rule.name.length < 1 || rule.name.length > 100)
      throw invalidBody('name', 'Must be 1 to 100 characters.');
    if (patterns.length > 10 || patterns.some((p) => typeof p !== 'string' || p.length > 260))
      throw invalidBody('trigger_metadata', 'At most 10 regex patterns of 260 characters.');
    for (const a of rule.actions)
      if ((a.metadata?.custom_message?.length ?? 0) > 150)
        throw invalidBody('actions', 'A custom message is at most 150 characters.');
    if (rule.actions.length === 0) throw invalidBody('actions', 'A rule needs an action.');
    return rule;
  };
  add('GET', '/guilds/:guild/auto-moderation/rules', ({ params }) => {
    requireManageGuild(params.guild!);
    return ok([...state.autoModRules.values()]);
  });
  add('POST', '/guilds/:guild/auto-moderation/rules', ({ params, body }) => {
    requireManageGuild(params.guild!);
    const rule = autoModRule(body);
    state.autoModRules.set(rule.id, rule);
    gateway.dispatch('AUTO_MODERATION_RULE_CREATE', rule);
    return ok(rule);
  });
  add('PATCH', '/guilds/:guild/auto-moderation/rules/:id', ({ params, body }) => {
    requireManageGuild(params.guild!);
    const before = state.autoModRules.get(params.id!);
    if (!before) throw new DiscordHttpError(404, 0 as Code, '404: Not Found');
    const rule = autoModRule(body, before);
    state.autoModRules.set(rule.id, rule);
    gateway.dispatch('AUTO_MODERATION_RULE_UPDATE', rule);
    return ok(rule);
  });
  add('DELETE', '/guilds/:guild/auto-moderation/rules/:id', ({ params }) => {
    requireManageGuild(params.guild!);
    const rule = state.autoModRules.get(params.id!);
    if (!rule) throw new DiscordHttpError(404, 0 as Code, '404: Not Found');
    state.autoModRules.delete(rule.id);
    gateway.dispatch('AUTO_MODERATION_RULE_DELETE', rule);
    return ok();
  });
  add('GET', '/applications/@me', () =>
    ok({
      id: state.applicationId,
      name: state.botUser.username,
      flags: 0,
      bot: state.botUser,
      description: '',
      icon: null,
    }),
  );

  // Commands: bulk overwrite and listing, global and per guild.
  const putCommands =
    (guildId?: string) =>
    ({ body }: RouteInput) => {
      validateCommands(body);
      return ok(state.overwriteCommands(body as Record<string, unknown>[], guildId));
    };
  add('PUT', '/applications/:app/commands', (input) => putCommands()(input));
  add('GET', '/applications/:app/commands', () => ok(state.globalCommands));
  add('PUT', '/applications/:app/guilds/:guild/commands', (input) => {
    if (input.params.guild !== state.guild.id) throw unknown('Guild', Code.UnknownGuild);
    return putCommands(input.params.guild)(input);
  });
  add('GET', '/applications/:app/guilds/:guild/commands', ({ params }) =>
    ok(state.guildCommands.get(params.guild!) ?? []),
  );

  // Interaction callback: the first answer to an interaction.
  add(
    'POST',
    '/interactions/:id/:token/callback',
    ({ params, query, body }) => {
      const interaction = state.interactions.get(params.id!);
      if (!interaction || interaction.token !== params.token || !state.isAnswerable(interaction)) {
        throw new DiscordHttpError(404, Code.UnknownInteraction, 'Unknown interaction');
      }
      if (interaction.acknowledged)
        throw new DiscordHttpError(
          400,
          Code.InteractionHasAlreadyBeenAcknowledged,
          'Interaction has already been acknowledged.',
        );
      const { type, data } = asRecord(body) as { type?: number; data?: Record<string, unknown> };
      const channelId =
        (interaction.payload.channel_id as string | undefined) ?? state.defaultChannel.id;
      let resource: Record<string, unknown> | undefined;
      switch (type) {
        case Callback.ChannelMessageWithSource: {
          validateMessage(data, { base: ['data'] });
          interaction.original = state.createMessage(channelId, data ?? {}, {
            interactionId: interaction.id,
          });
          resource = state.toApi(interaction.original);
          break;
        }
        case Callback.DeferredChannelMessageWithSource:
          interaction.original = state.createMessage(
            channelId,
            { flags: ((data?.flags as number | undefined) ?? 0) | MessageFlags.Loading },
            { interactionId: interaction.id },
          );
          resource = state.toApi(interaction.original);
          break;
        case Callback.DeferredMessageUpdate:
        case Callback.UpdateMessage: {
          if (interaction.type !== InteractionType.MessageComponent) throw unsupportedCallback();
          const target = state.messages.get(asRecord(interaction.payload.message).id as string);
          if (type === Callback.UpdateMessage && target) {
            validateMessage(data, { partial: true, base: ['data'] });
            state.editMessage(target, data ?? {});
            resource = state.toApi(target);
          }
          break;
        }
        case Callback.ApplicationCommandAutocompleteResult:
          if (interaction.type !== InteractionType.ApplicationCommandAutocomplete)
            throw unsupportedCallback();
          validateChoices(data);
          break;
        case Callback.Modal:
          break;
        default:
          throw new DiscordHttpError(400, Code.InvalidFormBodyOrContentType, 'Invalid Form Body', {
            type: {
              _errors: [
                {
                  code: 'BASE_TYPE_CHOICES',
                  message: 'Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.',
                },
              ],
            },
          });
      }
      interaction.acknowledged = true;
      const response = { type, ...(data ? { data } : {}) };
      interaction.responses.push(response);
      interaction.resolveFirst(response);
      if (query.get('with_response') !== 'true') return ok();
      return ok({
        interaction: {
          id: interaction.id,
          type: interaction.type,
          response_message_id: interaction.original?.id,
          response_message_loading: type === Callback.DeferredChannelMessageWithSource,
          response_message_ephemeral:
            ((interaction.original?.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
        },
        resource: { type, ...(resource ? { message: resource } : {}) },
      });
    },
    false,
  );

  // The interaction's original response and its follow-ups, by interaction token.
  const original = (token: string) => {
    const interaction = interactionFor(token);
    if (!interaction.original || interaction.original.deleted)
      throw unknown('Message', Code.UnknownMessage);
    return interaction.original;
  };
  const webhookMessage = (token: string, id: string) =>
    id === '@original'
      ? original(token)
      : (interactionFor(token).followups.find((m) => m.id === id && !m.deleted) ??
        (() => {
          throw unknown('Message', Code.UnknownMessage);
        })());
  add(
    'GET',
    '/webhooks/:app/:token/messages/:id',
    ({ params }) => ok(state.toApi(webhookMessage(params.token!, params.id!))),
    false,
  );
  add(
    'PATCH',
    '/webhooks/:app/:token/messages/:id',
    ({ params, body }) => {
      validateMessage(body, { partial: true });
      const m = webhookMessage(params.token!, params.id!);
      m.flags &= ~MessageFlags.Loading;
      return ok(state.toApi(state.editMessage(m, asRecord(body))));
    },
    false,
  );
  add(
    'DELETE',
    '/webhooks/:app/:token/messages/:id',
    ({ params }) => {
      webhookMessage(params.token!, params.id!).deleted = true;
      return ok();
    },
    false,
  );
  add(
    'POST',
    '/webhooks/:app/:token',
    ({ params, body }) => {
      const interaction = interactionFor(params.token!);
      if (!interaction.acknowledged) throw unknown('Webhook', Code.UnknownWebhook);
      validateMessage(body);
      const channelId =
        (interaction.payload.channel_id as string | undefined) ?? state.defaultChannel.id;
      const m = state.createMessage(channelId, asRecord(body), { interactionId: interaction.id });
      interaction.followups.push(m);
      return ok(state.toApi(m));
    },
    false,
  );

  // Channels and their messages.
  add('GET', '/channels/:ch', ({ params }) => ok(state.channelApi(channel(params.ch!))));
  // A forum's tags (Manage Channels), a post's tags and state (Manage Threads), as Discord checks.
  add('PATCH', '/channels/:ch', ({ params, body }) => {
    const c = channel(params.ch!);
    const edit = asRecord(body);
    if (c.type === ChannelType.GuildForum) {
      requireBot(c.id, Permission.ManageChannels);
      if (edit.available_tags !== undefined) c.availableTags = forumTags(edit.available_tags);
      gateway.dispatch('CHANNEL_UPDATE', state.channelApi(c));
      return ok(state.channelApi(c));
    }
    if (c.type !== ChannelType.PublicThread)
      throw new DiscordHttpError(400, 50024, 'Cannot execute action on this channel type');
    requireBot(c.id, Permission.ManageThreads);
    if (edit.applied_tags !== undefined) c.appliedTags = appliedTags(c, edit.applied_tags);
    if (typeof edit.archived === 'boolean') c.archived = edit.archived;
    if (typeof edit.locked === 'boolean') c.locked = edit.locked;
    gateway.dispatch('THREAD_UPDATE', state.channelApi(c));
    return ok(state.channelApi(c));
  });
  const invalidBody = (field: string, message: string) =>
    new DiscordHttpError(400, Code.InvalidFormBodyOrContentType, 'Invalid Form Body', {
      [field]: { _errors: [{ code: 'BASE_TYPE_BAD_VALUE', message }] },
    });
  const forumTags = (raw: unknown) => {
    if (!Array.isArray(raw) || raw.length > 20)
      throw invalidBody('available_tags', 'Must be 20 or fewer in length.');
    return raw.map((t) => {
      const tag = asRecord(t);
      const name = String(tag.name ?? '');
      if (name.length < 1 || name.length > 20)
        throw invalidBody('available_tags', 'A tag name must be 1 to 20 characters.');
      return {
        id: typeof tag.id === 'string' ? tag.id : snowflake(),
        name,
        moderated: tag.moderated === true,
        emoji_id: null,
        emoji_name: typeof tag.emoji_name === 'string' ? tag.emoji_name : null,
      };
    });
  };
  const appliedTags = (thread: Channel, raw: unknown) => {
    const forum = state.channels.get(thread.parentId ?? '');
    const known = new Set((forum?.availableTags ?? []).map((t) => t.id));
    if (!Array.isArray(raw) || raw.length > 5 || !raw.every((id) => known.has(String(id))))
      throw invalidBody('applied_tags', "Must be at most 5 of the forum's tags.");
    return raw.map(String);
  };
  const pinList = (ch: string) =>
    (state.pins.get(ch) ?? []).map((id) => state.messages.get(id)!).filter((m) => !m.deleted);
  add('GET', '/channels/:ch/messages/pins', ({ params }) =>
    ok({
      items: pinList(params.ch!).map((m) => ({ pinned_at: m.timestamp, message: state.toApi(m) })),
      has_more: false,
    }),
  );
  add('GET', '/channels/:ch/pins', ({ params }) =>
    ok(pinList(params.ch!).map((m) => state.toApi(m))),
  );
  add('POST', '/channels/:ch/messages', ({ params, body }) => {
    const target = channel(params.ch!);
    if (target.type === ChannelType.GuildForum)
      throw new DiscordHttpError(400, 50024, 'Cannot execute action on this channel type');
    // In a post: its own right, and none at all once it is locked (archived posts reopen).
    const isPost = target.type === ChannelType.PublicThread;
    requireBot(
      params.ch!,
      Permission.ViewChannel,
      isPost ? Permission.SendMessagesInThreads : Permission.SendMessages,
    );
    if (isPost && target.locked) throw missingPermissions();
    if (isPost) target.archived = false;
    validateMessage(body);
    const reference = asRecord(asRecord(body).message_reference);
    if (reference.message_id && reference.fail_if_not_exists !== false)
      message(params.ch!, String(reference.message_id));
    return ok(state.toApi(state.createMessage(params.ch!, asRecord(body))));
  });
  add('GET', '/channels/:ch/messages/:id', ({ params }) => {
    requireBot(params.ch!, Permission.ViewChannel, Permission.ReadMessageHistory);
    return ok(state.toApi(message(params.ch!, params.id!)));
  });
  add('PATCH', '/channels/:ch/messages/:id', ({ params, body }) => {
    const m = message(params.ch!, params.id!);
    if (m.author.id !== state.botUser.id)
      throw new DiscordHttpError(
        403,
        Code.CannotEditMessageAuthoredByAnotherUser,
        'Cannot edit a message authored by another user',
      );
    validateMessage(body, { partial: true });
    return ok(state.toApi(state.editMessage(m, asRecord(body))));
  });
  add('DELETE', '/channels/:ch/messages/:id', ({ params }) => {
    const m = message(params.ch!, params.id!);
    if (m.author.id !== state.botUser.id) requireBot(params.ch!, Permission.ManageMessages);
    m.deleted = true;
    // As Discord: a deleted message is no longer among the channel's pins.
    const pins = state.pins.get(params.ch!);
    if (pins?.includes(m.id))
      state.pins.set(
        params.ch!,
        pins.filter((id) => id !== m.id),
      );
    m.pinned = false;
    return ok();
  });
  /** Pinning needs Pin Messages, or Manage Messages (which granted it before Pin Messages existed). */
  const pinnableChannel = (id: string) => {
    const c = channel(id);
    if ((c.botPermissions & (Permission.PinMessages | Permission.ManageMessages)) === 0n)
      throw missingPermissions();
    return c;
  };
  const pin = ({ params }: RouteInput) => {
    const c = pinnableChannel(params.ch!);
    const m = message(params.ch!, params.id!);
    const pins = state.pins.get(c.id) ?? [];
    if (!pins.includes(m.id)) {
      if (pins.filter((id) => !state.messages.get(id)?.deleted).length >= MAX_PINS) {
        throw new DiscordHttpError(
          400,
          Code.MaximumNumberOfPinsReachedForTheChannel,
          'Maximum number of pins reached (50)',
        );
      }
      pins.push(m.id);
    }
    state.pins.set(c.id, pins);
    m.pinned = true;
    return ok();
  };
  const unpin = ({ params }: RouteInput) => {
    const c = pinnableChannel(params.ch!);
    const m = message(params.ch!, params.id!);
    state.pins.set(
      c.id,
      (state.pins.get(c.id) ?? []).filter((id) => id !== m.id),
    );
    m.pinned = false;
    return ok();
  };
  add('PUT', '/channels/:ch/messages/pins/:id', pin);
  add('DELETE', '/channels/:ch/messages/pins/:id', unpin);
  add('PUT', '/channels/:ch/pins/:id', pin);
  add('DELETE', '/channels/:ch/pins/:id', unpin);

  // Anything else falls through to Discord's 404 in the router: never a hang.
  return routes;
}
