import { spawn } from 'node:child_process';
import path from 'node:path';
import { InteractionType } from 'discord-api-types/v10';
import { commands } from '../commands/index.js';
import { loadConfig } from '../src/config.js';
import type { DiscordEmulator } from '../src/emulator/emulator.js';
import { startLocalBot, type LocalBot } from '../src/harness/local-bot.js';
import type { Member } from '../src/emulator/state.js';
import { FaqLibrary } from '../src/sources/faq.js';
import { createLogger } from '../src/logger.js';
import { Store } from '../src/store/store.js';
import { typedQueries } from '../test/helpers/queries.js';
import { floor, fullFloor } from './floor-command.js';
import { mb, ms, summarize } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');

export async function startBenchBot(): Promise<LocalBot> {
  const config = loadConfig({ LOG_LEVEL: 'warn' });
  const logger = createLogger({ level: 'warn' });
  const library = await FaqLibrary.open(path.join(ROOT, config.FAQ_DIR));
  const store = Store.open(':memory:');
  const local = await startLocalBot({
    config,
    logger,
    library,
    store,
    commands: [...commands, floor, fullFloor],
    watchFaq: false,
  });
  // Thousands of interactions: keep no history, only what the measurement needs.
  local.emulator.recording = false;
  return local;
}

/** Discord's window: an interaction not answered within it has failed for the member. */
export const ANSWER_WINDOW_MS = 3000;

/**
 * One autocomplete round trip: INTERACTION_CREATE sent → the callback POST received. Rejects
 * when the bot has not answered inside Discord's window.
 */
export async function roundTrip(
  emulator: DiscordEmulator,
  member: Member,
  command: string,
  value: string,
  option = 'topic',
): Promise<number> {
  const payload = emulator.state.commandInteraction({
    type: InteractionType.ApplicationCommandAutocomplete,
    command,
    member,
    values: { [option]: value },
    focused: option,
  });
  const started = performance.now();
  const interaction = emulator.dispatchInteraction(payload);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      interaction.firstResponse.then(() => performance.now() - started),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${ANSWER_WINDOW_MS} ms`)),
          ANSWER_WINDOW_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    emulator.state.forgetInteraction(interaction);
  }
}

/** A whole process, as `npm start` runs it (without npm): spawn → the sandbox says it is connected. */
async function processStartToReady(): Promise<number> {
  const started = performance.now();
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['src/main.ts', '--sandbox-without-token'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const ready = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (String(chunk).includes('sandbox')) resolve(performance.now() - started);
    });
    child.on('exit', (code) =>
      reject(new Error(`sandbox exited with ${code} before it was ready`)),
    );
  });
  child.stdin.end();
  await new Promise((resolve) => child.on('close', resolve));
  return ready;
}

/**
 * p99 of a few thousand round trips is decided by which of them a GC pause lands on, so one run
 * of 2000 can say 1× or 3×. Several blocks of interleaved pairs, the order alternating within
 * each pair, and the figures taken over all of them; the per-block ratios show the spread.
 */
export async function benchAutocomplete(blocks = 5, perBlock = 2000): Promise<void> {
  const processReady = await processStartToReady();
  const started = performance.now();
  const local = await startBenchBot();
  const startup = performance.now() - started;
  const member = local.emulator.createMember({ username: 'bench' });
  const queries = typedQueries();
  const run = async (n: number, sink?: { faq: number[]; floor: number[] }) => {
    for (let i = 0; i < n; i++) {
      const q = queries[i % queries.length]!;
      // Interleaved, so both see the same machine noise; alternating, so neither always runs
      // right after the other's garbage.
      const faqFirst = i % 2 === 0;
      const a = faqFirst ? await roundTrip(local.emulator, member, 'faq', q) : undefined;
      const b = await roundTrip(local.emulator, member, 'bench-floor', q);
      const c = a ?? (await roundTrip(local.emulator, member, 'faq', q));
      sink?.faq.push(c);
      sink?.floor.push(b);
    }
  };
  await run(500);
  global.gc?.();
  const rssAfterWarmup = process.memoryUsage().rss;
  const all = { faq: [] as number[], floor: [] as number[] };
  const blockRatios: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const block = { faq: [] as number[], floor: [] as number[] };
    await run(perBlock, block);
    blockRatios.push(summarize(block.faq).p99 / summarize(block.floor).p99);
    all.faq.push(...block.faq);
    all.floor.push(...block.floor);
  }
  const faq = summarize(all.faq);
  const base = summarize(all.floor);
  await local.close();

  const sortedRatios = [...blockRatios].sort((x, y) => x - y);
  const x = (r: number) => `${r.toFixed(2)}×`;
  console.log(
    'autocomplete over the real path (emulator on 127.0.0.1 + discord.js), LOG_LEVEL=warn',
  );
  console.log(`  process start to ready (tsx src/main.ts, sandbox): ${ms(processReady)}`);
  console.log(`  in-process start-up to ready (emulator, login, register): ${ms(startup)}`);
  console.log(`  ${blocks} blocks of ${perBlock} interleaved pairs after 500 warm-up pairs`);
  console.log(
    `  /faq autocomplete   n=${faq.n}  p50 ${ms(faq.p50)}  p99 ${ms(faq.p99)}  max ${ms(faq.max)}`,
  );
  console.log(
    `  floor (fixed list)  n=${base.n}  p50 ${ms(base.p50)}  p99 ${ms(base.p99)}  max ${ms(base.max)}`,
  );
  console.log(
    `  ratio /faq ÷ floor  p50 ${x(faq.p50 / base.p50)} (target ≤ 1.2×)  p99 ${x(faq.p99 / base.p99)} (target ≤ 2×)`,
  );
  console.log(
    `  p99 ratio per block ${blockRatios.map(x).join(' ')} (median ${x(sortedRatios[blocks >> 1]!)})`,
  );
  console.log(`  RSS after warm-up: ${mb(rssAfterWarmup)}`);
  console.log(`  queries: ${queries.length} keystroke prefixes of the dev queries`);
}
