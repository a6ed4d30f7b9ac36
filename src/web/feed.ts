import path from 'node:path';
import { InteractionType, MessageFlags, type APIEmbed } from 'discord-api-types/v10';
import { customIdsOf, decodeCustomId } from '../discord/custom-id.js';
import { cardHash, renderCard, renderRetiredCard, type MessageBody } from '../cards/render.js';
import type { StoredMessage } from '../emulator/state.js';
import type { Feed, FeedItem } from './wire.js';
import { ID_PATTERN, type FaqEntry } from '../faq/entry.js';
export type { Feed, FeedItem } from './wire.js';
import { fileInside, formatProblemInside, type Problem } from '../faq/problem.js';

/** What the feed needs to know of the interaction a bot message answers. */
export interface InteractionSummary {
  type: number;
  /** The command's name as a member sees it (`faq`, `faq-admin pin`, `Answer with FAQ`). */
  name?: string;
  userId?: string;
}

/** The FAQ as it is now, and where its files are, for the live preview. */
export interface PreviewSource {
  dir: string;
  get(id: string): FaqEntry | undefined;
  /** The last reload's problems (empty when it loaded). */
  problems: readonly Problem[];
}

/** How many of the newest messages the page shows (Discord loads 50 at a time). */
export const FEED_LENGTH = 50;

/**
 * The channel as `viewerId` sees it: every message but other members' ephemeral ones, newest
 * last, with FAQ cards shown as their file reads now (see `previewOf`).
 */
export function buildFeed(input: {
  channel: string;
  /** The channel is the viewer's DM with the bot. */
  dm?: boolean;
  moderator: boolean;
  viewerId: string;
  messages: readonly StoredMessage[];
  users: ReadonlyMap<string, string>;
  interactionOf: (id: string) => InteractionSummary | undefined;
  entryOf: (message: StoredMessage) => string | undefined;
  faq: PreviewSource;
}): Omit<Feed, 'view' | 'posts'> {
  const byId = new Map(input.messages.map((m) => [m.id, m]));
  const name = (id: string, fallback: string) => input.users.get(id) ?? fallback;
  const items: FeedItem[] = [];
  // Only the newest FEED_LENGTH the viewer sees are built: a channel of thousands of cards costs no
  // more to show than one of fifty, every time it is drawn again.
  for (let i = input.messages.length - 1; i >= 0 && items.length < FEED_LENGTH; i--) {
    const message = input.messages[i]!;
    const interaction = message.interactionId
      ? input.interactionOf(message.interactionId)
      : undefined;
    const ephemeral = (message.flags & MessageFlags.Ephemeral) !== 0;
    if (ephemeral && interaction?.userId !== input.viewerId) continue;
    const referenced = message.message_reference
      ? byId.get(message.message_reference.message_id)
      : undefined;
    const entryId = input.entryOf(message);
    const preview = entryId ? previewOf(message, entryId, input.faq) : undefined;
    const body = preview?.body ?? message;
    items.unshift({
      id: message.id,
      author: {
        id: message.author.id,
        name: name(message.author.id, message.author.username),
        bot: message.author.bot === true,
      },
      ...(interaction?.type === InteractionType.ApplicationCommand && interaction.name
        ? {
            command: {
              name: interaction.name,
              by: interaction.userId ? name(interaction.userId, 'someone') : 'someone',
            },
          }
        : {}),
      ...(referenced
        ? {
            replyTo: {
              author: name(referenced.author.id, referenced.author.username),
              content: referenced.content,
            },
          }
        : {}),
      ephemeral,
      loading:
        (message.flags & MessageFlags.Loading) !== 0 &&
        message.content === '' &&
        message.embeds.length === 0,
      pinned: message.pinned,
      edited: message.edited_timestamp !== null,
      timestamp: message.timestamp,
      content: body.content ?? '',
      embeds: body.embeds as APIEmbed[],
      components: body.components as FeedItem['components'],
      ...(preview ? { preview: preview.shown } : {}),
    });
  }
  return {
    channel: input.channel,
    dm: input.dm === true,
    moderator: input.moderator,
    users: Object.fromEntries(input.users),
    problems: input.faq.problems.map((p) => formatProblemInside(input.faq.dir, p)),
    items,
  };
}

