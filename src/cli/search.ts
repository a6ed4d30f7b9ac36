import type { SearchIndex } from '../search/index.js';
import { FAQ, type FaqIndex } from '../sources/faq.js';
import type { AnySource } from '../sources/source.js';
import {
  eachLine,
  openSource,
  print,
  rounded,
  sourceNamed,
  UsageError,
  type Subcommand,
} from './shared.js';

const sourceNames = (sources: readonly AnySource[]) => sources.map((s) => s.name).join('|');

/** `faq search`: the best matches of a query in one source, best first. */
export const search: Subcommand = {
  name: 'search',
  usage: (sources) => [
    `search [--json] [--limit N] [--source ${sourceNames(sources)}] "<query>"`,
    '                                        best matches, best first (the FAQ without --source)',
    `search [--json] [--source ${sourceNames(sources)}] --stdin`,
    '                                        one query a line in, one JSON array a line out',
  ],
  options: {
    json: { type: 'boolean', default: false },
    stdin: { type: 'boolean', default: false },
    limit: { type: 'string' },
    source: { type: 'string' },
  },
  async run(values, rest, ctx) {
    const limit = values.limit === undefined ? 25 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 25)
      throw new UsageError('--limit takes a whole number from 1 to 25');
    const source = sourceNamed(ctx, values.source as string | undefined);
    if (!values.stdin && rest.length === 0)
      throw new UsageError('search needs a query (or --stdin)');
    const { index } = await openSource(ctx, source, values);
    // The FAQ's contract predates the others': its hits name their question.
    const results = (query: string) =>
      source === FAQ
        ? faqResults(index as FaqIndex, query, limit)
        : sourceResults(source, index, query, limit);
    if (values.stdin) return eachLine(ctx, (line) => JSON.stringify(results(line)));
    const query = rest.join(' ');
    const hits = results(query);
    if (values.json) print(ctx, JSON.stringify(hits));
    else
      print(
        ctx,
        hits
          .map(
            (h, i) =>
              `${String(i + 1).padStart(2)}. ${h.score.toFixed(3)}  ${'question' in h ? h.question : h.title}  [${h.id}]`,
          )
          .join('\n') || (source === FAQ ? `(no match for "${query}")` : '(no match)'),
      );
    return 0;
  },
};

/** The FAQ's contract: best first, at most `limit`, each `{id, question, url, score}`. */
function faqResults(index: FaqIndex, query: string, limit: number) {
  return index.search(query, limit).map(({ entry, score }) => ({
    id: entry.id,
    question: entry.question,
    url: entry.url,
    score: rounded(score),
  }));
}

/** Every other source's: best first, at most `limit`, each `{id, title, url, score}`. */
function sourceResults(
  source: AnySource,
  index: SearchIndex<{ id: string }>,
  query: string,
  limit: number,
) {
  return index.search(query, limit).map(({ entry, score }) => ({
    id: entry.id,
    title: source.title(entry),
    url: source.url(entry),
    score: rounded(score),
  }));
}
