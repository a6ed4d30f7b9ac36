import { isStopWord, stem, words } from '../search/text.js';
import type { ForumPost } from '../store/store.js';

/** What the help forums did over a period: the figures `/faq-admin stats` and the digest show. */
export interface ForumFigures {
  posts: number;
  /** Posts the bot replied to with answers. */
  suggested: number;
  /** Posts marked solved by the bot's answer, and solved at all. */
  solvedByBot: number;
  solved: number;
  /** The median time from a post to the first reply by someone else, over posts that got one. */
  medianFirstReplyMs: number | undefined;
  /** Questions nobody's answer solved, grouped by the words they share, most asked first. */
  unanswered: { count: number; title: string }[];
}

/** How many groups of unanswered questions are listed. */
const UNANSWERED_SHOWN = 5;

/**
 * The figures of `posts`. Unanswered posts (the bot offered nothing, or its answer was "not it",
 * and nobody marked them solved) are grouped by their two rarest words (`rarity`, as the ranking
 * weighs them): "locked after top up" and "account locked top up" fall together.
 */
export function forumFigures(
  posts: readonly ForumPost[],
  rarity: (word: string) => number,
): ForumFigures {
  const replies = posts
    .filter((p) => p.firstHumanAt !== null)
    .map((p) => p.firstHumanAt! - p.createdAt)
    .sort((a, b) => a - b);
  const groups = new Map<string, { count: number; title: string }>();
  for (const p of posts) {
    if (p.solvedAt !== null || (p.replyId !== null && p.notItAt === null)) continue;
    const key = groupKey(p.title, rarity);
    const group = groups.get(key) ?? { count: 0, title: p.title };
    group.count++;
    groups.set(key, group);
  }
  return {
    posts: posts.length,
    suggested: posts.filter((p) => p.suggested.length > 0).length,
    solvedByBot: posts.filter((p) => p.solvedAnswer !== null).length,
    solved: posts.filter((p) => p.solvedAt !== null).length,
    medianFirstReplyMs: replies.length ? replies[Math.floor((replies.length - 1) / 2)] : undefined,
    unanswered: [...groups.values()]
      .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title))
      .slice(0, UNANSWERED_SHOWN),
  };
}

function groupKey(title: string, rarity: (word: string) => number): string {
  const own = [...new Set(words(title).filter((w) => !isStopWord(w)))];
  return (
    own
      .sort((a, b) => rarity(b) - rarity(a) || a.localeCompare(b))
      .slice(0, 2)
      .map(stem)
      .sort()
      .join(' ') || title.toLowerCase()
  );
}

/** The figures as lines (stats and the digest say the same). */
export function forumLines(f: ForumFigures): string[] {
  const pct = (n: number) => (f.posts ? `${Math.round((100 * n) / f.posts)}%` : '–');
  const minutes = f.medianFirstReplyMs === undefined ? undefined : f.medianFirstReplyMs / 60_000;
  return [
    `${f.posts} post(s); the bot suggested an answer for ${pct(f.suggested)}; solved by its answer ${pct(f.solvedByBot)}; solved at all ${pct(f.solved)}`,
    `Median time to the first reply by a person: ${
      minutes === undefined
        ? 'no replies yet'
        : minutes < 90
          ? `${Math.round(minutes)} min`
          : `${(minutes / 60).toFixed(1)} h`
    }`,
  ];
}