/**
 * An FAQ card as its file reads now. Discord keeps a posted message as it was, and the bot itself
 * edits only pinned cards (the living pins), so a pinned card is shown as Discord has it; any other
 * card is drawn again from its entry, with a note saying so. When the last reload was refused, the
 * problems of the card's file are shown with it; an entry removed shows the retired card.
 */
export function previewOf(
  message: Pick<StoredMessage, 'pinned' | 'flags' | 'content' | 'embeds' | 'components'> & {
    allowed_mentions?: unknown;
  },
  entryId: string,
  faq: PreviewSource,
): { body?: MessageBody; shown: NonNullable<FeedItem['preview']> } {
  const shownFile = fileInside(faq.dir, path.join(faq.dir, `${entryId}.md`));
  const problems = faq.problems
    .filter((p) => path.basename(p.file) === `${entryId}.md` || p.file === faq.dir)
    .map((p) => formatProblemInside(faq.dir, p));
  const posted = message as unknown as MessageBody;
  if (problems.length > 0)
    return {
      shown: {
        file: shownFile,
        problems,
        note: 'This edit was refused: the bot keeps serving the last good version.',
      },
    };
  if (message.pinned) return { shown: { file: shownFile } };
  const entry = faq.get(entryId);
  const now = entry
    ? renderCard(entry, cardOptionsOf(posted))
    : renderRetiredCard(
        (posted.embeds[0]?.title ?? entryId).replace(/^No longer in the FAQ: /, ''),
        posted.embeds[0]?.url ?? 'https://fal.ai/docs',
      );
  if (!entry) now.flags = posted.flags;
  if (cardHash(now) === cardHash(posted)) return { shown: { file: shownFile } };
  return {
    body: { ...now, content: posted.content },
    shown: {
      file: shownFile,
      note: entry
        ? `Preview: ${shownFile} changed since this card was posted. In Discord a posted card stays as it was; a pinned one is updated by the bot.`
        : `Preview: ${shownFile} was removed.`,
    },
  };
}

/** The options a card was rendered with, read back from the card. */
function cardOptionsOf(body: MessageBody): Parameters<typeof renderCard>[1] {
  const mention = (body.allowed_mentions as { users?: string[] } | undefined)?.users?.[0];
  const feedback = customIdsOf(body).some((id) => decodeCustomId(id)?.kind === 'feedback');
  return {
    ephemeral: ((body.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
    feedback,
    ...(mention ? { mentionUserId: mention } : {}),
  };
}

/**
 * The FAQ entry a bot message is the card of: the one its feedback buttons name, or else the one
 * whose card has its title and link (a private card has no buttons). Undefined for anything else.
 */
export function faqEntryOfCard(
  message: Pick<StoredMessage, 'embeds' | 'components'>,
  entries: readonly FaqEntry[],
): string | undefined {
  for (const raw of customIdsOf(message)) {
    const id = decodeCustomId(raw);
    // Another source's card names a prefixed id (docs:…, model:…), never an FAQ entry's shape; an
    // entry since removed is still named (its card shows as retired).
    if (id?.kind === 'feedback') return ID_PATTERN.test(id.entryId) ? id.entryId : undefined;
    // The bot's reply to a help-forum post is no card: it is shown as it was posted.
    if (id?.kind === 'solved' || id?.kind === 'not-it') return undefined;
  }
  const embed = (message.embeds as APIEmbed[])[0];
  if (!embed?.title) return undefined;
  return entries.find((e) => {
    const card = renderCard(e).embeds[0]!;
    return card.title === embed.title && card.url === embed.url;
  })?.id;
}
