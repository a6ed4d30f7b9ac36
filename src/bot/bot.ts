import {
  Events,
  GatewayIntentBits,
  type Client,
  type ClientOptions,
  type Interaction,
} from 'discord.js';
import { intentsFor, watchForums } from './forum.js';
import { healthChecks, startHealthServer } from './health.js';
import { keepKeyGuard, watchKeyGuard } from './key-guard.js';
import { sendChoices, sendNotice } from './respond.js';
import type { Config } from '../config.js';
import type { FaqLibrary } from '../sources/faq.js';
import type { Logger } from '../logger.js';
import { createClient } from './client.js';
import { buildCommandMap, type AnyCommand, type BotContext } from './command.js';
import { createInteractionHandler } from './dispatch.js';
import { explainFatalClose } from './gateway-close.js';
import { forgetResolvedPermissions } from './moderation.js';
import { watchRawInteractions } from './raw-interactions.js';
import { refreshFaq } from './refresh.js';
import { pruneHistoryDaily, withStore } from './usage.js';
import { watchDirectory } from '../faq/watch.js';
import { formatProblem, type Problem } from '../faq/problem.js';
import { PostLimits } from '../limits/public-post.js';
import { PinKeeper } from '../pins/keeper.js';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { openSources, type Sources } from '../sources/registry.js';
import { openAnswers, type Answers } from '../ranking/open.js';
import type { Collection } from '../sources/source.js';
import { StoreError, type Store } from '../store/store.js';
import { watchForLoss } from '../store/watch-file.js';

export interface BotOptions {
  config: Config;
  logger: Logger;
  library: FaqLibrary;
  /** Every source as served (default: `library` and the registry's others, opened where configured). */
  sources?: Sources;
  /** The ranking and its mappings (default: opened from MAPPINGS_DIR over `sources` and the store's teachings). */
  answers?: Answers;
  store: Store;
  commands: readonly AnyCommand[];
  token: string;
  clientOptions?: Partial<ClientOptions>;
  /** Reload a source when what it is read from changes (default true). */
  watchFaq?: boolean;
  /** How long a failed pinned-card edit waits before it is retried. */
  pinRetryMs?: number;
}

export interface RunningBot {
  client: Client<true>;
  context: BotContext;
  /** Stops taking interactions, lets those in flight finish (at most `drainMs`), disconnects. */
  stop(drainMs?: number): Promise<void>;
  /**
   * Resolves with the close code if Discord closes the gateway in a way discord.js does not
   * recover from (a reset token, say): the bot then serves nothing until it is restarted.
   */
  gatewayLost: Promise<number>;
}

const RESTARTING = 'The FAQ bot is restarting; please try again in a few seconds.';

async function answerWhileStopping(interaction: Interaction, logger: Logger): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await sendChoices(interaction, []);
    else if (interaction.isRepliable()) await sendNotice(interaction, RESTARTING);
  } catch (error) {
    logger.debug({ err: error }, 'could not answer while stopping');
  }
}

/**
 * Why this database is not for this application (undefined when it is, recording it on first use).
 * A database belongs to one Discord application: its pins, usage and votes are that bot's.
 */
function checkOwner(store: Store, applicationId: string): string | undefined {
  const owner = store.applicationId();
  if (owner === undefined) {
    store.setApplicationId(applicationId);
    return undefined;
  }
  if (owner === applicationId) return undefined;
  return `the database ${store.file} belongs to Discord application ${owner}, but DISCORD_TOKEN is the token of application ${applicationId}. Nothing was changed. Use that application's token, or give this one its own DATA_DIR (a staging bot needs a database of its own).`;
}

/**
 * Watches what every source is read from: a folder source (the FAQ) is its folder, a snapshot
 * the folder it is in. A change reloads the source, the last good kept on error; the FAQ's
 * reload also brings its pinned cards in line.
 */
