import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AnyCommand } from '../bot/command.js';
import { commandBody } from '../bot/register.js';
import type { DiscordEmulator } from '../emulator/emulator.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The real entry point in its own process, as production runs it (with a token), pointed at
 * `emulator`. The commands are registered in the emulator first, as `deploy-commands` would
 * have done. Runs node itself (not a wrapper), so signals reach the bot directly.
 */
export async function spawnBotProcess(options: {
  emulator: DiscordEmulator;
  token: string;
  commands: readonly AnyCommand[];
  logLevel?: string;
  stdio?: StdioOptions;
  /** `dist`: the compiled `dist/src/main.js`, as production runs it (`npm run build` first). */
  entry?: 'src' | 'dist';
  nodeOptions?: string[];
  /** Default: a new empty folder. */
  dataDir?: string;
}): Promise<ChildProcess> {
  const { emulator } = options;
  emulator.state.overwriteCommands(
    options.commands.map((c) => commandBody(c) as unknown as Record<string, unknown>),
    emulator.state.guild.id,
  );
  const entry =
    options.entry === 'dist' ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  return spawn(process.execPath, [...(options.nodeOptions ?? []), ...entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: options.token,
      DISCORD_API_URL: emulator.apiUrl,
      DATA_DIR: options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'faq-bot-'))),
      LOG_LEVEL: options.logLevel ?? 'info',
    },
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
  });
}
