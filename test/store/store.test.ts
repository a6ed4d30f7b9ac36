import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { DataDirInUseError, Store, StoreError } from '../../src/store/store.js';

const tempDir = () => mkdtemp(path.join(tmpdir(), 'faq-store-'));
const pin = {
  guildId: 'g1',
  channelId: 'c1',
  entryId: 'rate-limit',
  messageId: 'm1',
  cardHash: 'h1',
  question: 'Is there a rate limit?',
  url: 'https://fal.ai/docs',
  pinnedBy: 'u1',
};

describe('Store.open', () => {
  it('given a new folder, then it creates the database in WAL mode at the latest schema', async () => {
    const dir = await tempDir();
    const store = Store.open(dir);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    store.close();
    const raw = new Database(path.join(dir, 'faq-bot.sqlite'));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('given a database at an older version, then the missing migrations are applied and data is kept', async () => {
    const dir = await tempDir();
    const raw = new Database(path.join(dir, 'faq-bot.sqlite'));
    raw.exec(MIGRATIONS[0]!);
    raw.pragma('user_version = 1');
    raw.prepare(`INSERT INTO pins VALUES ('c', 'e', 'm', 'h', 'q', 'u', 'p', 1)`).run();
    raw.close();
    const store = Store.open(dir);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(store.pins()).toMatchObject([
      { channelId: 'c', entryId: 'e', stale: false, guildId: null },
    ]);
    store.close();
  });

  it('given a database newer than the bot, then a clear StoreError', async () => {
    const dir = await tempDir();
    const raw = new Database(path.join(dir, 'faq-bot.sqlite'));
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => Store.open(dir)).toThrow(/schema version 99, newer than this bot knows/);
  });

  it('given a lock file that cannot be opened, then a StoreError naming it', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'faq-bot.lock'));
    expect(() => Store.open(dir)).toThrow(`cannot open ${path.join(dir, 'faq-bot.lock')}`);
  });

  it('given a store open on a DATA_DIR, then a second open there fails saying another copy holds it, and succeeds once the first is closed', async () => {
    const dir = await tempDir();
    const first = Store.open(dir);
    // Not the 3 s a starting bot gives a stopping one: the first copy is not going anywhere.
    expect(() => Store.open(dir, Date.now, 50)).toThrow(DataDirInUseError);
    first.close();
    Store.open(dir).close();
  });

  it('given a DATA_DIR that is a file, then a clear StoreError', async () => {
    const file = path.join(await tempDir(), 'not-a-dir');
    await writeFile(file, 'x');
    expect(() => Store.open(file)).toThrow(StoreError);
  });
});

describe('pins', () => {
  it('given a saved pin, then it survives closing and reopening', async () => {
    const dir = await tempDir();
    const first = Store.open(dir);
    first.savePin(pin);
    first.close();
    const second = Store.open(dir);
    expect(second.findPin('c1', 'rate-limit')).toMatchObject({
      messageId: 'm1',
      cardHash: 'h1',
      stale: false,
    });
    second.close();
  });

  it('given a failed edit, then the pin is stale until an edit succeeds', () => {
    const store = Store.open(':memory:');
    store.savePin(pin);
    store.markPin('c1', 'rate-limit', { stale: true });
    expect(store.findPin('c1', 'rate-limit')!.stale).toBe(true);
    store.markPin('c1', 'rate-limit', {
      cardHash: 'h2',
      question: 'Q2',
      url: 'https://fal.ai/docs/x',
    });
    expect(store.findPin('c1', 'rate-limit')).toMatchObject({
      stale: false,
      cardHash: 'h2',
      question: 'Q2',
    });
    expect(store.removePin('c1', 'rate-limit')).toBe(true);
    expect(store.pins()).toEqual([]);
  });

  it('given the bot removed from a server, then its pins go, those recorded without a server by their channel, and other servers keep theirs', () => {
    const store = Store.open(':memory:');
    store.savePin(pin);
    store.savePin({ ...pin, channelId: 'c2' });
    store.savePin({ ...pin, guildId: null, channelId: 'c3' });
    store.savePin({ ...pin, guildId: null, channelId: 'elsewhere' });
    store.savePin({ ...pin, guildId: 'g2', channelId: 'c9' });
    expect(store.removeServerPins('g1', ['c1', 'c3'])).toBe(3);
    expect(store.pins().map((p) => p.channelId)).toEqual(['elsewhere', 'c9']);
    expect(store.removeServerPins('g3')).toBe(0);
  });

  it('given the servers the bot is in at start-up, then the pins of every other server go, counted by server, and those recorded without a server stay', () => {
    const store = Store.open(':memory:');
    store.savePin(pin);
    store.savePin({ ...pin, guildId: 'g2', channelId: 'c2' });
    store.savePin({ ...pin, guildId: 'g2', channelId: 'c3' });
    store.savePin({ ...pin, guildId: 'g3', channelId: 'c4' });
    store.savePin({ ...pin, guildId: null, channelId: 'c5' });
    expect(store.removePinsOutside(new Set(['g1']))).toEqual(
      new Map([
        ['g2', 2],
        ['g3', 1],
      ]),
    );
    expect(store.pins().map((p) => p.channelId)).toEqual(['c1', 'c5']);
    expect(store.removePinsOutside(['g1'])).toEqual(new Map());
  });
});

