import { answerMenu, resolveTopic } from '../search/resolve.js';
import type { FaqIndex } from '../sources/faq.js';
import { eachLine, faqDir, loadIndex, print, UsageError, type Subcommand } from './shared.js';

/** `faq ask`: what /faq answers for free text, or what "Answer with FAQ" offers for a message. */
export const ask: Subcommand = {
  name: 'ask',
  usage: () => [
    'ask [--json] [--message] (--stdin | "<text>")',
    '                                        what /faq answers for free text (or, with --message,',
    '                                        what "Answer with FAQ" offers for a message)',
  ],
  options: {
    json: { type: 'boolean', default: false },
    stdin: { type: 'boolean', default: false },
    message: { type: 'boolean', default: false },
  },
  async run(values, rest, ctx) {
    if (!values.stdin && rest.length === 0)
      throw new UsageError('ask needs a question (or --stdin)');
    const index = await loadIndex(ctx, faqDir(values, ctx));
    const json = values.json === true;
    const answer = (line: string) =>
      values.message ? askMessage(index, line, json) : askTopic(index, line, json);
    if (values.stdin) return eachLine(ctx, answer);
    print(ctx, answer(rest.join(' ')));
    return 0;
  },
};

/**
 * What `/faq topic:<text>` submitted without picking does: `answer` is the entry whose card it
 * posts, or null for the private reply, whose "Did you mean" lists `suggestions` (none when it
 * falls back to the popular questions).
 */
function askTopic(index: FaqIndex, text: string, json: boolean): string {
  const resolution = resolveTopic(index, text);
  const result =
    resolution.kind === 'entry'
      ? { answer: resolution.entry.id, suggestions: [] as string[] }
      : { answer: null, suggestions: resolution.suggestions.map((h) => h.entry.id) };
  if (json) return JSON.stringify(result);
  if (result.answer)
    return `answers with: ${index.get(result.answer)!.question} [${result.answer}]`;
  return result.suggestions.length
    ? `no confident answer; did you mean: ${result.suggestions.join(', ')}`
    : 'no confident answer; the popular questions are offered';
}

/** What "Answer with FAQ" offers for one message (a literal two-character \n is a newline). */
function askMessage(index: FaqIndex, line: string, json: boolean): string {
  const suggestions = answerMenu(index, line.replaceAll('\\n', '\n')).map((h) => h.entry.id);
  if (json) return JSON.stringify({ suggestions });
  return suggestions.length ? `offers: ${suggestions.join(', ')}` : 'No FAQ entry matches';
}
