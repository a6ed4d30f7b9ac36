import { spawn } from 'node:child_process';
import path from 'node:path';
import { commands } from '../commands/index.js';
import { loadConfig } from '../src/config.js';
import { startLocalBot, type LocalBot } from '../src/emulator/local-bot.js';
import type { Member } from '../src/emulator/state.js';
import { FaqLibrary } from '../src/faq/library.js';
import { createLogger } from '../src/logger.js';
import { Store } from '../src/store/store.js';
import { typedQueries } from '../test/helpers/queries.js';
import { floor } from './floor-command.js';
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
    commands: [...commands, floor],
    watchFaq: false,
  });
  // Thousands of interactions: keep no history, only what the measurement needs.
  local.emulator.recording = false;
  return local;
}

/** One autocomplete round trip: INTERACTION_CREATE sent → the callback POST received. */
export async function roundTrip(
  local: LocalBot,
  member: Member,
  command: string,
  value: string,
): Promise<number> {
  const { emulator } = local;
  const payload = emulator.state.commandInteraction({
    type: 4,
    command,
    member,
    values: { topic: value },
    focused: 'topic',
  });
  const started = performance.now();
  const interaction = emulator.dispatchInteraction(payload);
  await interaction.firstResponse;
  const elapsed = performance.now() - started;
  emulator.state.forgetInteraction(interaction);
  return elapsed;
}

/** A whole process, as `npm start` runs it (without npm): spawn → the sandbox says it is connected. */
async function processStartToReady(): Promise<number> {
  const started = performance.now();
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
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

export async function benchAutocomplete(rounds = 2000): Promise<void> {
  const processReady = await processStartToReady();
  const started = performance.now();
  const local = await startBenchBot();
  const startup = performance.now() - started;
  const member = local.emulator.createMember({ username: 'bench' });
  const queries = typedQueries();
  const run = async (n: number, sink?: { faq: number[]; floor: number[] }) => {
    for (let i = 0; i < n; i++) {
      const q = queries[i % queries.length]!;
      // Interleaved, so both see the same machine noise.
      const a = await roundTrip(local, member, 'faq', q);
      const b = await roundTrip(local, member, 'bench-floor', q);
      sink?.faq.push(a);
      sink?.floor.push(b);
    }
  };
  await run(500);
  global.gc?.();
  const rssAfterWarmup = process.memoryUsage().rss;
  const samples = { faq: [] as number[], floor: [] as number[] };
  await run(rounds, samples);
  const faq = summarize(samples.faq);
  const base = summarize(samples.floor);
  await local.close();

  const p50Ratio = faq.p50 / base.p50;
  const p99Ratio = faq.p99 / base.p99;
  console.log(
    'autocomplete over the real path (emulator on 127.0.0.1 + discord.js), LOG_LEVEL=warn',
  );
  console.log(`  process start to ready (tsx src/main.ts, sandbox): ${ms(processReady)}`);
  console.log(`  in-process start-up to ready (emulator, login, register): ${ms(startup)}`);
  console.log(
    `  /faq autocomplete   n=${faq.n}  p50 ${ms(faq.p50)}  p99 ${ms(faq.p99)}  max ${ms(faq.max)}`,
  );
  console.log(
    `  floor (fixed list)  n=${base.n}  p50 ${ms(base.p50)}  p99 ${ms(base.p99)}  max ${ms(base.max)}`,
  );
  console.log(
    `  ratio /faq ÷ floor  p50 ${p50Ratio.toFixed(2)}× (target ≤ 1.5×)  p99 ${p99Ratio.toFixed(2)}× (target ≤ 2×)`,
  );
  console.log(`  RSS after warm-up: ${mb(rssAfterWarmup)}`);
  console.log(`  queries: ${queries.length} distinct keystroke prefixes of the dev queries`);
}