function watchSources(
  context: BotContext,
  onRefused: (problem: string | undefined) => void,
): { close(): void }[] {
  const { sources, logger } = context;
  const foldersOf = (c: Collection) =>
    c === sources.faq ? [c.path] : (c.files ?? [c.path]).map((f) => path.dirname(f));
  // A refresh's folder (DATA_DIR/snapshots) is made here so that the first refresh is seen
  // without a restart; where DATA_DIR itself does not exist (the sandbox keeps its database in
  // memory), there is nothing to refresh and nothing is made.
  const folders = [...new Set(sources.all.flatMap(foldersOf))].filter((folder) => {
    if (folder === sources.faq.path || existsSync(folder)) return true;
    if (!existsSync(path.dirname(folder))) return false;
    mkdirSync(folder);
    return true;
  });
  return folders.map((folder) =>
    watchDirectory(
      folder,
      (trigger) => {
        for (const collection of sources.all.filter((c) => foldersOf(c).includes(folder))) {
          if (collection === sources.faq) {
            void refreshFaq(context, trigger);
            continue;
          }
          void collection.reloadIfChanged().then((result) => {
            if (!result) return;
            onRefused(result.ok ? undefined : result.problem);
            if (result.ok)
              logger.info(
                {
                  source: collection.source.name,
                  file: collection.path,
                  ...counts(result.changes),
                },
                'snapshot reloaded',
              );
            else
              logger.warn(
                { source: collection.source.name, problem: result.problem },
                'snapshot reload refused: the previous one keeps serving',
              );
          });
        }
      },
      (error) =>
        logger.warn(
          { err: error, dir: folder },
          folder === sources.faq.path
            ? 'not watching the FAQ folder: edits load with /faq-admin reload'
            : 'not watching the snapshots: restart to load a new one',
        ),
    ),
  );
}

/** Answers a mapping names that no source has: skipped, each said once where an operator looks. */
function warnSkipped(logger: Logger, warnings: readonly Problem[]): void {
  for (const w of warnings) logger.warn({ problem: formatProblem(w) }, 'mapping answer skipped');
}

/** The mappings folder: an edit is served at once, a broken one refused with the last good kept. */
function watchMappings({ answers, logger }: BotContext): { close(): void } {
  const dir = answers.mappings.dir;
  return watchDirectory(
    dir,
    () =>
      void answers.mappings.reload().then((result) => {
        if (!result.ok)
          return logger.warn(
            { dir, problems: result.problems.map(formatProblem) },
            'mappings reload refused: the previous ones keep serving',
          );
        logger.info({ dir, rules: result.rules }, 'mappings reloaded');
        warnSkipped(logger, result.warnings);
      }),
    (error) =>
      logger.warn({ err: error, dir }, 'not watching the mappings: restart to load an edit'),
  );
}

const counts = (c: { added: string[]; changed: string[]; removed: string[] }) => ({
  added: c.added.length,
  changed: c.changed.length,
  removed: c.removed.length,
});

