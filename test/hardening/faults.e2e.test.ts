import { GatewayOpcodes, InteractionType, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  MODERATOR_PERMISSIONS,
  type Member,
  type StoredInteraction,
} from '../../src/emulator/state.js';
import { DiscordEmulator, randomToken } from '../../src/emulator/emulator.js';
import { copyOfShippedFaq, replyOf, startTestBot, type TestBot } from '../helpers/local.js';

let h: TestBot;
let faqDir: string;
let mod: Member;
let member: Member;

beforeAll(async () => {
  faqDir = await copyOfShippedFaq();
  h = await startTestBot({ faqDir, pinRetryMs: 150 });
  mod = h.emulator.createMember({ username: 'mod', permissions: MODERATOR_PERMISSIONS });
  member = h.emulator.createMember({ username: 'member' });
});
afterAll(async () => {
  await h?.close();
});

const type = (value: string) => h.as(member).suggest('faq', value);
const identifies = () =>
  h.emulator.frames.filter((f) => f.direction === 'in' && f.frame.op === GatewayOpcodes.Identify)
    .length;
const reply = replyOf;
/** A moderator command, once its deferred reply is completed. */
const admin = (subcommand: string, values: Record<string, unknown> = {}) =>
  h.as(mod).run('faq-admin', values, { subcommand });

describe('gateway faults', () => {
  it('given an invalid session, then the bot identifies again and keeps answering', async () => {
    const before = identifies();
    h.emulator.gateway.invalidateSession();
    expect((await type('invoice'))[0]!.value).toBe('invoice');
    expect(identifies()).toBe(before + 1);
  });

  it('given a close with 1000, then the bot identifies again and answers what came while it was away', async () => {
    const before = identifies();
    h.emulator.gateway.close(1000, 'emulated normal close');
    expect((await type('invoice'))[0]!.value).toBe('invoice');
    expect(identifies()).toBe(before + 1);
  });

  it('given interactions dispatched while disconnected, then they are answered after reconnecting', async () => {
    h.emulator.gateway.close(4000, 'emulated outage');
    const pending = [
      type('cold start'),
      type('github code'),
      h.emulator.command({ command: 'faq', member, values: { topic: 'nsfw', private: true } }),
    ];
    const [a, b] = (await Promise.all(pending.slice(0, 2))) as { value: string | number }[][];
    const c = (await pending[2]) as StoredInteraction;
    expect(a![0]!.value).toBe('cold-starts');
    expect(b![0]!.value).toBe('github-code');
    expect(reply(c).embeds[0].title).toContain('content policy');
    expect(h.log.lines).toContainEqual(
      expect.objectContaining({ level: 40, msg: 'gateway disconnected; reconnecting' }),
    );
  });

  it('given Discord refuses the gateway at start-up (an intent it does not allow), then start-up fails saying so instead of waiting for ever', async () => {
    const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers];
    await expect(startTestBot({ clientOptions: { intents } })).rejects.toThrow(
      'Discord closed the gateway for good (4014 DisallowedIntents)',
    );
  });

  it('given the link goes dead without a close (no heartbeat ACK), then the bot notices, resumes, and answers what was sent meanwhile', async () => {
    const token = randomToken();
    const emulator = await DiscordEmulator.start({ token, heartbeatInterval: 250 });
    const bot = await startTestBot({ existing: { emulator, token } });
    try {
      const someone = emulator.createMember({ username: 'm' });
      const typed = (value: string) =>
        emulator.autocomplete({ command: 'faq', member: someone, focused: 'topic', value });
      expect((await typed('invoice'))[0]!.value).toBe('invoice');
      emulator.gateway.goSilent();
      expect((await typed('cold start'))[0]!.value).toBe('cold-starts');
      expect(
        emulator.frames.filter((f) => f.direction === 'in' && f.frame.op === GatewayOpcodes.Resume),
      ).toHaveLength(1);
      expect(bot.log.lines).toContainEqual(
        expect.objectContaining({ level: 40, msg: 'gateway disconnected; reconnecting' }),
      );
    } finally {
      await bot.close();
      await emulator.close();
    }
  });

  it('given Discord asks to reconnect (op 7), then the bot resumes', async () => {
    const resumes = () =>
      h.emulator.frames.filter((f) => f.direction === 'in' && f.frame.op === GatewayOpcodes.Resume)
        .length;
    const before = resumes();
    h.emulator.gateway.requestReconnect();
    await vi.waitFor(() => expect(resumes()).toBe(before + 1), { timeout: 5000 });
    expect((await type('partner'))[0]!.value).toBe('partner-api');
  });
});

