import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { commands } from '../commands/index.js';
import { loadConfig } from '../src/config.js';
import { startLocalBot } from '../src/harness/local-bot.js';
import { MODERATOR_PERMISSIONS } from '../src/emulator/state.js';
import { FaqLibrary } from '../src/sources/faq.js';
import { createLogger } from '../src/logger.js';
import { DAY_MS, Store } from '../src/store/store.js';
import { typedQueries } from '../test/helpers/queries.js';
import { roundTrip } from './autocomplete.js';
import { ms, summarize } from './stats.js';

const ROWS = 1_000_000;
const VOTES = 50_000;

/** A year of a busy server: a million uses (a quarter unanswered, many distinct) and votes. */
function fillHistory(file: string, guildId: string, entries: string[]): void {
  const db = new Database(file);
  const now = Date.now();
  const use = db.prepare(
    'INSERT INTO usage (at, guild_id, outcome, entry_id, query, user_id, channel_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const vote = db.prepare(
    'INSERT INTO feedback (message_id, user_id, entry_id, helpful, at, guild_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const at = now - Math.floor((i / ROWS) * 365 * DAY_MS);
      const miss = i % 4 === 0;
      use.run(
        at,
        guildId,
        miss ? 'no-match' : 'card',
        miss ? null : entries[i % entries.length]!,
        miss ? `question number ${i % 20_000}` : 'typed',
        String(100_000_000_000_000_000n + BigInt(i % 5000)),
        '200000000000000000',
      );
    }
    for (let i = 0; i < VOTES; i++)
      vote.run(
        String(i),
        String(i % 3000),
        entries[i % entries.length]!,
        i % 3 ? 1 : 0,
        now - i * 600_000,
        guildId,
      );
  })();
  db.close();
}

/**
 * `/faq-admin stats days:365` over a million usage rows, through the real bot and emulator, while
 * another member types: how long the moderator waits, and what it costs everyone else.
 */
export async function benchHistory(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'faq-bench-history-'));
  try {
    const config = loadConfig({ LOG_LEVEL: 'warn', DATA_DIR: dir });
    const library = await FaqLibrary.open(path.resolve(import.meta.dirname, '..', config.FAQ_DIR));
    Store.open(dir).close(); // the schema
    const local = await startLocalBot({
      config,
      logger: createLogger({ level: 'warn' }),
      library,
      store: Store.open(dir),
      commands,
      watchFaq: false,
    });
    try {
      local.emulator.recording = false;
      const filled = performance.now();
      fillHistory(
        path.join(dir, 'faq-bot.sqlite'),
        local.emulator.state.guild.id,
        library.index.entries.map((e) => e.id),
      );
      const fillMs = performance.now() - filled;
      const mod = local.emulator.createMember({
        username: 'mod',
        permissions: MODERATOR_PERMISSIONS,
      });
      const member = local.emulator.createMember({ username: 'typing' });
      const queries = typedQueries();
      const stats = async () => {
        const started = performance.now();
        const i = await local.emulator.command({
          command: 'faq-admin',
          subcommand: 'stats',
          member: mod,
          values: { days: 365 },
        });
        await local.emulator.finalAnswer(i, 30_000);
        return performance.now() - started;
      };
      await stats(); // the reader thread starts, SQLite's cache warms
      let running = true;
      const others: number[] = [];
      const typing = (async () => {
        for (let n = 0; running; n++) {
          others.push(await roundTrip(local.emulator, member, 'faq', queries[n % queries.length]!));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const latencies: number[] = [];
      for (let r = 0; r < 5; r++) latencies.push(await stats());
      running = false;
      await typing;
      const s = summarize(latencies);
      const o = summarize(others);
      console.log(
        `stats over a year of a busy server (${ROWS} usage rows, ${VOTES} votes; filled in ${ms(fillMs)})`,
      );
      console.log(
        `  /faq-admin stats days:365  n=${s.n}  p50 ${ms(s.p50)}  max ${ms(s.max)} (target < 1 s: ${s.max < 1000 ? 'yes' : 'no'})`,
      );
      console.log(
        `  others' autocomplete meanwhile  n=${o.n}  p50 ${ms(o.p50)}  p99 ${ms(o.p99)} (target < 50 ms: ${o.p99 < 50 ? 'yes' : 'no'})`,
      );
    } finally {
      await local.close();
      local.bot.context.store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
