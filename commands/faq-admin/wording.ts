import { literal } from '../../src/discord/literal.js';
import type { EditFailure } from '../../src/pins/failure.js';
import type { StuckCard } from '../../src/pins/keeper.js';

/** Why a pinned card is not up to date, and what to do about it. */
export function editFailureText(f: EditFailure): string {
  const stop = 'or unpin the card to stop updating it';
  switch (f.kind) {
    case 'no-access':
      return `I can no longer see that channel: give me View Channel there again, ${stop}`;
    case 'no-permission':
      return `I lack a permission to edit it there: check my permissions in that channel, ${stop}`;
    case 'discord-failed':
      return `Discord failed to update it (HTTP ${f.status})`;
    case 'refused':
      return `Discord refused the edit (${f.detail})`;
    case 'unreachable':
      return `Discord was not reached (${f.detail})`;
    case 'before-restart':
      return 'its last update failed before the bot restarted';
  }
}

/** Lists shown to a moderator stop here, so a notice stays readable (and inside Discord's 2000). */
const MAX_LISTED = 5;

/** A record made in this server, or before the bot kept servers (then it cannot tell). */
export const inServer = (guildId: string | null) => (record: { guildId: string | null }) =>
  record.guildId === null || record.guildId === guildId;

/**
 * Each stuck card in this server as a line saying where it is and what to do about it; cards
 * in other servers are only counted, their moderators have no say here.
 */
export function stuckLines(cards: StuckCard[], guildId: string | null): string[] {
  const here = cards.filter(inServer(guildId));
  const lines = here
    .slice(0, MAX_LISTED)
    .map((c) => `• **${literal(c.question)}** in <#${c.channelId}>: ${editFailureText(c.reason)}.`);
  if (here.length > MAX_LISTED) lines.push(`…and ${here.length - MAX_LISTED} more.`);
  const elsewhere = cards.length - here.length;
  if (elsewhere > 0) lines.push(`…and ${elsewhere} in other servers.`);
  return lines;
}
