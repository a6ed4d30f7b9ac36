/** Failed runs in a row double the wait before the next, up to this many times the first wait. */
const MAX_BACKOFF = 20;

/**
 * Runs `run` again after a failure, waiting twice as long after each failure in a row so that a
 * long outage is not met with an error every 30 s. A new failure replaces a retry already waiting,
 * so that the wait returned (and logged) is the one that holds.
 */
export class RetryAfterFailure {
  private timer: NodeJS.Timeout | undefined;
  private failuresInARow = 0;
  private closed = false;

  constructor(
    private readonly run: () => void,
    private readonly firstMs: number,
  ) {}

  /** Schedules the next try; returns how long it waits. */
  failed(): number {
    const wait = Math.min(this.firstMs * 2 ** this.failuresInARow, this.firstMs * MAX_BACKOFF);
    this.failuresInARow++;
    clearTimeout(this.timer);
    if (this.closed) return wait;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, wait);
    this.timer.unref();
    return wait;
  }

  /** All is well: nothing waits, and the next failure waits the first wait. */
  succeeded(): void {
    this.failuresInARow = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }
}
