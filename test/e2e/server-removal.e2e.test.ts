import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MODERATOR_PERMISSIONS } from '../../src/emulator/state.js';
import { startTestBot, type TestBot } from '../helpers/local.js';

let h: TestBot | undefined;
afterEach(async () => {
  await h?.close();
  await h?.emulator.close();
  h = undefined;
});

const FORGOT = 'removed from a server; stopped keeping its pinned cards';

/** Pins `topic` in the server's default channel as a moderator; returns the card's message id. */
async function pin(bot: TestBot, topic: string): Promise<string> {
  const mod = bot.emulator.createMember({ username: 'mod', permissions: MODERATOR_PERMISSIONS });
  await bot.as(mod).run('faq-admin', { topic }, { subcommand: 'pin' });
  const record = bot.store.findPin(bot.emulator.state.defaultChannel.id, topic);
  expect(record).toMatchObject({ guildId: bot.emulator.state.guild.id });
  return record!.messageId;
}

const editsOf = (bot: TestBot, messageId: string) =>
  bot.emulator.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/${messageId}`));

describe('the bot removed from a server', () => {
  it('given a server outage, then its pinned cards are kept; given the bot kicked, then they are forgotten and never edited again', async () => {
    h = await startTestBot();
    const bot = h;
    const { guild } = bot.emulator.state;
    const card = await pin(bot, 'rate-limit');

    bot.emulator.gateway.dispatch('GUILD_DELETE', { id: guild.id, unavailable: true });
    await vi.waitFor(() =>
      expect(bot.bot.client.guilds.cache.get(guild.id)?.available).toBe(false),
    );
    expect(bot.store.pins()).toHaveLength(1);

    bot.emulator.removeBotFromGuild();
    await vi.waitFor(() => expect(bot.store.pins()).toEqual([]));
    expect(bot.log.lines.find((l) => l.msg === FORGOT)).toMatchObject({
      guildId: guild.id,
      forgotten: 1,
    });
    // What a FAQ change or a retry runs: nothing is left to edit, so nothing fails and waits.
    expect(await bot.bot.context.pins.sync()).toEqual({
      updated: 0,
      retired: 0,
      failed: 0,
      forgotten: 0,
    });
    expect(editsOf(bot, card)).toEqual([]);
  });

  it('given the bot kicked while it was not running, then at start-up it forgets its cards there', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'faq-data-'));
    const first = await startTestBot({ dataDir });
    const card = await pin(first, 'invoice');
    const { emulator, token } = first;
    await first.bot.stop();
    first.store.close();

    emulator.removeBotFromGuild();
    h = await startTestBot({ dataDir, existing: { emulator, token } });
    expect(h.store.pins()).toEqual([]);
    expect(h.log.lines.find((l) => l.msg === FORGOT)).toMatchObject({
      guildId: emulator.state.guild.id,
      forgotten: 1,
    });
    expect(editsOf(h, card)).toEqual([]);
  });
});
