import type { Command } from '../src/bot/command.js';
import { faq } from './faq.js';

/** Every command the bot registers and serves. */
export const commands: Command[] = [faq];
