import type { ReadPlan } from './off-thread.js';

export const DAY_MS = 86_400_000;

export interface Stats {
  days: number;
  topEntries: { entryId: string; count: number }[];
  /** Questions with no confident match, by the command they were asked in. */
  gaps: { command: string; query: string; count: number }[];
  feedback: { entryId: string; helpful: number; notHelpful: number }[];
}

/** How usage and votes record a DM with the bot: Discord's own name for it in message links. */
const IN_DM = '@me';
export const placeOf = (guildId: string | null) => guildId ?? IN_DM;

/**
 * What `/faq-admin stats` reads for a server over the last `days`: the entries most used, the
 * questions nothing answered (the gaps), and the votes; records from before the bot kept servers
 * count in every server.
 */
export function statsPlan(
  now: number,
  days: number,
  guildId: string | null,
  limit: number,
): ReadPlan {
  const since = now - days * DAY_MS;
  const here = '(guild_id = @place OR guild_id IS NULL)';
  const args = { since, place: placeOf(guildId), limit };
  return {
    topEntries: {
      sql: `SELECT entry_id AS entryId, COUNT(*) AS count FROM usage WHERE ${here} AND outcome = 'card'
           AND at >= @since GROUP BY entry_id ORDER BY count DESC, entry_id LIMIT @limit`,
      args,
    },
    gaps: {
      sql: `SELECT coalesce(command, 'faq') AS command, lower(trim(query)) AS query, COUNT(*) AS count FROM usage
           WHERE ${here} AND outcome = 'no-match' AND at >= @since
           GROUP BY coalesce(command, 'faq'), lower(trim(query)) ORDER BY count DESC, query, command LIMIT @limit`,
      args,
    },
    feedback: {
      sql: `SELECT entry_id AS entryId, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful FROM feedback
           WHERE ${here} AND at >= @since
           GROUP BY entry_id ORDER BY helpful + notHelpful DESC, entry_id LIMIT @limit`,
      args,
    },
  };
}