describe('REST faults', () => {
  it('given 429 on the message create and on the pin, then both are retried and the pin is done', async () => {
    h.emulator.failNext({
      method: 'POST',
      path: /^\/channels\/\d+\/messages$/,
      status: 429,
      retryAfter: 0.05,
    });
    h.emulator.failNext({
      method: 'PUT',
      path: /^\/channels\/\d+\/messages\/pins\/\d+$/,
      status: 429,
      retryAfter: 0.05,
    });
    const i = await admin('pin', { topic: 'invoice' });
    expect(reply(i).content).toContain('Pinned');
    const statuses = h.emulator.requests
      .filter((r) => /^\/channels\/\d+\/messages(\/pins\/\d+)?$/.test(r.path) && r.method !== 'GET')
      .map((r) => `${r.method} ${r.status}`);
    expect(statuses).toEqual(['POST 429', 'POST 200', 'PUT 429', 'PUT 204']);
  });

  it('given 5xx on a living-pin edit, then it is logged, the moderator told, and the edit retried later', async () => {
    const pin = h.store.findPin(h.emulator.state.defaultChannel.id, 'invoice')!;
    // discord.js retries a 5xx three times itself: four failures make the edit fail.
    h.emulator.failNext({
      method: 'PATCH',
      path: new RegExp(`/messages/${pin.messageId}$`),
      status: 502,
      times: 4,
    });
    const file = path.join(faqDir, 'invoice.md');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        'Invoice-based billing is available',
        'Invoice billing is available',
      ),
    );
    const i = await admin('reload');
    const answer = await h.emulator.finalAnswer(i);
    expect(answer.content).toContain('could not be updated; retrying in the background');
    expect(h.log.lines.some((l) => l.msg === 'could not update a pinned card; will retry')).toBe(
      true,
    );
    // The bot records the edit only once Discord's answer reaches it, a moment after the
    // emulator has applied it: both are waited for.
    await vi.waitFor(
      () => {
        expect(JSON.stringify(h.emulator.state.messages.get(pin.messageId)!.embeds)).toContain(
          'Invoice billing is available',
        );
        expect(h.store.findPin(h.emulator.state.defaultChannel.id, 'invoice')!.stale).toBe(false);
      },
      { timeout: 3000 },
    );
  });

  it('given 5xx on a pin, then the moderator is told and no unpinned card is left behind', async () => {
    h.emulator.failNext({ method: 'PUT', path: /\/messages\/pins\/\d+$/, status: 500, times: 4 });
    const i = await admin('pin', { topic: 'cold-starts' });
    expect(reply(i).content).toContain('Discord failed to pin the card (HTTP 500');
    const cards = h.emulator.state
      .channelMessages(h.emulator.state.defaultChannel.id)
      .filter((m) => !m.interactionId && JSON.stringify(m.embeds).includes('cold starts'));
    expect(cards).toEqual([]);
    expect(h.store.findPin(h.emulator.state.defaultChannel.id, 'cold-starts')).toBeUndefined();
  });

  it('given 5xx on an unpin, then the moderator is told the card is still pinned, and it can be unpinned later', async () => {
    const channel = h.emulator.state.defaultChannel.id;
    expect(reply(await admin('pin', { topic: 'cold-starts' })).content).toContain('Pinned');
    h.emulator.failNext({
      method: 'DELETE',
      path: /\/messages\/pins\/\d+$/,
      status: 503,
      times: 4,
    });
    const failed = reply(await admin('unpin', { topic: 'cold-starts' })).content as string;
    expect(failed).toContain('Discord failed to unpin the card (HTTP 503');
    expect(failed).toContain('the card is still pinned');
    expect(failed).not.toContain('nothing was pinned');
    expect(h.store.findPin(channel, 'cold-starts')).toBeDefined();
    expect(reply(await admin('unpin', { topic: 'cold-starts' })).content).toContain('Unpinned');
    expect(h.store.findPin(channel, 'cold-starts')).toBeUndefined();
  });

  /**
   * Dispatches `payload` with its answer refused as `refusal`; resolves with it once the bot has
   * logged `warning` for it at warn level, having tried to answer it once only.
   */
  async function refusedOnce(
    payload: Record<string, unknown>,
    refusal: { status: number; code: number; message: string },
    warning: string,
  ): Promise<StoredInteraction> {
    h.emulator.failNext({ path: /^\/interactions\/.+\/callback$/, ...refusal });
    const before = h.emulator.requests.length;
    const sent = h.emulator.dispatchInteraction(payload);
    await vi.waitFor(() =>
      expect(h.log.lines.find((l) => l.interactionId === sent.id && l.msg === warning)?.level).toBe(
        40,
      ),
    );
    const attempts = h.emulator.requests.slice(before).filter((r) => r.path.includes(sent.token));
    expect(attempts).toHaveLength(1);
    return sent;
  }

  it('given an expired interaction (10062), then a warning, one attempt only, and the bot keeps serving', async () => {
    await refusedOnce(
      h.emulator.state.commandInteraction({
        type: InteractionType.ApplicationCommand,
        command: 'faq',
        member,
        values: { topic: 'invoice' },
      }),
      { status: 404, code: RESTJSONErrorCodes.UnknownInteraction, message: 'Unknown interaction' },
      'interaction expired before it was answered',
    );
    expect((await type('rate'))[0]!.value).toBe('rate-limit');
  });

  it('given an interaction already answered elsewhere (40060: a second copy of the bot), then a warning that says so, no second answer, and the bot keeps serving', async () => {
    for (const interaction of [
      h.emulator.state.commandInteraction({
        type: InteractionType.ApplicationCommand,
        command: 'faq',
        member,
        values: { topic: 'invoice' },
      }),
      h.emulator.state.commandInteraction({
        type: InteractionType.ApplicationCommandAutocomplete,
        command: 'faq',
        member,
        values: { topic: 'inv' },
        focused: 'topic',
      }),
    ]) {
      const answered = await refusedOnce(
        interaction,
        {
          status: 400,
          code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
          message: 'Interaction has already been acknowledged.',
        },
        'interaction already answered elsewhere; is a second copy of the bot running with this token?',
      );
      expect(
        h.log.lines.filter((l) => l.interactionId === answered.id && (l.level as number) >= 50),
      ).toEqual([]);
    }
    expect((await type('rate'))[0]!.value).toBe('rate-limit');
  });
});
