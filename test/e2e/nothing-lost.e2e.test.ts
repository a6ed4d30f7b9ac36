import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MODERATOR_PERMISSIONS } from '../../src/emulator/state.js';
import { Store, StoreError } from '../../src/store/store.js';
import { copyOfShippedFaq, replyOf, startTestBot, type TestBot } from '../helpers/local.js';
import { bareEnv, runScript } from '../helpers/run.js';

const bots: TestBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0).reverse()) await bot.close();
});
const start = async (options: Parameters<typeof startTestBot>[0]) => {
  const bot = await startTestBot(options);
  bots.push(bot);
  return bot;
};
const newDataDir = () => mkdtemp(path.join(tmpdir(), 'faq-lost-'));
const DAY = 86_400_000;

async function pin(bot: TestBot, topic: string, channelId?: string) {
  const mod = bot.emulator.createMember({ username: 'mod', permissions: MODERATOR_PERMISSIONS });
  const i = await bot
    .as(mod)
    .run(
      'faq-admin',
      { topic, ...(channelId ? { channel: channelId } : {}) },
      { subcommand: 'pin' },
    );
  return replyOf(i).content as string;
}
const botCards = (bot: TestBot, channelId: string) =>
  bot.emulator.state.channelMessages(channelId).filter((m) => m.author.bot && !m.interactionId);

