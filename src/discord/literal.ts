// The formatter discord.js re-exports, without loading the whole client into the cards.
import { escapeMarkdown } from '@discordjs/formatters';
import { truncate } from './limits.js';

/**
 * Text a member typed, shown back in a message (a username, a query in the stats, a topic that
 * matched nothing): literally, never as formatting or a masked link that hides where it goes;
 * cut to `max` characters first, so that the cut cannot split an escape.
 */
export const literal = (typed: string, max = Infinity) =>
  escapeMarkdown(truncate(typed.trim().replace(/\s+/g, ' '), max), { maskedLink: true });

/** A list line linking a page by its title; `<…>` keeps Discord from unfurling the link. */
export const linkLine = (title: string, url: string) => `• [${literal(title, 100)}](<${url}>)`;
