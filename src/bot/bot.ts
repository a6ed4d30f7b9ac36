import { Events, type Client, type ClientOptions } from 'discord.js';
import type { Config } from '../config.js';
import type { FaqLibrary } from '../faq/library.js';
import type { Logger } from '../logger.js';
import { createClient } from './client.js';
import { buildCommandMap, type AnyCommand, type BotContext } from './command.js';
import { createInteractionHandler } from './dispatch.js';
import { refreshFaq } from './refresh.js';
import { watchDirectory } from '../faq/watch.js';
import { PinKeeper } from '../pins/keeper.js';
import type { Store } from '../store/store.js';

export interface BotOptions {
  config: Config;
  logger: Logger;
  library: FaqLibrary;
  store: Store;
  commands: readonly AnyCommand[];
  token: string;
  clientOptions?: Partial<ClientOptions>;
  /** Reload when a file in FAQ_DIR changes (default true). */
  watchFaq?: boolean;
  /** How long a failed pinned-card edit waits before it is retried. */
  pinRetryMs?: number;
}

export interface RunningBot {
  client: Client<true>;
  context: BotContext;
  stop(): Promise<void>;
}

/** Logs in and resolves once the client is ready to serve (READY alone is too early). */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, logger, library, store } = options;
  const client = createClient(config.DISCORD_API_URL, options.clientOptions);
  const pins = new PinKeeper({
    rest: client.rest,
    store,
    library,
    logger,
    feedback: config.FEEDBACK_BUTTONS,
    retryMs: options.pinRetryMs,
  });
  const context: BotContext = { config, logger, library, store, pins, rest: client.rest };
  const handle = createInteractionHandler(buildCommandMap(options.commands), context);
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
  const watcher =
    options.watchFaq === false
      ? undefined
      : watchDirectory(library.dir, () => void refreshFaq(context, 'file change'));
  // Edits that failed before a restart are retried now.
  void pins.sync();
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
    context,
    async stop() {
      watcher?.close();
      pins.close();
      await client.destroy();
    },
  };
}
