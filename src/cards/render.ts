import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from 'discord-api-types/v10';
import { createHash } from 'node:crypto';
import type { FaqEntry } from '../faq/entry.js';
import { encodeCustomId } from '../discord/custom-id.js';
import { DISCORD_LIMITS, truncate } from '../discord/limits.js';

/** fal's brand purple. */
export const FAL_COLOR = 0x7c3aed;
export const FOOTER_TEXT = 'From the fal docs · fal.ai/docs';
export const DOCS_BUTTON_LABEL = 'Open in the docs';

/** A message body in Discord API field names: exactly what goes over the wire. */
export interface MessageBody {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: APIAllowedMentions;
  flags?: number;
}

export interface CardOptions {
  /** A user the card is addressed to: named in the content and the only mention allowed. */
  mentionUserId?: string;
  /** Only the invoker sees it. */
  ephemeral?: boolean;
  /** Helpful / not helpful buttons (public cards only). */
  feedback?: boolean;
}

/** Nobody is pinged unless named here: FAQ text can never reach @everyone, roles or users. */
export function allowedMentions(userIds: string[] = []): APIAllowedMentions {
  return userIds.length > 0 ? { parse: [], users: userIds } : { parse: [] };
}

/**
 * Escapes what Discord would treat as a mention in content: FAQ text in an embed cannot ping,
 * but it could still render `@everyone` or `<@&role>` as if it did, which misleads readers.
 */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)/g, '@\u200b$1').replace(/<@([!&]?\d+)>/g, '<@\u200b$1>');
}

export function renderCard(entry: FaqEntry, options: CardOptions = {}): MessageBody {
  return finishCard(
    {
      id: entry.id,
      embed: {
        title: truncate(defuseMentions(entry.question), DISCORD_LIMITS.embedTitle),
        url: entry.url,
        description: truncate(defuseMentions(entry.answer), DISCORD_LIMITS.embedDescription),
      },
      links: [{ label: DOCS_BUTTON_LABEL, url: entry.url }],
    },
    options,
  );
}

/** A link button under a card. */
export function linkButton(label: string, url: string): APIComponentInMessageActionRow {
  return { type: ComponentType.Button, style: ButtonStyle.Link, label, url };
}

/**
 * Every card, whatever it answers from (FAQ, docs, models): fal's colour and footer, its link
 * buttons, the feedback buttons on a public card, the one mention it may carry, private if asked.
 */
export function finishCard(
  card: { id: string; embed: APIEmbed; links: { label: string; url: string }[] },
  options: CardOptions,
): MessageBody {
  const embed: APIEmbed = { ...card.embed, color: FAL_COLOR, footer: { text: FOOTER_TEXT } };
  const buttons = card.links.map((l) => linkButton(l.label, l.url));
  if (options.feedback && !options.ephemeral) {
    buttons.push(
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Helpful',
        emoji: { name: '👍' },
        custom_id: encodeCustomId({ kind: 'feedback', helpful: true, entryId: card.id }),
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Not helpful',
        emoji: { name: '👎' },
        custom_id: encodeCustomId({ kind: 'feedback', helpful: false, entryId: card.id }),
      },
    );
  }
  const body: MessageBody = {
    embeds: [embed],
    components: [{ type: ComponentType.ActionRow, components: buttons }],
    allowed_mentions: allowedMentions(options.mentionUserId ? [options.mentionUserId] : []),
  };
  if (options.mentionUserId) body.content = `<@${options.mentionUserId}>`;
  if (options.ephemeral) body.flags = MessageFlags.Ephemeral;
  return body;
}

/** A plain ephemeral notice (errors, "did you mean"): no pings, only the invoker sees it. */
export function renderNotice(text: string): MessageBody {
  return {
    content: truncate(defuseMentions(text), DISCORD_LIMITS.content),
    embeds: [],
    components: [],
    allowed_mentions: allowedMentions(),
    flags: MessageFlags.Ephemeral,
  };
}

/** What a pinned card becomes when its entry leaves the FAQ: it is edited, never deleted. */
export function renderRetiredCard(question: string, url: string): MessageBody {
  return {
    embeds: [
      {
        title: truncate(
          `No longer in the FAQ: ${defuseMentions(question)}`,
          DISCORD_LIMITS.embedTitle,
        ),
        url,
        description:
          'This answer was removed from the fal FAQ. The docs have the current information.',
        color: 0x6b7280,
        footer: { text: FOOTER_TEXT },
      },
    ],
    components: [
      { type: ComponentType.ActionRow, components: [linkButton(DOCS_BUTTON_LABEL, url)] },
    ],
    allowed_mentions: allowedMentions(),
  };
}

/** Identifies what a card shows, to know whether a pinned message needs an edit. */
export function cardHash(body: MessageBody): string {
  return createHash('sha256')
    .update(JSON.stringify({ embeds: body.embeds, components: body.components }))
    .digest('hex')
    .slice(0, 32);
}
