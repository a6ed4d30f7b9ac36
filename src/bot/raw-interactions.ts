import {
  Events,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type Client,
} from 'discord.js';
import type { Logger } from '../logger.js';
import { rememberResolvedPermissions } from './moderation.js';
import { POLITE_ERROR } from './errors.js';

interface RawInteraction {
  id?: string;
  token?: string;
  type?: number;
  member?: { user?: unknown };
  user?: unknown;
  data?: { resolved?: { channels?: Record<string, { permissions?: string }> } };
}

/**
 * Reads each INTERACTION_CREATE before discord.js builds it: keeps what discord.js would drop (the
 * invoker's permissions in the channels options name), and takes out an interaction with neither a
 * member nor a user, which discord.js cannot build (it would throw inside the gateway handler and
 * take the process down). That one is logged and answered politely while Discord still allows.
 */
export function watchRawInteractions(client: Client, logger: Logger): void {
  client.on(Events.Raw, (packet: { t?: string; d?: RawInteraction }) => {
    if (packet.t !== 'INTERACTION_CREATE' || !packet.d) return;
    const d = packet.d;
    if (d.member?.user || d.user) {
      rememberResolvedPermissions(d);
      return;
    }
    // The same packet object goes on to discord.js's handler: renamed, no handler claims it.
    packet.t = 'INTERACTION_CREATE_WITHOUT_USER';
    logger.warn(
      { interactionId: d.id, type: d.type },
      'interaction without member or user; answered without serving it',
    );
    if (!d.id || !d.token) return;
    const body =
      d.type === InteractionType.ApplicationCommandAutocomplete
        ? {
            type: InteractionResponseType.ApplicationCommandAutocompleteResult,
            data: { choices: [] },
          }
        : {
            type: InteractionResponseType.ChannelMessageWithSource,
            data: {
              content: POLITE_ERROR,
              flags: MessageFlags.Ephemeral,
              allowed_mentions: { parse: [] },
            },
          };
    client.rest
      .post(Routes.interactionCallback(d.id, d.token), { body, auth: false })
      .catch((error: unknown) =>
        logger.warn(
          { interactionId: d.id, err: error },
          'could not answer an interaction without a user',
        ),
      );
  });
}
