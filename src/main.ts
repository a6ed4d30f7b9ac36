import { parseArgs } from 'node:util';
import { GatewayCloseCodes } from 'discord.js';
import { commands } from '../commands/index.js';
import { startBot, type RunningBot } from './bot/bot.js';
import { ConfigError, type Config } from './config.js';
import { configFromEnvironment } from './env.js';
import { FaqLibrary, FaqLoadError } from './sources/faq.js';
import { formatProblem } from './faq/problem.js';
import { createLogger, type Logger } from './logger.js';
import { installProcessGuards } from './process-guards.js';
import { SnapshotError } from './sources/catalog.js';
import { openSources, type Sources } from './sources/registry.js';
import { Store, StoreError } from './store/store.js';

/** Where `npm start -- --web` serves the page unless `--port` says otherwise. */
const DEFAULT_WEB_PORT = 3000;

/** The command line: `--web [--port N]` and `--as-moderator` for the sandbox; anything else is refused by name. */
function readArgs(npm: Pick<Config, 'npm_config_web' | 'npm_config_port'>): {
  help: boolean;
  sandbox: boolean;
  web: boolean;
  port: number;
  asModerator: boolean;
} {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      // `npm start` passes this: without a token it runs the sandbox, so a newcomer sees the bot
      // work. The production entry (`node dist/src/main.js`) has no such fallback: a service
      // started without its token must fail, not look healthy.
      'sandbox-without-token': { type: 'boolean', default: false },
      web: { type: 'boolean', default: false },
      port: { type: 'string' },
      'as-moderator': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  // `npm start --web --port=0` (no `--`): npm hands both on as npm_config_* variables.
  const web = values.web || npm.npm_config_web === true;
  const typedPort = values.port ?? (web ? npm.npm_config_port : undefined);
  const port = typedPort === undefined ? DEFAULT_WEB_PORT : Number(typedPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || typedPort === '')
    throw new Error(
      `--port takes a port number from 0 (any free one) to 65535, not "${typedPort}"`,
    );
  if (values.port !== undefined && !web) throw new Error('--port goes with --web');
  return {
    help: values.help,
    sandbox: values['sandbox-without-token'],
    web,
    port,
    asModerator: values['as-moderator'],
  };
}

const USAGE = `Usage: npm start [-- options]   (node dist/src/main.js [options] in production)

With DISCORD_TOKEN set (environment or .env), the bot connects to Discord. Without it, npm start runs
the sandbox: a local Discord emulator and the real bot, with you as a member.

Options:
  --web [--port N]   the sandbox in your browser, on http://127.0.0.1:N/ (default 3000; 0: any free port)
  --as-moderator     you are a moderator in the sandbox (for /faq-admin)
  --help, -h         this text

Configuration: see .env.example (every variable) and the Configuration table of docs/operating.md.
`;

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 5000;

