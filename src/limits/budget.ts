/**
 * At most `limit` uses per key within a sliding `windowMs`. Times come from a monotonic clock, so
 * a wall clock set back or forward never freezes or frees a budget. Memory stays bounded: a key
 * keeps at most `limit` times, and keys whose times have all passed are swept as the map grows.
 */
export class SlidingBudget {
  private readonly uses = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether `key` may use one more now; counts the use when it may. A limit of 0 is no limit. */
  take(key: string): boolean {
    if (this.limit <= 0) return true;
    const now = this.now();
    const recent = this.recent(key, now);
    if (recent.length >= this.limit) return false;
    recent.push(now);
    this.uses.set(key, recent);
    if (this.uses.size > SWEEP_AT) this.sweep(now);
    return true;
  }

  /** Whether `key` could use one more now, without counting it. */
  allows(key: string): boolean {
    return this.limit <= 0 || this.recent(key, this.now()).length < this.limit;
  }

  /** Undoes the latest `take` of `key` (what it paid for did not happen). */
  giveBack(key: string): void {
    this.uses.get(key)?.pop();
  }

  private recent(key: string, now: number): number[] {
    return (this.uses.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  private sweep(now: number): void {
    for (const [key, times] of this.uses)
      if (times.every((t) => now - t >= this.windowMs)) this.uses.delete(key);
  }
}

/** Past this many keys a budget forgets the ones with nothing left in the window. */
const SWEEP_AT = 10_000;
