import type { ClientOptions } from 'discord.js';
import type { Config } from '../config.js';
import { startBot, type RunningBot } from '../bot/bot.js';
import type { AnyCommand } from '../bot/command.js';
import type { Store } from '../store/store.js';
import { registerCommands } from '../bot/register.js';
import type { FaqLibrary } from '../sources/faq.js';
import type { Sources } from '../sources/registry.js';
import type { Logger } from '../logger.js';
import { DiscordEmulator, randomToken, type EmulatorOptions } from '../emulator/emulator.js';

/**
 * discord.js options for a server on loopback: no 5 s wait between identifies and no 50 req/s
 * budget (both protect Discord, not us), and a short wait for guilds.
 */
export const LOOPBACK_CLIENT_OPTIONS: Partial<ClientOptions> = {
  rest: { globalRequestsPerSecond: 1e5, retries: 3 },
  waitGuildTimeout: 1000,
  ws: {
    buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: async () => {} }),
  } as ClientOptions['ws'],
};

export interface LocalBot {
  emulator: DiscordEmulator;
  bot: RunningBot;
  token: string;
  close(): Promise<void>;
}

/**
 * The real bot against a fresh emulator, its commands registered to the emulated guild:
 * what `npm start` runs without a token, and what end-to-end tests and benchmarks drive.
 */
export async function startLocalBot(options: {
  config: Config;
  logger: Logger;
  library: FaqLibrary;
  sources?: Sources;
  store: Store;
  commands: readonly AnyCommand[];
  emulator?: EmulatorOptions;
  /** An emulator already running (a bot restart against the same "Discord"); it is left running on close. */
  existing?: { emulator: DiscordEmulator; token: string };
  clientOptions?: Partial<ClientOptions>;
  watchFaq?: boolean;
  pinRetryMs?: number;
}): Promise<LocalBot> {
  const token = options.existing?.token ?? randomToken();
  const emulator =
    options.existing?.emulator ?? (await DiscordEmulator.start({ ...options.emulator, token }));
  const ownsEmulator = !options.existing;
  try {
    const bot = await startBot({
      config: { ...options.config, DISCORD_API_URL: emulator.apiUrl },
      logger: options.logger,
      library: options.library,
      sources: options.sources,
      store: options.store,
      commands: options.commands,
      token,
      clientOptions: { ...LOOPBACK_CLIENT_OPTIONS, ...options.clientOptions },
      watchFaq: options.watchFaq,
      pinRetryMs: options.pinRetryMs,
    });
    await registerCommands(
      bot.client.rest,
      bot.client.application.id,
      options.commands,
      emulator.state.guild.id,
    );
    return {
      emulator,
      bot,
      token,
      async close() {
        await bot.stop();
        if (ownsEmulator) await emulator.close();
      },
    };
  } catch (error) {
    if (ownsEmulator) await emulator.close();
    throw error;
  }
}
