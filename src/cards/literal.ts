// The formatter discord.js re-exports, without loading the whole client into the cards.
import { escapeMarkdown } from '@discordjs/formatters';

/**
 * Text a member typed, shown back in a message (a username, a query in the stats, a topic that
 * matched nothing): literally, never as formatting or a masked link that hides where it goes.
 */
export const literal = (typed: string) =>
  escapeMarkdown(typed.replace(/\s+/g, ' '), { maskedLink: true });
