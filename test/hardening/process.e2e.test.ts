import { GatewayOpcodes } from 'discord-api-types/v10';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { spawnBotProcess } from '../../src/harness/bot-process.js';
import { DiscordEmulator } from '../../src/emulator/emulator.js';
import { MODERATOR_PERMISSIONS } from '../../src/emulator/state.js';
import { createLogger } from '../../src/logger.js';
import { installProcessGuards } from '../../src/process-guards.js';
import { CapturedLog } from '../helpers/local.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gx1y2z.process-test-secret-token';
let emulator: DiscordEmulator | undefined;
let child: ChildProcess | undefined;
/** Bot processes a test started beside `child`. */
const others: ChildProcess[] = [];

afterEach(async () => {
  child?.kill('SIGKILL');
  for (const other of others.splice(0)) other.kill('SIGKILL');
  await emulator?.close();
});

/** The real entry point, as `npm start` runs it with a token, against the emulator. */
async function startBotProcess(token: string, started?: DiscordEmulator, dataDir?: string) {
  emulator = started ?? (await DiscordEmulator.start({ token: TOKEN }));
  const proc = await spawnBotProcess({ emulator, token, commands, dataDir });
  child = proc;
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr += String(c)));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    proc.on('exit', (code) => resolve({ code, at: Date.now() })),
  );
  /** Resolves once the bot has logged that it serves. */
  const ready = () =>
    vi.waitFor(() => expect(stderr).toContain('"msg":"bot ready"'), { timeout: 15_000 });
  /** Sends a /faq whose answer Discord takes `ms` to accept; resolves once it is answered. */
  const slowAnswer = (ms: number) => {
    emulator!.delayNext({ path: /\/callback$/, ms });
    const member = emulator!.createMember({ username: 'm' });
    return emulator!.command({ command: 'faq', member, values: { topic: 'invoice' } });
  };
  /** Sends `signal` and resolves with the exit code and how long the exit took. */
  const signalAndWait = async (signal: NodeJS.Signals) => {
    const sent = Date.now();
    proc.kill(signal);
    const { code, at } = await exited;
    return { code, afterMs: at - sent };
  };
  return { proc, exited, stderr: () => stderr, emulator, ready, slowAnswer, signalAndWait };
}

/** The first suggestion a member typing `value` in /faq gets. */
async function firstChoice(on: DiscordEmulator, value: string) {
  const member = on.createMember({ username: 'm' });
  return (await on.autocomplete({ command: 'faq', member, focused: 'topic', value }))[0]!.value;
}

