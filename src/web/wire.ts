import type {
  APIActionRowComponent,
  APIApplicationCommandOptionChoice,
  APIComponentInMessageActionRow,
  APIEmbed,
} from 'discord-api-types/v10';

/*
 * What the web sandbox's server sends its page: the server builds it (feed.ts), the browser
 * draws it (client/). Types only, so that the page's code can share them without Node's.
 */

/** One message of the emulated channel as the page shows it: what Discord's client would draw. */
export interface FeedItem {
  id: string;
  author: { id: string; name: string; bot: boolean };
  /** "you used /faq": the command this message is the bot's reply to. */
  command?: { name: string; by: string };
  /** The message this one replies to (Answer with FAQ). */
  replyTo?: { author: string; content: string };
  /** Only the viewer sees it ("Only you can see this"). */
  ephemeral: boolean;
  /** A deferred reply not yet completed ("fal FAQ is thinking…"). */
  loading: boolean;
  pinned: boolean;
  edited: boolean;
  timestamp: string;
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** The live preview of an FAQ card: the file it comes from, and how it reads now. */
  preview?: { file: string; note?: string; problems?: string[] };
}

/** A post of the help forum, as the forum's list shows it. */
export interface ForumPost {
  id: string;
  title: string;
  author: string;
  tags: string[];
  /** Messages in the post (its first one included). */
  messages: number;
}

export interface Feed {
  channel: string;
  /** The channel shown is the viewer's DM with the bot. */
  dm: boolean;
  /** What the page shows: a channel's messages (#general, the DM, a post) or the help forum's posts. */
  view: 'channel' | 'dm' | 'forum' | 'post';
  /** The forum's posts, newest first, when `view` is the forum. */
  posts?: ForumPost[];
  moderator: boolean;
  /** Display names by id, for mentions: members' and channels'. */
  users: Record<string, string>;
  /** What was wrong in the FAQ folder at the last reload (empty once it loads again). */
  problems: string[];
  items: FeedItem[];
}

/** What the bot suggests for a line typed in the box (`/api/suggest`); no command for another line. */
export interface Suggestions {
  /** The command typed, and the option it autocompletes (`/model endpoint`). */
  command?: string;
  option?: string;
  choices: APIApplicationCommandOptionChoice[];
  /** With no choices: how the line may go on (commands, subcommands, option names), whole lines. */
  completions?: string[];
}

/**
 * What changed in the feed since the last event (`/api/events` after its first, whole feed): the
 * rest of the feed, the ids shown in order, and only the items that are new or changed.
 */
export interface FeedChange {
  change: { meta: Omit<Feed, 'items'>; order: string[]; upsert: FeedItem[] };
}

/** The feed a change makes of the one before it. */
export function applyChange(before: Feed, { change }: FeedChange): Feed {
  const known = new Map(before.items.map((item) => [item.id, item]));
  for (const item of change.upsert) known.set(item.id, item);
  return { ...change.meta, items: change.order.flatMap((id) => known.get(id) ?? []) };
}
