import { openAnswers } from '../ranking/open.js';
import type { Ranking } from '../ranking/ranking.js';
import { openSources } from '../sources/registry.js';
import { readTeachings } from '../store/store.js';
import { eachLine, faqDir, loadIndex, print, UsageError, type Subcommand } from './shared.js';
import { FaqLibrary } from '../sources/faq.js';

/**
 * `faq ask`: what /faq answers for free text, or what "Answer with FAQ" offers for a message,
 * ranked across every source as the bot ranks them (the mappings folder and the wordings taught in
 * DATA_DIR's database included).
 */
export const ask: Subcommand = {
  name: 'ask',
  usage: () => [
    'ask [--json] [--message] (--stdin | "<text>")',
    '                                        what /faq answers for free text: {"answer": id|null,',
    '                                        "suggestions": [ids]} (or, with --message, what "Answer',
    '                                        with FAQ" offers: {"suggestions": [ids]}, [] when nothing',
    '                                        fits); ids: FAQ bare, docs:<path>[#anchor], model:<endpoint>',
  ],
  options: {
    json: { type: 'boolean', default: false },
    stdin: { type: 'boolean', default: false },
    message: { type: 'boolean', default: false },
  },
  async run(values, rest, ctx) {
    if (!values.stdin && rest.length === 0)
      throw new UsageError('ask needs a question (or --stdin)');
    const dir = faqDir(values, ctx);
    // The folder's problems, each named, before anything else is opened; read once.
    const faq = await loadIndex(ctx, dir);
    const config = ctx.config();
    const sources = await openSources(config, {
      registry: ctx.sources,
      given: [FaqLibrary.of(dir, faq.entries)],
    });
    const teachings = readTeachings(config.DATA_DIR);
    const { ranking } = await openAnswers(config, sources, {
      teachingVersion: 0,
      teachings: () => teachings,
    });
    const json = values.json === true;
    const answer = (line: string) => {
      const text = line.replaceAll('\\n', '\n');
      return values.message ? askMessage(ranking, text, json) : askTopic(ranking, text, json);
    };
    if (values.stdin) return eachLine(ctx, answer);
    print(ctx, answer(rest.join(' ')));
    return 0;
  },
};

/**
 * What `/faq topic:<text>` submitted without picking does: `answer` is the document whose card it
 * posts (null for the private reply); `suggestions` the ranking best first (the answer first when
 * there is one, else the "Did you mean" lines; none when nothing is close).
 */
export function askTopic(ranking: Ranking, text: string, json: boolean): string {
  const resolution = ranking.resolve(text);
  const result =
    resolution.kind === 'answer'
      ? {
          answer: resolution.hit.id,
          suggestions: [resolution.hit, ...resolution.others].map((h) => h.id),
        }
      : { answer: null, suggestions: resolution.suggestions.map((h) => h.id) };
  if (json) return JSON.stringify(result);
  if (resolution.kind === 'answer')
    return `answers with: ${resolution.hit.source.title(resolution.hit.document)} [${resolution.hit.id}]`;
  return result.suggestions.length
    ? `no confident answer; did you mean: ${result.suggestions.join(', ')}`
    : 'no confident answer; nothing is close (the reply says where to ask)';
}

/** What "Answer with FAQ" offers for one message: the menu's ids, best first. */
export function askMessage(ranking: Ranking, text: string, json: boolean): string {
  const menu = ranking.menu(text);
  const suggestions = menu.kind === 'menu' ? menu.hits.map((h) => h.id) : [];
  if (json) return JSON.stringify({ suggestions });
  if (menu.kind === 'menu') return `offers: ${suggestions.join(', ')}`;
  return menu.kind === 'support'
    ? `nothing to offer: "${menu.matched}" needs fal's team (the reply says where to ask)`
    : 'nothing fits (the reply says so and where to ask)';
}
