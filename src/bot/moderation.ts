import { PermissionFlagsBits, type GuildMember, type Interaction } from 'discord.js';
import type { Config } from '../config.js';

/**
 * Moderators are members with Manage Messages where they invoke the command (what Discord
 * computed for them: `memberPermissions`, not the cached guild roles) or with a role listed in
 * MOD_ROLE_IDS. Registering with default_member_permissions hides the command from others,
 * but server admins can override that, so this is checked again on every use.
 */
export function isModerator(
  interaction: Interaction,
  config: Pick<Config, 'MOD_ROLE_IDS'>,
): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)) return true;
  const roles = interaction.member?.roles;
  if (!roles || config.MOD_ROLE_IDS.length === 0) return false;
  const ids = Array.isArray(roles) ? roles : [...(roles as GuildMember['roles']).cache.keys()];
  return ids.some((id) => config.MOD_ROLE_IDS.includes(id));
}

export const NOT_A_MODERATOR =
  'Only moderators can do that: it needs the Manage Messages permission or a moderator role.';