/** Logs in and resolves once the client is ready to serve (READY alone is too early). */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, logger, library, store } = options;
  const reads = intentsFor(config);
  const client = createClient(config.DISCORD_API_URL, {
    intents: [
      GatewayIntentBits.Guilds,
      ...(reads.messages ? [GatewayIntentBits.GuildMessages] : []),
      ...(reads.content ? [GatewayIntentBits.MessageContent] : []),
      ...(config.KEY_GUARD ? [GatewayIntentBits.AutoModerationExecution] : []),
    ],
    ...options.clientOptions,
  });
  const pins = new PinKeeper({
    rest: client.rest,
    store,
    library,
    logger,
    feedback: config.FEEDBACK_BUTTONS,
    retryMs: options.pinRetryMs,
  });
  const limits = new PostLimits(config, (channelId, entryId) =>
    withStore(
      { logger },
      'check the cooldown',
      () => store.recentPost(channelId, entryId, config.CARD_COOLDOWN_SECONDS)?.messageId,
      undefined,
    ),
  );
  const sources = options.sources ?? (await openSources(config, { given: [library] }));
  const answers = options.answers ?? (await openAnswers(config, sources, store));
  warnSkipped(logger, answers.mappings.warnings);
  const context: BotContext = {
    config,
    logger,
    library,
    sources,
    answers,
    store,
    pins,
    limits,
    rest: client.rest,
  };
  const handle = createInteractionHandler(buildCommandMap(options.commands), context);
  // Shutdown drains: interactions being answered finish, new ones are told to retry.
  const inFlight = new Set<Promise<void>>();
  let draining = false;
  client.on(Events.InteractionCreate, (interaction) => {
    if (draining) {
      void answerWhileStopping(interaction, logger);
      return;
    }
    const running = handle(interaction).finally(() => {
      inFlight.delete(running);
      forgetResolvedPermissions(interaction.id);
    });
    inFlight.add(running);
  });
  watchRawInteractions(client, logger);
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  // Every recoverable close, ours at shutdown included; discord.js reconnects by itself.
  client.on(Events.ShardReconnecting, (shardId) => {
    if (!draining) logger.warn({ shardId }, 'gateway disconnected; reconnecting');
  });
  // discord.js emits this only for the closes it will not recover from.
  let closedForGood!: (code: number) => void;
  let lostCode: number | undefined;
  const gatewayLost = new Promise<number>((resolve) => (closedForGood = resolve));
  client.on(Events.ShardDisconnect, (event, shardId) => {
    logger.error({ code: event.code, shardId }, explainFatalClose(event.code));
    lostCode = event.code;
    closedForGood(event.code);
  });
  // Only a removal: a server in an outage comes as GuildUnavailable and keeps its cards.
  client.on(Events.GuildDelete, (guild) =>
    withStore(
      context,
      `forget the pinned cards of server ${guild.id}`,
      () => pins.forgetServer(guild.id, [...guild.channels.cache.keys()]),
      undefined,
    ),
  );
  client.on(Events.ShardResume, (shardId) => logger.info({ shardId }, 'gateway resumed'));
  client.rest.on('rateLimited', (info) =>
    logger.warn(
      { route: info.route, retryAfterMs: info.retryAfter, global: info.global },
      'rate limited by Discord',
    ),
  );

  // What health reports: when the gateway last said anything, and the last reload refused.
  const health = {
    lastEventAt: Date.now(),
    connected: false,
    lastRefused: undefined as string | undefined,
  };
  client.on(Events.Raw, () => (health.lastEventAt = Date.now()));
  for (const up of [Events.ShardReady, Events.ShardResume] as const)
    client.on(up, () => (health.connected = true));
  for (const down of [
    Events.ShardDisconnect,
    Events.ShardReconnecting,
    Events.Invalidated,
  ] as const)
    client.on(down, () => (health.connected = false));
  library.onReload((result) => {
    health.lastRefused = result.ok ? undefined : `${result.problems.length} problem(s) in the FAQ`;
  });
  for (const c of sources.all.filter((c) => c.refused)) {
    logger.warn(
      { source: c.source.name, problem: c.refused, serving: c.path },
      'refreshed snapshot refused: the shipped one is served',
    );
    health.lastRefused = c.refused;
  }
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  logger.info('connecting to Discord');
  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy();
    // discord.js's own words ("Used disallowed intents") do not say what to do.
    throw lostCode === undefined ? error : new Error(explainFatalClose(lostCode), { cause: error });
  }
  // A close in the moment between login and ready would otherwise leave start-up waiting for good.
  const readyClient = await Promise.race([ready, gatewayLost]);
  if (typeof readyClient === 'number') {
    await client.destroy();
    throw new Error(explainFatalClose(readyClient));
  }
  // Before anything prunes: another application's token on this database would forget every pin
  // of servers that application is not in.
  const owner = checkOwner(store, readyClient.application.id);
  if (owner) {
    await client.destroy();
    throw new StoreError(owner);
  }
  // An edited FAQ file, a refreshed docs index or model catalog (`faq import-docs`,
  // `import-models`) is served at once.
  const watchers = [
    ...(options.watchFaq === false
      ? []
      : [
          ...watchSources(context, (problem) => (health.lastRefused = problem)),
          watchMappings(context),
        ]),
    watchForums(client, context),
    watchKeyGuard(client, context),
  ];
  // The key guard rule is kept in the background: start-up does not wait on it.
  void keepKeyGuard(readyClient, context);
  // Edits that failed before a restart are retried now, but not in servers the bot has left
  // meanwhile: READY lists every server it is in, those in an outage included.
  withStore(
    context,
    'forget the pinned cards of servers left',
    () => pins.forgetServersLeft(new Set(readyClient.guilds.cache.keys())),
    undefined,
  );
  // Pins a stop interrupted are finished (or taken back) before the sync brings cards in line.
  void pins
    .recoverPending()
    .catch((error: unknown) => logger.warn({ err: error }, 'could not look at interrupted pins'))
    .finally(() => void pins.sync());
  const history = pruneHistoryDaily(context);
  const healthServer = config.HEALTH_PORT
    ? await startHealthServer(config.HEALTH_PORT, () => healthChecks(client, context, health))
    : undefined;
  if (healthServer) logger.info({ port: healthServer.port }, 'health at http://127.0.0.1/health');
  const databaseWatch =
    store.file === ':memory:'
      ? undefined
      : watchForLoss(store.file, (how) =>
          logger.error(
            { file: store.file },
            `the database was ${how} while the bot runs: pins, usage and votes recorded from now on will be lost when it stops. Restore DATA_DIR (or its backup) and restart the bot`,
          ),
        );
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
    gatewayLost,
    async stop(drainMs = 2500) {
      draining = true;
      for (const w of watchers) w.close();
      pins.close();
      history.close();
      await healthServer?.close();
      databaseWatch?.close();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => (timer = setTimeout(resolve, drainMs))),
      ]);
      clearTimeout(timer);
      if (inFlight.size > 0)
        logger.warn({ unfinished: inFlight.size }, 'stopping with interactions unfinished');
      await client.destroy();
      logger.info('disconnected from Discord');
    },
  };
}
