import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { startTestBot, type TestBot } from '../helpers/local.js';

const DAY_MS = 86_400_000;
let h: TestBot | undefined;
afterAll(async () => {
  await h?.close();
});

describe('usage history', () => {
  it('given usage and votes from over a year ago in DATA_DIR, then start-up forgets them and keeps the recent ones', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'faq-data-'));
    const lastYear = Store.open(dataDir, () => Date.now() - 400 * DAY_MS);
    lastYear.recordUsage({
      guildId: 'g1',
      outcome: 'card',
      entryId: 'invoice',
      userId: 'u1',
      query: 'invoice',
    });
    lastYear.vote({
      guildId: 'g1',
      messageId: 'm1',
      userId: 'u1',
      entryId: 'invoice',
      helpful: false,
    });
    lastYear.close();
    const lastWeek = Store.open(dataDir, () => Date.now() - 7 * DAY_MS);
    lastWeek.recordUsage({ guildId: 'g1', outcome: 'card', entryId: 'rate-limit', userId: 'u2' });
    lastWeek.close();

    h = await startTestBot({ dataDir });
    expect(
      h.log.lines.find((l) => l.msg === 'forgot usage and votes past the stats window'),
    ).toMatchObject({ removed: 2, keptDays: 365 });
    // Looked at further back than the window: only what was kept is there.
    const stats = h.store.stats(1000, 'g1');
    expect(stats.topEntries).toEqual([{ entryId: 'rate-limit', count: 1 }]);
    expect(stats.feedback).toEqual([]);
  });
});
