import { ChannelCooldown } from './cooldown.js';
import { SlidingBudget } from './budget.js';

export interface PostLimitsConfig {
  CARD_COOLDOWN_SECONDS: number;
  MEMBER_CARD_LIMIT: number;
  MEMBER_MENTION_LIMIT: number;
  MEMBER_LIMIT_WINDOW_SECONDS: number;
}

/** What may happen to a public card a member asked for. */
export type PostDecision =
  /** Post it; then say how it went, so the cooldown knows. */
  | { kind: 'post'; posted(messageId: string): void; failed(): void }
  /** The same card was posted in this channel lately: link to it instead. */
  | { kind: 'recent'; messageId: string | undefined }
  /** The member has used up their public cards (or mentions) for now: answer privately. */
  | { kind: 'over-budget'; budget: 'cards' | 'mentions' };

/**
 * Who may make the bot speak publicly, how often: the same card once per channel per cooldown,
 * and each member a budget of public cards and of cards that ping someone, per window. Members who
 * moderate the channel have no budget (they can remove what the bot posts anyway).
 */
export class PostLimits {
  private readonly cooldown: ChannelCooldown;
  private readonly cards: SlidingBudget;
  private readonly mentions: SlidingBudget;

  constructor(
    readonly config: PostLimitsConfig,
    recentPost: (channelId: string, entryId: string) => string | undefined,
    now?: () => number,
  ) {
    const windowMs = config.MEMBER_LIMIT_WINDOW_SECONDS * 1000;
    this.cooldown = new ChannelCooldown(config.CARD_COOLDOWN_SECONDS, recentPost, now);
    this.cards = new SlidingBudget(config.MEMBER_CARD_LIMIT, windowMs, now);
    this.mentions = new SlidingBudget(config.MEMBER_MENTION_LIMIT, windowMs, now);
  }

  async decide(ask: {
    channelId: string;
    entryId: string;
    userId: string;
    mentions: boolean;
    exempt: boolean;
  }): Promise<PostDecision> {
    // Budgets are taken before anything is awaited, so that a member's requests at the same
    // instant cannot all pass; a link to a recent card costs nothing and is given back.
    const taken: SlidingBudget[] = [];
    if (!ask.exempt) {
      if (ask.mentions && !this.mentions.allows(ask.userId))
        return { kind: 'over-budget', budget: 'mentions' };
      if (!this.cards.take(ask.userId)) return { kind: 'over-budget', budget: 'cards' };
      taken.push(this.cards);
      if (ask.mentions) {
        this.mentions.take(ask.userId);
        taken.push(this.mentions);
      }
    }
    const claim = await this.cooldown.claim(ask.channelId, ask.entryId);
    if (claim.kind === 'recent') {
      for (const budget of taken) budget.giveBack(ask.userId);
      return claim;
    }
    return { kind: 'post', posted: claim.posted, failed: claim.failed };
  }
}
