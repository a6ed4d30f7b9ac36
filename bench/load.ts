import { monitorEventLoopDelay } from 'node:perf_hooks';
import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { commands } from '../commands/index.js';
import { spawnBotProcess } from '../src/harness/bot-process.js';
import { DiscordEmulator, randomToken } from '../src/emulator/emulator.js';
import { typedQueries } from '../test/helpers/queries.js';
import { ANSWER_WINDOW_MS, roundTrip, startBenchBot } from './autocomplete.js';
import type { Member } from '../src/emulator/state.js';
import { mb, ms, summarize } from './stats.js';

const STEADY_TOTAL = 5000;
const STEADY_RATE = 500;
const BURST = 1000;
const WARMUP = 500;
const ROOT = path.resolve(import.meta.dirname, '..');

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

/** CPU time (user + system, all threads) the process has used; /proc counts it in 1/100 s. */
async function cpuMsOf(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** How deploy/fal-faq-bot.service runs the bot: compiled, with the heap capped for a small host. */
const PRODUCTION_NODE_OPTIONS = ['--max-old-space-size=128'];

/**
 * `npm run bench -- load`: the bot as its own process, run as production runs it (compiled
 * `dist/src/main.js` with a token), the emulator here; thousands of autocompletes at a steady
 * rate and in a burst.
 */
export async function benchLoad(extraNodeOptions: string[] = []): Promise<void> {
  const nodeOptions = [...PRODUCTION_NODE_OPTIONS, ...extraNodeOptions];
  // The compiled bot, as `npm run build` makes it.
  execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const token = randomToken();
  const emulator = await DiscordEmulator.start({ token });
  emulator.recording = false;
  const member = emulator.createMember({ username: 'load' });
  const queries = typedQueries();
  let next = 0;
  // An interaction not answered in time counts as unanswered, not as a failed run.
  const one = () =>
    roundTrip(emulator, member, 'faq', queries[next++ % queries.length]!).catch(() => undefined);
  // One synchronous loop: the whole burst leaves the emulator in the same tick.
  const burst = () => Promise.all(Array.from({ length: BURST }, one));
  const steady = async () => {
    const sent: Promise<number | undefined>[] = [];
    const perTick = STEADY_RATE / 100;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        for (let i = 0; i < perTick && sent.length < STEADY_TOTAL; i++) sent.push(one());
        if (sent.length >= STEADY_TOTAL) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    return Promise.all(sent);
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
  // The same run once, unmeasured (JIT on both sides, connection pool, heap at working size),
  // so that RSS growth over the measured run shows leaks, not the heap's first growth.
  const warmUp = async () => {
    for (let i = 0; i < WARMUP; i++) await one();
    await steady();
    await burst();
    await settle();
  };
  const report = (label: string, results: (number | undefined)[]) => {
    const answered = results.filter((r): r is number => r !== undefined);
    const s = summarize(answered);
    console.log(
      `  ${label.padEnd(22)} answered ${answered.length}/${results.length}  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`,
    );
    return s;
  };

  try {
    const bot = await spawnBotProcess({
      emulator,
      token,
      commands,
      logLevel: 'warn',
      entry: 'dist',
      nodeOptions,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    let burstP99: number;
    try {
      await emulator.gateway.whenReady();
      const rssStart = await rssOf(bot.pid!);
      await warmUp();
      const rssBefore = await rssOf(bot.pid!);
      const steadyResults = await steady();
      const botCpuBefore = await cpuMsOf(bot.pid!);
      const hereCpuBefore = process.cpuUsage();
      const burstStarted = performance.now();
      const burstResults = await burst();
      const burstWall = performance.now() - burstStarted;
      const hereCpu = process.cpuUsage(hereCpuBefore);
      const botCpu = (await cpuMsOf(bot.pid!)) - botCpuBefore;
      await settle();
      const rssAfter = await rssOf(bot.pid!);

      console.log(
        `load over the emulator (bot in its own process: node ${nodeOptions.join(' ')} dist/src/main.js with a token), LOG_LEVEL=warn`,
      );
      report(`steady ${STEADY_RATE}/s × ${STEADY_TOTAL}`, steadyResults);
      burstP99 = report(`burst of ${BURST} at once`, burstResults).p99;
      // Where the burst's time goes: a bot whose CPU time is about the burst's wall time is
      // saturated, and its CPU per interaction is what bounds the p99.
      console.log(
        `  burst wall time ${ms(burstWall)}; CPU over it: bot ${botCpu} ms (${((botCpu * 1000) / BURST).toFixed(0)} µs per interaction), emulator and bench ${((hereCpu.user + hereCpu.system) / 1000).toFixed(0)} ms`,
      );
      const flood = await othersDuringFlood(emulator, member, queries);
      const floodP99 = report('others during a flood', flood.others).p99;
      console.log(
        `    (one member sending ${FLOODERS} autocompletes of ${FLOOD_QUERY.length} characters at a time, ${flood.floods} in all, while another types; target p99 < 50 ms: ${floodP99 < 50 ? 'yes' : 'no'})`,
      );
      const all = [...steadyResults, ...burstResults];
      const inWindow = all.every((r) => r !== undefined && r < ANSWER_WINDOW_MS);
      const growth = rssAfter - rssBefore;
      console.log(
        `  bot RSS after start ${mb(rssStart)}, after the warm-up run ${mb(rssBefore)}, after the measured run ${mb(rssAfter)}`,
      );
      console.log(
        `  RSS growth over the measured run ${mb(growth)} (target < 20 MB: ${growth < 20 * 1024 * 1024 ? 'yes' : 'no'})`,
      );
      console.log(
        `  every interaction answered inside Discord's 3 s window: ${inWindow ? 'yes' : 'NO'}`,
      );
    } finally {
      bot.kill('SIGTERM');
      await new Promise((resolve) => bot.on('exit', resolve));
    }
    // Each floor gets the bot's run, so that every measured burst meets an emulator as warm.
    const floorRun = async (label: string, script: string, what: string) => {
      const results = await runFloor(emulator, token, script, nodeOptions, async () => {
        await warmUp();
        await steady();
        return burst();
      });
      const { p99 } = report(label, results);
      console.log(`    (${script} answering: ${what})`);
      return p99;
    };
    const discordjsP99 = await floorRun(
      'discord.js floor',
      'bench/discordjs-client.ts',
      "the bot's client and reply helper with a fixed list, no search or store; what no bot built on discord.js can beat on this host",
    );
    const hostP99 = await floorRun(
      'host floor',
      'bench/bare-client.ts',
      'no discord.js, no search, a fixed answer; what no bot can beat against this emulator on this host',
    );
    console.log(
      `  burst p99 < 50 ms: ${burstP99 < 50 ? 'yes' : 'no'} (bot ${ms(burstP99)}, discord.js floor ${ms(discordjsP99)}, host floor ${ms(hostP99)})`,
    );
  } finally {
    await emulator.close();
  }
  await leakCheck();
}

const FLOODERS = 20;
/** 6000 characters of words the index does not have: each costs a typo look-up if it is made. */
const FLOOD_QUERY = Array.from({ length: 1200 }, (_, i) => `q${i.toString(36)}zv`)
  .join(' ')
  .slice(0, 6000);
const FLOOD_SAMPLES = 400;

/**
 * One member floods autocomplete with the longest queries Discord lets through, `FLOODERS` at a
 * time, while another member types at 100/s: what the flood costs everyone else.
 */
async function othersDuringFlood(
  emulator: DiscordEmulator,
  other: Member,
  queries: string[],
): Promise<{ others: (number | undefined)[]; floods: number }> {
  const flooder = emulator.createMember({ username: 'flooder' });
  let flooding = true;
  let floods = 0;
  const flood = async () => {
    while (flooding) {
      floods++;
      await roundTrip(emulator, flooder, 'faq', FLOOD_QUERY).catch(() => undefined);
    }
  };
  const floodsDone = Promise.all(Array.from({ length: FLOODERS }, flood));
  const others: (number | undefined)[] = [];
  for (let i = 0; i < FLOOD_SAMPLES; i++) {
    others.push(
      await roundTrip(emulator, other, 'faq', queries[i % queries.length]!).catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  flooding = false;
  await floodsDone;
  return { others, floods };
}

/**
 * `measure` run with `script` in its own process as the bot, on the bot's node options: a floor
 * the bot's burst is set against.
 */
async function runFloor(
  emulator: DiscordEmulator,
  token: string,
  script: string,
  nodeOptions: string[],
  measure: () => Promise<(number | undefined)[]>,
): Promise<(number | undefined)[]> {
  while (emulator.gateway.connected) await new Promise((resolve) => setTimeout(resolve, 10));
  const client = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DISCORD_TOKEN: token, DISCORD_API_URL: emulator.apiUrl },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await emulator.gateway.whenReady();
    return await measure();
  } finally {
    client.kill();
    await new Promise((resolve) => client.on('exit', resolve));
  }
}

/**
 * RSS cannot tell a leak from heap sizing; the heap after a full GC can. Same bot code in
 * this process (with the emulator), rounds of steady traffic and a burst, heap measured after gc().
 */
async function leakCheck(rounds = 6): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    console.log('  leak check skipped: run with node --expose-gc (npm run bench does)');
    return;
  }
  const local = await startBenchBot();
  const member = local.emulator.createMember({ username: 'leak' });
  const queries = typedQueries();
  let n = 0;
  const one = async () => {
    await roundTrip(local.emulator, member, 'faq', queries[n++ % queries.length]!);
  };
  const heaps: number[] = [];
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  for (let r = 0; r <= rounds; r++) {
    for (let i = 0; i < 2000; i++) await one();
    await Promise.all(Array.from({ length: BURST }, one));
    gc();
    gc();
    heaps.push(process.memoryUsage().heapUsed);
  }
  lag.disable();
  await local.close();
  const perInteraction = (heaps.at(-1)! - heaps[0]!) / (rounds * (2000 + BURST));
  console.log(
    `  soak: ${(rounds + 1) * (2000 + BURST)} autocompletes; heap after GC ${heaps.map((h) => mb(h)).join(' → ')} (${perInteraction.toFixed(0)} bytes/interaction; target: flat, ≤ 100); event-loop lag p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms`,
  );
}