describe('a pin is one unit', () => {
  it('given the database locked by another process while pinning, then the card is taken back, the moderator told, and a later pin leaves exactly one', async () => {
    const dataDir = await newDataDir();
    const bot = await start({ dataDir });
    const channel = bot.emulator.state.addChannel('locked-db').id;
    const other = new Database(path.join(dataDir, 'faq-bot.sqlite'));
    other.exec('BEGIN EXCLUSIVE');
    try {
      expect(await pin(bot, 'invoice', channel)).toContain(
        'I could not record the pin (the database failed), so I took the card back',
      );
      expect(botCards(bot, channel)).toHaveLength(0);
      expect(bot.emulator.state.pins.get(channel) ?? []).toHaveLength(0);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect(await pin(bot, 'invoice', channel)).toContain('Pinned');
    expect(botCards(bot, channel)).toHaveLength(1);
    expect(bot.emulator.state.pins.get(channel)).toHaveLength(1);
    expect(bot.store.findPin(channel, 'invoice')).toBeDefined();
  });
});

describe('history survives a wrong clock', () => {
  it('given a clock a year ahead at start-up, then usage and votes are kept', async () => {
    const dataDir = await newDataDir();
    const first = await start({ dataDir });
    const member = first.emulator.createMember({ username: 'm' });
    await first.emulator.command({ command: 'faq', member, values: { topic: 'invoice' } });
    await vi.waitFor(() =>
      expect(first.store.stats(1, first.emulator.state.guild.id).topEntries).toHaveLength(1),
    );
    const guild = first.emulator.state.guild.id;
    const { emulator, token } = first;
    await bots.pop()!.bot.stop();
    first.store.close();
    const ahead = await start({
      dataDir,
      existing: { emulator, token },
      now: () => Date.now() + 366 * DAY,
    });
    await ahead.bot.stop();
    ahead.store.close();
    bots.pop();
    const after = Store.open(dataDir);
    try {
      expect(after.stats(1, guild).topEntries).toEqual([{ entryId: 'invoice', count: 1 }]);
    } finally {
      after.close();
      await emulator.close();
    }
  });

  it('given the clock set back an hour after a card was posted, then the cooldown does not freeze', async () => {
    const dataDir = await newDataDir();
    const env = { CARD_COOLDOWN_SECONDS: '1' };
    const first = await start({ dataDir, env });
    const channel = first.emulator.state.addChannel('clock').id;
    const member = first.emulator.createMember({ username: 'm' });
    await first.emulator.command({
      command: 'faq',
      member,
      values: { topic: 'invoice' },
      channelId: channel,
    });
    const { emulator, token } = first;
    await first.bot.stop();
    first.store.close();
    bots.pop();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const behind = await start({
      dataDir,
      env,
      existing: { emulator, token },
      now: () => Date.now() - 3_600_000,
    });
    try {
      const i = await behind.emulator.command({
        command: 'faq',
        member,
        values: { topic: 'invoice' },
        channelId: channel,
      });
      expect(replyOf(i).flags ?? 0).toBe(0);
      expect(replyOf(i).embeds).toHaveLength(1);
    } finally {
      await behind.bot.stop();
      behind.store.close();
      bots.pop();
      await emulator.close();
    }
  });
});

describe('a database belongs to one application', () => {
  it("given another application's token on the database, then start-up stops saying so and no pin is forgotten", async () => {
    const dataDir = await newDataDir();
    const production = await start({ dataDir });
    const channel = production.emulator.state.defaultChannel.id;
    expect(await pin(production, 'invoice')).toContain('Pinned');
    await bots.pop()!.close();
    // A fresh emulator is another application in another set of servers: a staging bot.
    const staging = startTestBot({ dataDir });
    await expect(staging).rejects.toThrow(StoreError);
    await expect(staging).rejects.toThrow(
      /belongs to Discord application \d+, but DISCORD_TOKEN is the token of application \d+/,
    );
    const after = Store.open(dataDir);
    try {
      expect(after.findPin(channel, 'invoice')).toBeDefined();
    } finally {
      after.close();
    }
  });
});

describe('a damaged or vanished database says what to do', () => {
  it('given a damaged database file, then start-up stops naming the file and how to recover', async () => {
    const dataDir = await newDataDir();
    await writeFile(path.join(dataDir, 'faq-bot.sqlite'), 'not a database at all '.repeat(300));
    const result = await runScript('src/main.ts', [], {
      env: bareEnv({
        DISCORD_TOKEN: 'never-used-token-1234567890',
        DATA_DIR: dataDir,
        DISCORD_API_URL: 'http://127.0.0.1:9/api',
      }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `the database ${path.join(dataDir, 'faq-bot.sqlite')} is damaged`,
    );
    expect(result.stderr).toContain('.recover');
    expect(result.stderr).not.toContain('must be a writable folder');
  });

  it('given DATA_DIR deleted while the bot runs, then it is logged at error at once', async () => {
    const dataDir = await newDataDir();
    const bot = await start({ dataDir });
    await rm(dataDir, { recursive: true, force: true });
    await vi.waitFor(
      () =>
        expect(
          bot.log.lines.find((l) => String(l.msg).startsWith('the database was deleted')),
        ).toMatchObject({ level: 50 }),
      { timeout: 3000 },
    );
  });
});

describe('hostile FAQ files and queries', () => {
  it('given a huge entry file or a link to /dev/zero saved in the watched folder, then it is refused by name and the FAQ keeps serving', async () => {
    const faqDir = await copyOfShippedFaq();
    const bot = await start({ faqDir, watchFaq: true });
    const member = bot.emulator.createMember({ username: 'm' });
    await writeFile(
      path.join(faqDir, 'huge.md'),
      `---\nquestion: Huge?\n---\n${'x'.repeat(200_000)}`,
    );
    await symlink('/dev/zero', path.join(faqDir, 'zero.md'));
    await vi.waitFor(
      () => {
        const refused = bot.log.lines.find(
          (l) => l.msg === 'FAQ reload refused: the previous FAQ keeps serving',
        );
        expect(JSON.stringify(refused)).toContain('huge.md');
        expect(JSON.stringify(refused)).toContain('zero.md');
      },
      { timeout: 5000 },
    );
    const choices = await bot.emulator.autocomplete({
      command: 'faq',
      member,
      focused: 'topic',
      value: 'invoice',
    });
    expect(choices[0]!.value).toBe('invoice');
  });

  it('given an autocomplete of 6000 characters, then it is answered from its first words', async () => {
    const bot = await start({});
    const member = bot.emulator.createMember({ username: 'm' });
    const noise = Array.from({ length: 1000 }, (_, i) => `zq${i}x`).join(' ');
    const value = `invoice ${noise}`.slice(0, 6000);
    const choices = await bot.emulator.autocomplete({
      command: 'faq',
      member,
      focused: 'topic',
      value,
    });
    expect(choices[0]!.value).toBe('invoice');
  });
});
