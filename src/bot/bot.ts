import { Events, type Client, type ClientOptions } from 'discord.js';
import type { Config } from '../config.js';
import type { FaqLibrary } from '../faq/library.js';
import type { Logger } from '../logger.js';
import { createClient } from './client.js';
import { buildCommandMap, type Command } from './command.js';
import { createInteractionHandler } from './dispatch.js';

export interface BotOptions {
  config: Config;
  logger: Logger;
  library: FaqLibrary;
  commands: readonly Command[];
  token: string;
  clientOptions?: Partial<ClientOptions>;
}

export interface RunningBot {
  client: Client<true>;
  stop(): Promise<void>;
}

/** Logs in and resolves once the client is ready to serve (READY alone is too early). */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, logger, library } = options;
  const client = createClient(config.DISCORD_API_URL, options.clientOptions);
  const handle = createInteractionHandler(buildCommandMap(options.commands), {
    config,
    logger,
    library,
  });
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ code: event.code, shardId }, 'gateway disconnected'),
  );
  client.on(Events.ShardResume, (shardId) => logger.info({ shardId }, 'gateway resumed'));
  client.rest.on('rateLimited', (info) =>
    logger.warn(
      { route: info.route, retryAfterMs: info.retryAfter, global: info.global },
      'rate limited by Discord',
    ),
  );

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  const readyClient = await ready;
  logger.info(
    {
      user: readyClient.user.tag,
      guilds: readyClient.guilds.cache.size,
      entries: library.index.entries.length,
    },
    'bot ready',
  );
  return {
    client: readyClient,
    async stop() {
      await client.destroy();
    },
  };
}