describe('the bot process', () => {
  it('given SIGKILL while Discord is slow to pin a card, then after a restart the card is recorded and kept, and pinning again makes no second one', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'faq-bot-'));
    const first = await startBotProcess(TOKEN, undefined, dataDir);
    await first.ready();
    const mod = first.emulator.createMember({
      username: 'mod',
      permissions: MODERATOR_PERMISSIONS,
    });
    const pin = () =>
      first.emulator.command({
        command: 'faq-admin',
        subcommand: 'pin',
        member: mod,
        values: { topic: 'invoice' },
      });
    // Discord takes its time over the pin: the bot is killed while it waits.
    const { held } = first.emulator.delayNext({ path: /\/pins\/\d+$/, method: 'PUT', ms: 1500 });
    void pin();
    await held;
    first.proc.kill('SIGKILL');
    await first.exited;
    // Discord did pin it in the end; nothing of the dead bot recorded that.
    const channel = first.emulator.state.defaultChannel.id;
    await vi.waitFor(() => expect(first.emulator.state.pins.get(channel) ?? []).toHaveLength(1), {
      timeout: 5000,
    });
    const second = await startBotProcess(TOKEN, first.emulator, dataDir);
    await second.ready();
    await vi.waitFor(
      () => expect(second.stderr()).toContain('finished the pins a stop interrupted'),
      { timeout: 10_000 },
    );
    const again = await pin();
    const reply = await first.emulator.finalAnswer(again);
    expect(reply.content).toContain('is already pinned');
    const cards = first.emulator.state
      .channelMessages(channel)
      .filter((m) => m.author.bot && !m.interactionId);
    expect(cards).toHaveLength(1);
  }, 40_000);

  it('given SIGTERM, then it disconnects, closes the database and exits 0 within 5 s', async () => {
    const bot = await startBotProcess(TOKEN);
    await bot.ready();
    expect(await firstChoice(bot.emulator, 'invoice')).toBe('invoice');
    const { code, afterMs } = await bot.signalAndWait('SIGTERM');
    expect(code).toBe(0);
    expect(afterMs).toBeLessThan(5000);
    expect(bot.stderr()).toContain('"msg":"stopped"');
    expect(bot.emulator.gateway.connected).toBe(false);
  });

  it('given a request Discord never answers, then SIGTERM still exits 0 within 5 s', async () => {
    const bot = await startBotProcess(TOKEN);
    await bot.ready();
    // A blackholed connection: the callback is held far past the shutdown deadline.
    void bot.slowAnswer(60_000).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { code, afterMs } = await bot.signalAndWait('SIGTERM');
    expect(code).toBe(0);
    expect(afterMs).toBeLessThan(5000);
    expect(bot.stderr()).toContain('"msg":"stopped"');
  });

  it('given an interaction in flight, then shutdown lets it finish before disconnecting', async () => {
    const bot = await startBotProcess(TOKEN);
    await bot.ready();
    const answered = bot.slowAnswer(800);
    await new Promise((resolve) => setTimeout(resolve, 200));
    bot.proc.kill('SIGTERM');
    const i = await answered;
    expect((i.responses[0]!.data as { embeds: { title: string }[] }).embeds[0]!.title).toBe(
      'Can I switch to invoice-based billing?',
    );
    expect((await bot.exited).code).toBe(0);
  });

  it('given SIGTERM while it is still connecting to Discord, then it exits 0 at once', async () => {
    emulator = await DiscordEmulator.start({ token: TOKEN });
    // Discord slow to hand out the gateway: the bot is mid-login when the signal comes.
    const gateway = emulator.delayNext({ method: 'GET', path: /^\/gateway\/bot$/, ms: 10_000 });
    const bot = await startBotProcess(TOKEN, emulator);
    await gateway.held;
    const { code, afterMs } = await bot.signalAndWait('SIGTERM');
    expect(code).toBe(0);
    expect(afterMs).toBeLessThan(1000);
    expect(bot.stderr()).toContain('"msg":"stopped"');
  });

  it('given a second signal while stopping, then it exits at once', async () => {
    const bot = await startBotProcess(TOKEN);
    await bot.ready();
    // Keep the first shutdown busy draining an interaction Discord is slow to take.
    void bot.slowAnswer(3000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    bot.proc.kill('SIGINT');
    await vi.waitFor(() => expect(bot.stderr()).toContain('"msg":"shutting down"'));
    const { code, afterMs } = await bot.signalAndWait('SIGINT');
    expect(code).toBe(1);
    expect(afterMs).toBeLessThan(1000);
    expect(bot.stderr()).toContain('second signal: exiting now');
  });

  it('given Discord closes the gateway for good (token reset while running), then it says what to do and exits 1 for the supervisor', async () => {
    const bot = await startBotProcess(TOKEN);
    await bot.ready();
    bot.emulator.gateway.close(4004, 'Authentication failed.');
    expect((await bot.exited).code).toBe(1);
    expect(bot.stderr()).toContain(
      'Discord closed the gateway for good (4004 AuthenticationFailed): Discord refused the token',
    );
    expect(bot.stderr()).toContain('"msg":"stopped"');
    expect(bot.stderr()).not.toContain(TOKEN);
  });

  it('given a second copy started on the same DATA_DIR, then it stops before connecting and says why, and the first keeps serving', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'faq-bot-'));
    const first = await startBotProcess(TOKEN, undefined, dataDir);
    await first.ready();
    const second = await spawnBotProcess({
      emulator: first.emulator,
      token: TOKEN,
      commands,
      dataDir,
    });
    others.push(second);
    let stderr = '';
    second.stderr!.on('data', (c: Buffer) => (stderr += String(c)));
    const code = await new Promise((resolve) => second.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`DATA_DIR (${dataDir}) is in use by another running copy of the bot`);
    // The second copy stopped before it connected: the first's session is still the only one.
    expect(
      first.emulator.frames.filter(
        (f) => f.direction === 'in' && f.frame.op === GatewayOpcodes.Identify,
      ),
    ).toHaveLength(1);
    expect(await firstChoice(first.emulator, 'rate')).toBe('rate-limit');
  });

  it('given a token Discord refuses, then it exits non-zero with one line naming DISCORD_TOKEN, no stack, and the token appears nowhere in its output', async () => {
    const wrong = 'MTk5OTk5OTk5OTk5OTk5OTk5.Wr0ng.this-token-must-never-be-logged';
    const bot = await startBotProcess(wrong);
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(bot.stderr()).toContain('Discord refused DISCORD_TOKEN');
    expect(bot.stderr()).not.toMatch(/"stack"|\n\s+at /);
    expect(bot.stderr()).not.toContain(wrong);
    expect(bot.stderr()).not.toContain('this-token-must-never-be-logged');
  });
});

describe('process guards', () => {
  /** A stand-in process with the guards installed, logging into memory. */
  const guardedProcess = () => {
    const proc = Object.assign(new EventEmitter(), { exit: vi.fn() });
    const log = new CapturedLog();
    installProcessGuards(
      createLogger({ level: 'info', destination: log }),
      proc as unknown as NodeJS.Process,
    );
    return { proc, log };
  };

  it('given an unhandled rejection, then it is logged with its error and the process stays up', () => {
    const { proc, log } = guardedProcess();
    proc.emit('unhandledRejection', new Error('lost promise'));
    expect(proc.exit).not.toHaveBeenCalled();
    expect(log.lines[0]).toMatchObject({
      level: 50,
      msg: 'unhandled promise rejection; still serving',
      err: { message: 'lost promise' },
    });
  });

  it('given an uncaught exception, then it is logged and the process exits non-zero for the supervisor', () => {
    const { proc, log } = guardedProcess();
    proc.emit('uncaughtException', new Error('broken state'), 'uncaughtException');
    expect(proc.exit).toHaveBeenCalledWith(1);
    expect(log.lines[0]).toMatchObject({ level: 60, err: { message: 'broken state' } });
  });
});
