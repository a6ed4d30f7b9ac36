import path from 'node:path';
import { Writable } from 'node:stream';
import { commands } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { FaqLibrary } from '../../src/faq/library.js';
import { createLogger } from '../../src/logger.js';
import { startLocalBot, type LocalBot } from '../../src/emulator/local-bot.js';

export const SHIPPED_FAQ = path.resolve(import.meta.dirname, '../../faq-data');

/** Log lines the bot wrote during a test, parsed. */
export class CapturedLog extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}

export async function startTestBot(
  options: { faqDir?: string; env?: Record<string, string> } = {},
): Promise<LocalBot & { log: CapturedLog; library: FaqLibrary }> {
  const log = new CapturedLog();
  const config = loadConfig({
    FAQ_DIR: options.faqDir ?? SHIPPED_FAQ,
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const logger = createLogger({
    level: config.LOG_LEVEL ?? 'debug',
    destination: log,
    pretty: false,
  });
  const library = await FaqLibrary.open(config.FAQ_DIR);
  const local = await startLocalBot({ config, logger, library, commands });
  return Object.assign(local, { log, library });
}
