import type { AnyCommand } from '../src/bot/command.js';
import { answerWithFaq } from './answer-with-faq.js';
import { faqAdmin } from './faq-admin.js';
import { faq } from './faq.js';

/** Every command the bot registers and serves. */
export const commands: AnyCommand[] = [faq, faqAdmin, answerWithFaq];