describe('feedback, usage and stats', () => {
  it('given a member voting twice on one message, then one vote counts, the latest', () => {
    const store = Store.open(':memory:');
    expect(
      store.vote({ guildId: 'g1', messageId: 'm', userId: 'u', entryId: 'e', helpful: true }),
    ).toEqual({
      changed: false,
    });
    expect(
      store.vote({ guildId: 'g1', messageId: 'm', userId: 'u', entryId: 'e', helpful: false }),
    ).toEqual({
      changed: true,
    });
    store.vote({ guildId: 'g1', messageId: 'm', userId: 'v', entryId: 'e', helpful: true });
    expect(store.stats(7, 'g1').feedback).toEqual([{ entryId: 'e', helpful: 1, notHelpful: 1 }]);
  });

  it('given usage over time, then stats count only the window, gaps folded by case and spaces', () => {
    let now = Date.UTC(2026, 0, 10);
    const store = Store.open(':memory:', () => now);
    store.recordUsage({ guildId: 'g1', outcome: 'card', entryId: 'old' });
    now += 8 * 86_400_000;
    for (const id of ['a', 'b', 'a'])
      store.recordUsage({ guildId: 'g1', outcome: 'card', entryId: id });
    store.recordUsage({ guildId: 'g1', outcome: 'no-match', query: 'Refund my cat' });
    store.recordUsage({ guildId: 'g1', outcome: 'no-match', query: ' refund my cat ' });
    const stats = store.stats(7, 'g1');
    expect(stats.topEntries).toEqual([
      { entryId: 'a', count: 2 },
      { entryId: 'b', count: 1 },
    ]);
    expect(stats.gaps).toEqual([{ command: 'faq', query: 'refund my cat', count: 2 }]);
    expect(store.stats(30, 'g1').topEntries.map((e) => e.entryId)).toContain('old');
  });

  it('given uses and votes in two servers and in DMs, then each server sees its own only, and DMs no server', () => {
    const store = Store.open(':memory:');
    for (const [guildId, query] of [
      ['g1', 'refund in one'],
      ['g2', 'refund in two'],
      [null, 'refund in a dm'],
    ] as const) {
      store.recordUsage({ guildId, outcome: 'no-match', query });
      store.recordUsage({ guildId, outcome: 'card', entryId: `from-${guildId}` });
      store.vote({ guildId, messageId: `m-${guildId}`, userId: 'u', entryId: 'e', helpful: true });
    }
    const seen = (guildId: string | null) => {
      const s = store.stats(7, guildId);
      return [
        s.gaps.map((g) => g.query),
        s.topEntries.map((e) => e.entryId),
        s.feedback[0]?.helpful,
      ];
    };
    expect(seen('g1')).toEqual([['refund in one'], ['from-g1'], 1]);
    expect(seen('g2')).toEqual([['refund in two'], ['from-g2'], 1]);
    expect(seen(null)).toEqual([['refund in a dm'], ['from-null'], 1]);
  });

  it('given usage and votes recorded before the bot kept servers, then they count in every server', async () => {
    const dir = await tempDir();
    const raw = new Database(path.join(dir, 'faq-bot.sqlite'));
    for (const migration of MIGRATIONS.slice(0, 3)) raw.exec(migration);
    raw.pragma('user_version = 3');
    raw
      .prepare(`INSERT INTO usage (at, outcome, query) VALUES (?, 'no-match', 'old gap')`)
      .run(Date.now());
    raw.prepare(`INSERT INTO feedback VALUES ('m', 'u', 'e', 0, ?)`).run(Date.now());
    raw.close();
    const store = Store.open(dir);
    for (const guildId of ['g1', 'g2']) {
      expect(store.stats(7, guildId).gaps).toEqual([
        { command: 'faq', query: 'old gap', count: 1 },
      ]);
      expect(store.stats(7, guildId).feedback).toEqual([
        { entryId: 'e', helpful: 0, notHelpful: 1 },
      ]);
    }
    store.close();
  });

  it('given usage and votes older than a year, then pruning forgets them and keeps the rest', () => {
    let now = Date.UTC(2026, 0, 1);
    // Time that really passes: the wall clock and the monotonic one move together.
    const store = Store.open(
      ':memory:',
      () => now,
      undefined,
      () => now,
    );
    store.recordUsage({ guildId: 'g1', outcome: 'card', entryId: 'old', userId: 'u' });
    store.vote({ guildId: 'g1', messageId: 'm', userId: 'u', entryId: 'old', helpful: true });
    now += 200 * 86_400_000;
    store.recordUsage({ guildId: 'g1', outcome: 'card', entryId: 'recent', userId: 'u' });
    expect(store.pruneHistory()).toBe(0);
    now += 200 * 86_400_000;
    expect(store.pruneHistory()).toBe(2);
    expect(store.stats(365, 'g1').topEntries).toEqual([{ entryId: 'recent', count: 1 }]);
    expect(store.stats(365, 'g1').feedback).toEqual([]);
  });

  it('given a post, then it is recent within the cooldown and not after', () => {
    let now = 1_000_000;
    const store = Store.open(':memory:', () => now);
    store.recordPost({ channelId: 'c', entryId: 'e', messageId: 'm' });
    now += 59_000;
    expect(store.recentPost('c', 'e', 60)).toMatchObject({ messageId: 'm' });
    now += 2_000;
    expect(store.recentPost('c', 'e', 60)).toBeUndefined();
  });

  it('given a clock a year ahead at start-up, then pruning deletes nothing that is not a year older than the newest row', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-clock-'));
    const real = Date.UTC(2026, 5, 1);
    const before = Store.open(dir, () => real);
    before.recordUsage({ guildId: 'g1', outcome: 'card', entryId: 'kept', userId: 'u' });
    before.vote({ guildId: 'g1', messageId: 'm', userId: 'u', entryId: 'kept', helpful: true });
    before.close();
    const ahead = Store.open(dir, () => real + 400 * 86_400_000);
    try {
      expect(ahead.pruneHistory()).toBe(0);
      expect(ahead.stats(365, 'g1', 10)).toBeDefined();
    } finally {
      ahead.close();
    }
    const again = Store.open(dir, () => real);
    try {
      expect(again.stats(7, 'g1').topEntries).toEqual([{ entryId: 'kept', count: 1 }]);
      expect(again.stats(7, 'g1').feedback).toHaveLength(1);
    } finally {
      again.close();
    }
  });

  it('given the clock set back an hour after a post, then the cooldown does not freeze', () => {
    let now = 10_000_000;
    const store = Store.open(':memory:', () => now);
    store.recordPost({ channelId: 'c', entryId: 'e', messageId: 'm' });
    now -= 10_000; // a small step back: still recent
    expect(store.recentPost('c', 'e', 60)).toMatchObject({ messageId: 'm' });
    now -= 3_600_000;
    expect(store.recentPost('c', 'e', 60)).toBeUndefined();
  });

  it('given a damaged database file, then opening says so, names the file and how to recover, and changes nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-corrupt-'));
    const file = path.join(dir, 'faq-bot.sqlite');
    const garbage = Buffer.from('this is not an sqlite database '.repeat(200));
    await writeFile(file, garbage);
    expect(() => Store.open(dir)).toThrow(StoreError);
    try {
      Store.open(dir);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain(`the database ${file} is damaged`);
      expect(message).toContain('.recover');
      expect(message).toContain('Back up DATA_DIR');
      expect(message).not.toContain('must be a writable folder');
    }
    expect(await readFile(file)).toEqual(garbage);
  });

  it('given a database first used by one application, then it remembers that application', () => {
    const store = Store.open(':memory:');
    expect(store.applicationId()).toBeUndefined();
    store.setApplicationId('111111111111111111');
    expect(store.applicationId()).toBe('111111111111111111');
  });

  it('given a database file, then stats read on another thread equal stats read here', async () => {
    const store = Store.open(await tempDir());
    try {
      store.recordUsage({ guildId: 'g1', outcome: 'card', entryId: 'a', userId: 'u' });
      store.recordUsage({ guildId: 'g1', outcome: 'no-match', query: ' Stickers ', userId: 'u' });
      store.recordUsage({ guildId: 'g2', outcome: 'card', entryId: 'b', userId: 'u' });
      store.vote({ guildId: 'g1', messageId: 'm', userId: 'u', entryId: 'a', helpful: false });
      const here = store.stats(7, 'g1');
      expect(here.topEntries).toEqual([{ entryId: 'a', count: 1 }]);
      expect(await store.statsOffThread(7, 'g1')).toEqual(here);
    } finally {
      store.close();
    }
  });
});
