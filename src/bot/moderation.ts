import {
  PermissionFlagsBits,
  PermissionsBitField,
  type GuildMember,
  type Interaction,
} from 'discord.js';
import type { Config } from '../config.js';

/**
 * The invoker's permissions in each channel an option names, as Discord computed them (overwrites
 * included) in the interaction's `resolved.channels`. discord.js drops them when it builds the
 * channel, so the bot keeps them from the raw gateway packet, by interaction id, until answered.
 */
const resolvedPermissions = new Map<string, Map<string, bigint>>();

/** From the raw INTERACTION_CREATE packet: remembers what Discord said of each resolved channel. */
export function rememberResolvedPermissions(packet: {
  id?: string;
  data?: { resolved?: { channels?: Record<string, { permissions?: string }> } };
}): void {
  const channels = packet.data?.resolved?.channels;
  if (!packet.id || !channels) return;
  const perms = new Map<string, bigint>();
  for (const [id, channel] of Object.entries(channels))
    if (typeof channel.permissions === 'string' && /^\d+$/.test(channel.permissions))
      perms.set(id, BigInt(channel.permissions));
  resolvedPermissions.set(packet.id, perms);
  // Interactions can only be answered for 15 minutes; nothing needs them longer.
  setTimeout(() => resolvedPermissions.delete(packet.id!), 15 * 60_000).unref();
}

export function forgetResolvedPermissions(interactionId: string): void {
  resolvedPermissions.delete(interactionId);
}

/** What the invoker may do in `channelId`: where invoked, or a channel an option named. */
function permissionsIn(interaction: Interaction, channelId: string | undefined) {
  if (!channelId || channelId === interaction.channelId) return interaction.memberPermissions;
  const bits = resolvedPermissions.get(interaction.id)?.get(channelId);
  return bits === undefined ? null : new PermissionsBitField(bits);
}

/**
 * Moderators are members with Manage Messages in the channel acted in (what Discord computed for
 * them, not the cached guild roles: where the command was typed, or the channel it names) or with
 * a role listed in MOD_ROLE_IDS. Registering with default_member_permissions hides the command from
 * others, but server admins can override that, so this is checked again on every use.
 */
export function isModerator(
  interaction: Interaction,
  config: Pick<Config, 'MOD_ROLE_IDS'>,
  channelId?: string,
): boolean {
  if (permissionsIn(interaction, channelId)?.has(PermissionFlagsBits.ManageMessages)) return true;
  const roles = interaction.member?.roles;
  if (!roles || config.MOD_ROLE_IDS.length === 0) return false;
  const ids = Array.isArray(roles) ? roles : [...(roles as GuildMember['roles']).cache.keys()];
  return ids.some((id) => config.MOD_ROLE_IDS.includes(id));
}

/**
 * Whether the invoker may send messages where the interaction happened: a public card speaks in
 * the channel on their behalf. In a DM with the bot there is nobody else to speak to.
 */
export function maySpeakHere(interaction: Interaction): boolean {
  if (!interaction.inGuild()) return true;
  return interaction.memberPermissions?.has(PermissionFlagsBits.SendMessages) === true;
}

export const NOT_A_MODERATOR =
  'Only moderators can do that: it needs the Manage Messages permission or a moderator role.';

export const notAModeratorIn = (channelId: string) =>
  `Only moderators of <#${channelId}> can do that there: it needs the Manage Messages permission in that channel or a moderator role.`;
