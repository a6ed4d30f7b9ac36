import type { AnyCommand } from '../src/bot/command.js';
import { sourceCommand } from '../src/bot/source-command.js';
import { MODELS } from '../src/sources/models.js';
import { SOURCES } from '../src/sources/registry.js';
import type { AnySource } from '../src/sources/source.js';
import { answerWithFaq } from './answer-with-faq.js';
import { checkFalRequest } from './check-request.js';
import { withRequestCheck } from './model-check.js';
import { ADMIN_SUBCOMMANDS, adminCommand } from './faq-admin/index.js';
import type { AdminSubcommand } from './faq-admin/subcommand.js';
import { faq } from './faq.js';

/**
 * The commands for a set of sources and moderator tools: /faq, each source's own command (/docs,
 * /model, which also checks a fal request), /faq-admin with its subcommands, and the message menus.
 */
export function commandsFor(
  sources: readonly AnySource[],
  admin: readonly AdminSubcommand[] = ADMIN_SUBCOMMANDS,
): AnyCommand[] {
  return [
    faq,
    ...sources.flatMap((source) =>
      !source.command
        ? []
        : source === MODELS
          ? [withRequestCheck(sourceCommand(source))]
          : [sourceCommand(source)],
    ),
    adminCommand(admin),
    answerWithFaq,
    ...(sources.includes(MODELS) ? [checkFalRequest] : []),
  ];
}

/** Every command the bot registers and serves. */
export const commands: AnyCommand[] = commandsFor(SOURCES);
