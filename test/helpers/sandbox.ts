import { PassThrough, Readable } from 'node:stream';
import { commandsFor } from '../../commands/index.js';
import { ADMIN_SUBCOMMANDS } from '../../commands/faq-admin/index.js';
import type { AdminSubcommand } from '../../commands/faq-admin/subcommand.js';
import type { AnyCommand } from '../../src/bot/command.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { runSandbox } from '../../src/sandbox/sandbox.js';
import { FaqLibrary } from '../../src/sources/faq.js';
import { openSources, SOURCES } from '../../src/sources/registry.js';
import type { AnySource } from '../../src/sources/source.js';
import { CapturedLog, SHIPPED_FAQ } from './local.js';

/**
 * The terminal sandbox over the shipped FAQ with `lines` piped in: what it prints. The sources,
 * moderator subcommands and extra commands are the registry's unless given.
 */
export async function pipeIntoSandbox(
  lines: string,
  options: {
    asModerator?: boolean;
    registry?: readonly AnySource[];
    admin?: readonly AdminSubcommand[];
    extra?: readonly AnyCommand[];
  } = {},
): Promise<string> {
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += String(c)));
  const config = loadConfig({ FAQ_DIR: SHIPPED_FAQ });
  const library = await FaqLibrary.open(SHIPPED_FAQ);
  const registry = options.registry ?? SOURCES;
  await runSandbox({
    config,
    logger: createLogger({ level: 'warn', destination: new CapturedLog() }),
    library,
    sources: await openSources(config, { registry, given: [library] }),
    commands: [
      ...commandsFor(registry, options.admin ?? ADMIN_SUBCOMMANDS),
      ...(options.extra ?? []),
    ],
    asModerator: options.asModerator ?? false,
    input: Readable.from([lines]),
    output,
  });
  return text;
}
