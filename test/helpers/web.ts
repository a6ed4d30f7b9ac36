import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { commands } from '../../commands/index.js';
import type { AnyCommand } from '../../src/bot/command.js';
import { loadConfig } from '../../src/config.js';
import { FaqLibrary } from '../../src/sources/faq.js';
import { createLogger } from '../../src/logger.js';
import { startSandboxBot } from '../../src/harness/sandbox-bot.js';
import { openSources } from '../../src/sources/registry.js';
import { WebSession } from '../../src/web/session.js';
import { startWebServer } from '../../src/web/server.js';
import { CapturedLog, SHIPPED_FAQ } from './local.js';
import { ROOT } from './run.js';

/** Debian's chromium (`apt-get install chromium`, as `.ci/run` does); CHROMIUM_PATH for another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** CI must run the browser tests; elsewhere they wait for chromium to be installed. */
export const BROWSER_TESTS = existsSync(CHROMIUM) || process.env.CI === 'true';

/** Where tests leave what a person may want to look at (screenshots). */
export const TEST_OUTPUT = path.join(ROOT, 'test-output');

/**
 * Headless chromium as this machine lets it run: no sandbox (root), and none of its calls home,
 * which the closed network refuses by the dozen.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WebSandbox {
  url: string;
  session: WebSession;
  library: FaqLibrary;
  log: CapturedLog;
  close(): Promise<void>;
}

/** What `npm start -- --web --port 0` runs, in this process, over `faqDir`. */
export async function startWebSandbox(
  options: {
    faqDir?: string;
    asModerator?: boolean;
    extraCommands?: readonly AnyCommand[];
    /** Tighter limits for the page's server. */
    limits?: Parameters<typeof startWebServer>[0]['limits'];
  } = {},
): Promise<WebSandbox> {
  const log = new CapturedLog();
  const config = loadConfig({ FAQ_DIR: options.faqDir ?? SHIPPED_FAQ, LOG_LEVEL: 'warn' });
  const logger = createLogger({ level: 'warn', destination: log, pretty: false });
  const library = await FaqLibrary.open(config.FAQ_DIR);
  const sources = await openSources(config, { given: [library] });
  const sandbox = await startSandboxBot(
    {
      config,
      logger,
      library,
      sources,
      commands: [...commands, ...(options.extraCommands ?? [])],
      asModerator: options.asModerator ?? false,
    },
    () => {},
  );
  const session = new WebSession(sandbox.you, library);
  const server = await startWebServer({ session, port: 0, logger, limits: options.limits });
  return {
    url: server.url,
    session,
    library,
    log,
    async close() {
      await server.close();
      session.close();
      await sandbox.close();
    },
  };
}

export async function screenshotPath(name: string): Promise<string> {
  await mkdir(TEST_OUTPUT, { recursive: true });
  return path.join(TEST_OUTPUT, name);
}
