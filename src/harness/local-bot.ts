import type { ClientOptions } from 'discord.js';
import { startBot, type BotOptions, type RunningBot } from '../bot/bot.js';
import { registerCommands } from '../bot/register.js';
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
export async function startLocalBot(
  options: Omit<BotOptions, 'token'> & {
    emulator?: EmulatorOptions;
    /** An emulator already running (a bot restart against the same "Discord"); it is left running on close. */
    existing?: { emulator: DiscordEmulator; token: string };
    /** Help forums the emulated guild gets, added to HELP_FORUM_IDS: new posts there are answered. */
    forums?: { name: string; tags?: string[] }[];
  },
): Promise<LocalBot> {
  const token = options.existing?.token ?? randomToken();
  const emulator =
    options.existing?.emulator ?? (await DiscordEmulator.start({ ...options.emulator, token }));
  const ownsEmulator = !options.existing;
  try {
    const { emulator: _emulator, existing: _existing, forums = [], ...botOptions } = options;
    const forumIds = forums.map((f) => emulator.state.addForum(f.name, f.tags).id);
    const bot = await startBot({
      ...botOptions,
      config: {
        ...options.config,
        DISCORD_API_URL: emulator.apiUrl,
        HELP_FORUM_IDS: [...options.config.HELP_FORUM_IDS, ...forumIds],
      },
      token,
      clientOptions: { ...LOOPBACK_CLIENT_OPTIONS, ...options.clientOptions },
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
