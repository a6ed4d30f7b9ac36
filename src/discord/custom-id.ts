import { SNOWFLAKE } from './snowflake.js';

/**
 * Every custom_id the bot puts on a button or menu, as what it means. A custom_id comes back
 * from the member's client, so it is only a claim: decoding checks its shape, and each handler
 * checks what it claims against the interaction itself (its channel, its message, its invoker).
 */
export type CustomId =
  /** A helpful / not helpful button under a public card: `faq-fb:up:<entry id>` (FAQ, `docs:…`, `model:…`). */
  | { kind: 'feedback'; helpful: boolean; entryId: string }
  /** The Answer-with-FAQ menu, for the message it answers: `faq-answer:<message id>`. */
  | { kind: 'answer'; messageId: string }
  /** "Solved by this" under the bot's reply to a help-forum post: `faq-solved:<answer id>`. */
  | { kind: 'solved'; entryId: string }
  /** "Not it" under the same reply: `faq-not-it`. */
  | { kind: 'not-it' };

export type CustomIdKind = CustomId['kind'];

const PREFIX: Record<CustomIdKind, string> = {
  feedback: 'faq-fb',
  answer: 'faq-answer',
  solved: 'faq-solved',
  'not-it': 'faq-not-it',
};
const KIND_OF = new Map(Object.entries(PREFIX).map(([kind, prefix]) => [prefix, kind]));

/**
 * The shape of what a card's feedback may name, in any source: an FAQ entry id (`rate-limit`) or
 * a source's prefixed id (`docs:…`, `model:…`). Only the shape: whether a source has it is the
 * handler's to check, so a new source's cards decode with no change here.
 */
const CARD_ID = /^(?:[a-z][a-z0-9-]*:)?\w[\w.-]*(?:\/\w[\w.-]*)*$/;
/** Discord's 100 characters, less `faq-fb:down:`. */
export const MAX_CARD_ID = 88;

const isEntryId = (s: string | undefined): s is string =>
  !!s && s.length <= MAX_CARD_ID && CARD_ID.test(s);

export function encodeCustomId(id: CustomId): string {
  switch (id.kind) {
    case 'feedback':
      return `${PREFIX.feedback}:${id.helpful ? 'up' : 'down'}:${id.entryId}`;
    case 'answer':
      return `${PREFIX.answer}:${id.messageId}`;
    case 'solved':
      return `${PREFIX.solved}:${id.entryId}`;
    case 'not-it':
      return PREFIX['not-it'];
  }
}

/** The custom_ids of a message's buttons and menus, in order (link buttons have none). */
export function customIdsOf(message: { components: readonly unknown[] }): string[] {
  return (message.components as { components?: { custom_id?: string }[] }[]).flatMap((row) =>
    (row.components ?? []).flatMap((c) => (c.custom_id ? [c.custom_id] : [])),
  );
}

/** What a custom_id means, or undefined for one this version never makes (old, or forged). */
export function decodeCustomId(raw: string): CustomId | undefined {
  const [prefix, ...parts] = raw.split(':');
  switch (KIND_OF.get(prefix ?? '')) {
    case 'feedback': {
      // A docs or model id has a colon of its own (`docs:…`).
      const [direction, ...idParts] = parts;
      const entryId = idParts.join(':');
      if ((direction !== 'up' && direction !== 'down') || !isEntryId(entryId)) return undefined;
      return { kind: 'feedback', helpful: direction === 'up', entryId };
    }
    case 'answer': {
      const [messageId, ...rest] = parts;
      if (rest.length > 0 || !messageId || !SNOWFLAKE.test(messageId)) return undefined;
      return { kind: 'answer', messageId };
    }
    case 'solved': {
      const entryId = parts.join(':');
      return isEntryId(entryId) ? { kind: 'solved', entryId } : undefined;
    }
    case 'not-it':
      return parts.length === 0 ? { kind: 'not-it' } : undefined;
    default:
      return undefined;
  }
}
