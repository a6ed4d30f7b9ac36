import type { AnyCommand } from '../src/bot/command.js';
import { answerWithFaq } from './answer-with-faq.js';
import { docs } from './docs.js';
import { faqAdmin } from './faq-admin.js';
import { faq } from './faq.js';
import { model } from './model.js';

/** Every command the bot registers and serves. */
export const commands: AnyCommand[] = [faq, docs, model, faqAdmin, answerWithFaq];