async function main(): Promise<number> {
  let config: Config;
  try {
    config = configFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      return 1;
    }
    throw error;
  }
  let args: ReturnType<typeof readArgs>;
  try {
    args = readArgs(config);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const sandbox = !config.DISCORD_TOKEN;
  if (args.web && !sandbox) {
    process.stderr.write(
      `--web shows the local sandbox, which never runs with a token: unset DISCORD_TOKEN to use it.\n`,
    );
    return 1;
  }
  if (sandbox && !args.sandbox) {
    process.stderr.write(
      `DISCORD_TOKEN is not set: the bot cannot connect to Discord. Set it in the environment or .env (npm start without it runs the local sandbox).\n`,
    );
    return 1;
  }
  // In the sandbox a log line must not land inside the prompt: it is drawn again after the line.
  const prompt = { before: () => {}, after: () => {} };
  const logger = createLogger({
    level: config.LOG_LEVEL ?? (sandbox ? 'warn' : 'info'),
    secrets: [config.DISCORD_TOKEN],
    ...(sandbox ? { around: { before: () => prompt.before(), after: () => prompt.after() } } : {}),
  });
  installProcessGuards(logger);

  let library: FaqLibrary;
  try {
    library = await FaqLibrary.open(config.FAQ_DIR);
  } catch (error) {
    if (error instanceof FaqLoadError) {
      process.stderr.write(
        `${error.message}:\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`,
      );
      return 1;
    }
    throw error;
  }

  let sources: Sources;
  try {
    sources = await openSources(config, { given: [library] });
  } catch (error) {
    if (error instanceof SnapshotError) {
      process.stderr.write(
        `${error.message}\nRefresh it with its import (npm run faq -- --help lists them), or check ${error.variable ?? 'where it is configured'}.\n`,
      );
      return 1;
    }
    throw error;
  }

  if (sandbox) {
    // Loaded only here: the production bot never loads the emulator or the sandbox.
    const asModerator = args.asModerator || config.npm_config_as_moderator === true;
    if (args.web) {
      const { runWebSandbox } = await import('./web/run.js');
      await runWebSandbox({
        config,
        logger,
        library,
        sources,
        commands,
        asModerator,
        output: process.stdout,
        port: args.port,
      });
      return 0;
    }
    const { runSandbox } = await import('./sandbox/sandbox.js');
    await runSandbox({
      config,
      logger,
      aroundLogs: prompt,
      library,
      sources,
      commands,
      asModerator,
      input: process.stdin,
      output: process.stdout,
    });
    return 0;
  }
  let store: Store;
  try {
    store = Store.open(config.DATA_DIR);
  } catch (error) {
    // Each says what to do: check DATA_DIR, stop the other copy, or update the bot.
    if (error instanceof StoreError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  try {
    return await runDiscordBot(config, logger, library, sources, store, config.DISCORD_TOKEN!);
  } catch (error) {
    store.close();
    // Start-up refused on what the operator must change: said once, plainly.
    if (error instanceof StoreError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    // A token Discord refuses is the operator's to fix: one line that names it, no stack.
    const refused = tokenRefused(error);
    if (refused) {
      process.stderr.write(`${refused}\n`);
      return 1;
    }
    // discord.js's login errors do not carry the token, and the logger scrubs it anyway.
    logger.error({ err: error }, 'the bot stopped with an error');
    return 1;
  }
}

/** Why Discord refused DISCORD_TOKEN, when that is what stopped start-up (a 401, discord.js's TokenInvalid, a 4004 close). */
function tokenRefused(error: unknown): string | undefined {
  const e = error as { status?: number; code?: unknown; message?: string };
  const refused =
    e.status === 401 ||
    e.code === 'TokenInvalid' ||
    (e.message ?? '').includes(`(${GatewayCloseCodes.AuthenticationFailed} `);
  return refused
    ? 'Discord refused DISCORD_TOKEN: it was reset or revoked, or is not a bot token. Put the current one (Developer Portal → your app → Bot → Reset Token) in DISCORD_TOKEN.'
    : undefined;
}

/**
 * Runs until SIGINT/SIGTERM: then drains, disconnects, closes the database and exits 0. A second
 * signal exits at once. The signals are handled from the start, since logging in can take a while.
 * A gateway Discord closed for good is shut down the same way but exits 1, for the supervisor.
 */
async function runDiscordBot(
  config: Config,
  logger: Logger,
  library: FaqLibrary,
  sources: Sources,
  store: Store,
  token: string,
): Promise<number> {
  let bot: RunningBot | undefined = undefined;
  let stopping = false;
  let stopped!: (code: number) => void;
  const done = new Promise<number>((resolve) => (stopped = resolve));
  const finishStopping = () => {
    store.close();
    logger.info('stopped');
  };
  const shutDown = (running: RunningBot, exitCode: number) => {
    stopping = true;
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    void running
      .stop()
      .catch((error: unknown) => logger.warn({ err: error }, 'error while disconnecting'))
      .finally(() => {
        finishStopping();
        stopped(exitCode);
        // Everything that matters is closed. What may still hold the event loop is a request
        // Discord never answered (a blackholed connection, a long rate-limit wait) and its timers:
        // nothing waits for its answer any more, so it is dropped with the process.
        setImmediate(() => process.exit(exitCode));
      });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'shutting down');
    if (bot) return shutDown(bot, 0);
    // Still logging in: no interaction has been taken yet, so leaving now loses nothing.
    finishStopping();
    process.exit(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const running = await startBot({ config, logger, library, sources, store, commands, token });
  bot = running;
  void running.gatewayLost.then(() => {
    if (!stopping) shutDown(running, 1);
  });
  return done;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fal-faq-bot failed to start: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
