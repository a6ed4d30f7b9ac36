import { afterEach, describe, expect, it, vi } from 'vitest';
import { pruneHistoryDaily } from '../../src/bot/usage.js';
import { createLogger } from '../../src/logger.js';
import { Store } from '../../src/store/store.js';
import { CapturedLog } from '../helpers/local.js';

const DAY_MS = 86_400_000;

describe('pruneHistoryDaily', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('given the bot keeps running, then usage passing the year is forgotten a day later, not before', () => {
    vi.useFakeTimers();
    let now = Date.UTC(2026, 0, 1);
    // A year of running: the wall clock and the monotonic one move together.
    const store = Store.open(
      ':memory:',
      () => now,
      undefined,
      () => now,
    );
    store.recordUsage({ guildId: 'g1', outcome: 'card', entryId: 'invoice' });
    now += 365 * DAY_MS - DAY_MS / 2;
    const log = new CapturedLog();
    const logger = createLogger({ level: 'info', destination: log, pretty: false });
    const pruner = pruneHistoryDaily({ store, logger });
    expect(store.stats(1000, 'g1').topEntries).toHaveLength(1);

    now += DAY_MS;
    vi.advanceTimersByTime(DAY_MS);
    expect(store.stats(1000, 'g1').topEntries).toEqual([]);
    expect(log.lines.map((l) => l.removed)).toEqual([1]);
    pruner.close();
    store.close();
  });

  it('given the database failing, then it is logged and nothing throws', () => {
    const store = Store.open(':memory:');
    store.close();
    const log = new CapturedLog();
    const logger = createLogger({ level: 'info', destination: log, pretty: false });
    expect(() => pruneHistoryDaily({ store, logger }).close()).not.toThrow();
    expect(log.lines.map((l) => l.msg)).toEqual(['could not forget old usage']);
  });
});
