/** What a cooldown says of posting a card in a channel now. */
export type CooldownClaim =
  /** Nobody posted it lately: the caller posts, then says how it went. */
  | { kind: 'go'; posted(messageId: string): void; failed(): void }
  /** It was posted lately (or is being posted right now, `messageId` then once known). */
  | { kind: 'recent'; messageId: string | undefined };

interface Slot {
  at: number;
  messageId?: string;
  /** Resolves when the post being made settles: its message id, or undefined if it failed. */
  pending?: Promise<string | undefined>;
}

/**
 * The same card is posted at most once per channel within `seconds`. A claim is taken before the
 * post is sent, in one synchronous step, so members asking at the same instant get one public card
 * between them and the others a link to it. Times are monotonic: a wall clock set back does not
 * freeze the cooldown. `lookup` finds posts made before a restart (from the store).
 */
export class ChannelCooldown {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly seconds: number,
    private readonly lookup: (channelId: string, entryId: string) => string | undefined,
    private readonly now: () => number = () => performance.now(),
    /** How long a claim waits for a post already being made before it gives up on its link. */
    private readonly waitMs = 2000,
  ) {}

  async claim(channelId: string, entryId: string): Promise<CooldownClaim> {
    if (this.seconds <= 0) return { kind: 'go', posted() {}, failed() {} };
    const key = `${channelId}/${entryId}`;
    const now = this.now();
    const slot = this.slots.get(key);
    if (slot?.pending) {
      const messageId = await this.waitFor(slot.pending);
      // The post being made failed: this one may try.
      if (!messageId && this.slots.get(key) !== slot) return this.claim(channelId, entryId);
      return { kind: 'recent', messageId };
    }
    if (slot && now - slot.at < this.seconds * 1000)
      return { kind: 'recent', messageId: slot.messageId };
    const before = this.lookup(channelId, entryId);
    if (before) {
      this.slots.set(key, { at: now, messageId: before });
      return { kind: 'recent', messageId: before };
    }
    let settle!: (messageId: string | undefined) => void;
    const held: Slot = { at: now, pending: new Promise((resolve) => (settle = resolve)) };
    this.slots.set(key, held);
    this.sweep(now);
    return {
      kind: 'go',
      posted: (messageId) => {
        this.slots.set(key, { at: this.now(), messageId });
        settle(messageId);
      },
      failed: () => {
        if (this.slots.get(key) === held) this.slots.delete(key);
        settle(undefined);
      },
    };
  }

  private async waitFor(pending: Promise<string | undefined>): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<undefined>(
      (resolve) => (timer = setTimeout(() => resolve(undefined), this.waitMs)),
    );
    try {
      return await Promise.race([pending, gaveUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  private sweep(now: number): void {
    if (this.slots.size < SWEEP_AT) return;
    for (const [key, slot] of this.slots)
      if (!slot.pending && now - slot.at >= this.seconds * 1000) this.slots.delete(key);
  }
}

const SWEEP_AT = 10_000;
