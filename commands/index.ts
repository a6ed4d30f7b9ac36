import type { AnyCommand } from '../src/bot/command.js';
import { sourceCommand } from '../src/bot/source-command.js';
import { SOURCES } from '../src/sources/registry.js';
import type { AnySource } from '../src/sources/source.js';
import { answerWithFaq } from './answer-with-faq.js';
import { faqAdmin } from './faq-admin/index.js';
import { faq } from './faq.js';

/** The commands for a set of sources: /faq, each source's own command (/docs, /model), the moderator tools and the message menu. */
export function commandsFor(sources: readonly AnySource[]): AnyCommand[] {
  return [
    faq,
    ...sources.flatMap((source) => (source.command ? [sourceCommand(source)] : [])),
    faqAdmin,
    answerWithFaq,
  ];
}

/** Every command the bot registers and serves. */
export const commands: AnyCommand[] = commandsFor(SOURCES);
