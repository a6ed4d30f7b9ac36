import { PermissionFlagsBits as Permission, type ChannelType } from 'discord-api-types/v10';
import type { ResolvedMentions } from './mentions.js';

/*
 * What the emulated Discord holds, as plain data: the permissions it gives, its users, members,
 * roles, channels, messages, interactions and registered commands.
 */

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
/** What the invite URL in docs/operating.md grants the bot. */
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
  type: ChannelType.GuildText | ChannelType.DM | ChannelType.GuildForum | ChannelType.PublicThread;
  /** What the bot may do here; Discord refuses the rest with 50013. */
  botPermissions: bigint;
  /** Members whose permissions here differ from their server-wide ones (channel overwrites). */
  memberPermissions?: Map<string, bigint>;
  /** A forum's tags. */
  availableTags?: ForumTag[];
  /** A post (a thread of a forum): its forum, who opened it, its tags and state. */
  parentId?: string;
  ownerId?: string;
  appliedTags?: string[];
  archived?: boolean;
  locked?: boolean;
  createdAt?: string;
}

export interface ForumTag {
  id: string;
  name: string;
  moderated: boolean;
  emoji_id: null;
  emoji_name: string | null;
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

export interface RegisteredOption {
  name: string;
  type: number;
  options?: RegisteredOption[];
  required?: boolean;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
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

/** An AutoMod rule as Discord keeps it (keyword rules: what the bot's key guard is). */
export interface AutoModRule {
  id: string;
  guild_id: string;
  name: string;
  creator_id: string;
  event_type: number;
  trigger_type: number;
  trigger_metadata: { keyword_filter?: string[]; regex_patterns?: string[]; allow_list?: string[] };
  actions: { type: number; metadata?: { custom_message?: string; channel_id?: string } }[];
  enabled: boolean;
  exempt_roles: string[];
  exempt_channels: string[];
}
