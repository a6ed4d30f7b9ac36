import type { REST } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FaqLibrary } from '../../src/sources/faq.js';
import { createLogger } from '../../src/logger.js';
import { PinKeeper } from '../../src/pins/keeper.js';
import { Store } from '../../src/store/store.js';
import { CapturedLog, SHIPPED_FAQ } from '../helpers/local.js';

const FIRST_WAIT = 1000;

describe('PinKeeper retries', () => {
  let store: Store;
  let log: CapturedLog;
  let keeper: PinKeeper;
  /** Whether Discord accepts the next edit. */
  let discordUp: boolean;
  const edits: string[] = [];

  beforeEach(async () => {
    const library = await FaqLibrary.open(SHIPPED_FAQ);
    vi.useFakeTimers();
    store = Store.open(':memory:');
    // A card rendered from an older FAQ: every sync tries to edit it.
    store.savePin({
      guildId: '9',
      channelId: '1',
      entryId: 'invoice',
      messageId: '2',
      cardHash: 'an older rendering',
      question: 'Can I switch to invoice-based billing?',
      url: 'https://fal.ai/docs',
      pinnedBy: '3',
    });
    log = new CapturedLog();
    discordUp = false;
    edits.length = 0;
    const rest = {
      patch: (route: string) => {
        edits.push(route);
        return discordUp ? Promise.resolve({}) : Promise.reject(new Error('Discord is down'));
      },
      // What @discordjs/rest throws once it has given up retrying a 5xx.
      put: () =>
        discordUp
          ? Promise.resolve()
          : Promise.reject(
              Object.assign(new Error('Service Unavailable'), { name: 'HTTPError', status: 503 }),
            ),
    } as unknown as REST;
    keeper = new PinKeeper({
      rest,
      store,
      library,
      logger: createLogger({ level: 'debug', destination: log, pretty: false }),
      feedback: false,
      retryMs: FIRST_WAIT,
    });
  });

  afterEach(() => {
    keeper.close();
    store.close();
    vi.useRealTimers();
  });

  const waits = () =>
    log.lines.filter((l) => l.msg === 'pinned cards synced').map((l) => l.retryInMs);

  it('given Discord stays down, then each retry waits twice as long as the last, up to a cap', async () => {
    await keeper.sync();
    // Each step waits exactly the wait logged last: an edit per step shows the logged wait holds.
    for (let i = 0; i < 6; i++) await vi.advanceTimersByTimeAsync(waits().at(-1) as number);
    expect(waits()).toEqual([1000, 2000, 4000, 8000, 16000, 20000, 20000]);
    expect(edits).toHaveLength(7);
  });

  it('given the same failure on every retry, then it is warned once, and the card is listed as stuck with why until it is edited', async () => {
    await keeper.sync();
    for (let i = 0; i < 3; i++) await vi.advanceTimersByTimeAsync(waits().at(-1) as number);
    const failures = log.lines.filter(
      (l) => l.msg === 'could not update a pinned card; will retry',
    );
    expect(failures.map((l) => l.level)).toEqual([40, 20, 20, 20]);
    expect(keeper.stuckCards()).toEqual([
      {
        guildId: '9',
        channelId: '1',
        entryId: 'invoice',
        question: 'Can I switch to invoice-based billing?',
        reason: { kind: 'unreachable', detail: 'Discord is down' },
      },
    ]);
    discordUp = true;
    await keeper.sync();
    expect(keeper.stuckCards()).toEqual([]);
  });

  it('given Discord comes back, then the card is edited and the next outage starts again from the first wait', async () => {
    await keeper.sync();
    await vi.advanceTimersByTimeAsync(FIRST_WAIT);
    discordUp = true;
    await vi.advanceTimersByTimeAsync(2 * FIRST_WAIT);
    expect(store.pins()[0]!.stale).toBe(false);
    expect(waits()).toEqual([1000, 2000, undefined]);

    store.markPin('1', 'invoice', { stale: true });
    discordUp = false;
    await keeper.sync();
    expect(waits().at(-1)).toBe(1000);
  });

  it('given a run that brings every card in line while a retry waits, then the retry is called off', async () => {
    await keeper.sync();
    expect(vi.getTimerCount()).toBe(1);
    discordUp = true;
    await keeper.sync();
    expect(edits).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('given the database fails, then the error is logged with the wait before the next try', async () => {
    store.close();
    await keeper.sync();
    await vi.advanceTimersByTimeAsync(FIRST_WAIT);
    const failures = log.lines.filter(
      (l) => l.msg === 'could not sync the pinned cards; will retry',
    );
    expect(failures.map((l) => l.retryInMs)).toEqual([1000, 2000]);
  });

  it('given the keeper is closed, then no retry runs', async () => {
    await keeper.sync();
    keeper.close();
    await vi.advanceTimersByTimeAsync(FIRST_WAIT * 40);
    expect(edits).toHaveLength(1);
  });

  it('given Discord fails while an existing card is pinned again, then the moderator is told it was left as it was and the record is kept', async () => {
    const library = await FaqLibrary.open(SHIPPED_FAQ);
    const entry = library.get('invoice')!;
    await expect(keeper.pin({ guildId: '9', channelId: '1' }, entry, '3')).rejects.toMatchObject({
      failure: { kind: 'discord-failed', step: 'pin', status: 503, left: 'unchanged' },
    });
    expect(store.findPin('1', 'invoice')).toMatchObject({ messageId: '2' });
    discordUp = true;
    await expect(keeper.pin({ guildId: '9', channelId: '1' }, entry, '3')).resolves.toEqual({
      messageId: '2',
      existed: true,
    });
  });
});
