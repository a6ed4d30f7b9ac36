import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ConfigError, SNOWFLAKE } from '../config.js';
import { configFromEnvironment } from '../env.js';
import { cardToText } from '../cards/terminal.js';
import { renderCard } from '../cards/render.js';
import { loadFaqDir } from '../faq/load.js';
import { formatProblem, type Problem } from '../faq/problem.js';
import { ImportError } from '../importer/errors.js';
import { FaqIndex } from '../search/index.js';
import { answerMenu, resolveTopic } from '../search/resolve.js';
import { Catalog, DOCS, MODELS, SnapshotError, type SourceKind } from '../sources/catalog.js';

const USAGE = `Usage: npm run --silent faq -- <command> [options]

Commands:
  search [--json] [--limit N] [--source docs|models] "<query>"
                                          best matches, best first (the FAQ without --source)
  search [--json] [--source docs|models] --stdin
                                          one query a line in, one JSON array a line out
  ask [--json] [--message] (--stdin | "<text>")
                                          what /faq answers for free text (or, with --message,
                                          what "Answer with FAQ" offers for a message)
  validate                                check every entry; exit 1 listing each problem
  format [--check]                        rewrite every entry in the canonical form (keywords on one
                                          line, fields in order); --check: exit 1 listing those that differ
  card <id> [--json] [--mention USER_ID] [--private] [--source docs|models]
                                          the message the bot sends for an entry, page or model
  import-docs <file-or-url> [--check] [--pages]
                                          refresh the docs index from an llms.txt
  import-models [--check]                 refresh the model catalog from @fal-ai/client
  import <file-or-url> [--base URL] [--page-url URL] [--check] [--prune]
                                          refresh entries from the fal docs FAQ

Every command takes --dir DIR (default: FAQ_DIR, else faq-data). --source reads DOCS_SNAPSHOT
(snapshots/docs.json) or MODELS_SNAPSHOT (snapshots/models.json).`;

class UsageError extends Error {}

async function loadIndex(dir: string): Promise<FaqIndex> {
  const { entries, problems } = await loadFaqDir(dir);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    throw new ExitError(
      1,
      `${problems.length} problem(s) in ${dir}; run \`npm run faq -- validate\``,
    );
  }
  return new FaqIndex(entries);
}

class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function searchJson(index: FaqIndex, query: string, limit: number): string {
  return JSON.stringify(
    index.search(query, limit).map(({ entry, score }) => ({
      id: entry.id,
      question: entry.question,
      url: entry.url,
      score: Math.round(score * 10_000) / 10_000,
    })),
  );
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      json: { type: 'boolean', default: false },
      stdin: { type: 'boolean', default: false },
      limit: { type: 'string' },
      mention: { type: 'string' },
      private: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      message: { type: 'boolean', default: false },
      base: { type: 'string' },
      'page-url': { type: 'string' },
      check: { type: 'boolean' },
      prune: { type: 'boolean' },
      source: { type: 'string' },
      pages: { type: 'boolean', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const config = configFromEnvironment();
  const dir = values.dir ?? config.FAQ_DIR;
  const limit = values.limit === undefined ? 25 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 25)
    throw new UsageError('--limit takes a whole number from 1 to 25');

  const source = values.source === undefined ? undefined : sourceNamed(values.source);
  const snapshotOf = (kind: SourceKind<{ id: string }>) =>
    kind === DOCS ? config.DOCS_SNAPSHOT : config.MODELS_SNAPSHOT;

  switch (command) {
    case 'search': {
      if (source) {
        const catalog = await Catalog.open(source, snapshotOf(source));
        const search = (q: string) => JSON.stringify(sourceResults(catalog, q, limit));
        if (values.stdin) {
          for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity }))
            process.stdout.write(`${search(line)}\n`);
          return 0;
        }
        if (rest.length === 0) throw new UsageError('search needs a query (or --stdin)');
        const hits = sourceResults(catalog, rest.join(' '), limit);
        process.stdout.write(
          `${values.json ? JSON.stringify(hits) : hits.map((h, i) => `${String(i + 1).padStart(2)}. ${h.score.toFixed(3)}  ${h.title}  [${h.id}]`).join('\n') || '(no match)'}\n`,
        );
        return 0;
      }
      const index = await loadIndex(dir);
      if (values.stdin) {
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
          process.stdout.write(
            `${values.json ? searchJson(index, line, limit) : humanResults(index, line, limit)}\n`,
          );
        }
        return 0;
      }
      if (rest.length === 0) throw new UsageError('search needs a query (or --stdin)');
      const query = rest.join(' ');
      process.stdout.write(
        `${values.json ? searchJson(index, query, limit) : humanResults(index, query, limit)}\n`,
      );
      return 0;
    }
    case 'ask': {
      const index = await loadIndex(dir);
      const answer = (line: string) =>
        values.message ? askMessage(index, line, values.json) : askTopic(index, line, values.json);
      if (values.stdin) {
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity }))
          process.stdout.write(`${answer(line)}\n`);
        return 0;
      }
      if (rest.length === 0) throw new UsageError('ask needs a question (or --stdin)');
      process.stdout.write(`${answer(rest.join(' '))}\n`);
      return 0;
    }
    case 'format': {
      const { entries, problems } = await loadFaqDir(dir);
      if (problems.length > 0) return reportProblems(problems, dir, ': fix them first');
      const { entryToFile } = await import('../importer/serialize.js');
      const { entryPath } = await import('../importer/merge.js');
      const { writeFileAtomic } = await import('../importer/write.js');
      const differ: string[] = [];
      for (const entry of entries) {
        const file = entryPath(dir, entry.id);
        const canonical = entryToFile(entry);
        if ((await readFile(file, 'utf8')) === canonical) continue;
        differ.push(file);
        if (!values.check) await writeFileAtomic(file, canonical);
      }
      if (values.check) {
        for (const file of differ) process.stdout.write(`${file}: not in the canonical form\n`);
        process.stdout.write(
          differ.length
            ? `${differ.length} file(s) to format: run faq format\n`
            : `All ${entries.length} entries are formatted.\n`,
        );
        return differ.length ? 1 : 0;
      }
      process.stdout.write(`Formatted ${differ.length} of ${entries.length} entries in ${dir}.\n`);
      return 0;
    }
    case 'validate': {
      const { entries, problems } = await loadFaqDir(dir);
      if (problems.length > 0) return reportProblems(problems, dir);
      const pinned = entries.filter((e) => e.pinned).length;
      const categories = new Set(entries.map((e) => e.category)).size;
      process.stdout.write(
        `OK: ${entries.length} entries in ${dir} (${pinned} pinned, ${categories} categories)\n`,
      );
      return 0;
    }
    case 'card': {
      const [id] = rest;
      if (!id) throw new UsageError('card needs an entry id');
      if (values.mention !== undefined && !SNOWFLAKE.test(values.mention))
        throw new UsageError('--mention takes a Discord user id (17 to 20 digits)');
      if (source) {
        const catalog = await Catalog.open(source, snapshotOf(source));
        const document = catalog.get(id) ?? catalog.get(`${source.prefix}${id}`);
        if (!document) {
          const near = catalog.index.search(id, 3).map((h) => h.entry.id);
          throw new ExitError(
            1,
            `No ${source.name} entry "${id}".${near.length ? ` Did you mean: ${near.join(', ')}?` : ''}`,
          );
        }
        const body = source.card(document, {
          mentionUserId: values.mention,
          ephemeral: values.private,
          feedback: config.FEEDBACK_BUTTONS,
        });
        process.stdout.write(`${values.json ? JSON.stringify(body) : cardToText(body)}\n`);
        return 0;
      }
      const index = await loadIndex(dir);
      const entry = index.get(id);
      if (!entry) {
        const near = index.search(id, 3).map((h) => h.entry.id);
        throw new ExitError(
          1,
          `No entry "${id}" in ${dir}.${near.length ? ` Did you mean: ${near.join(', ')}?` : ''}`,
        );
      }
      const body = renderCard(entry, {
        mentionUserId: values.mention,
        ephemeral: values.private,
        feedback: config.FEEDBACK_BUTTONS,
      });
      process.stdout.write(`${values.json ? JSON.stringify(body) : cardToText(body)}\n`);
      return 0;
    }
    case 'import': {
      if (rest.length !== 1) throw new UsageError('import takes one file or URL');
      const { runImport } = await import('../importer/command.js');
      return runImport(rest[0]!, {
        dir,
        base: values.base,
        pageUrl: values['page-url'],
        check: values.check,
        prune: values.prune,
      });
    }
    case 'import-docs': {
      if (rest.length !== 1) throw new UsageError('import-docs takes one llms.txt file or URL');
      const { importDocs } = await import('../sources/import.js');
      const report = await importDocs({
        location: rest[0]!,
        file: config.DOCS_SNAPSHOT,
        check: values.check ?? false,
        pages: values.pages,
      });
      process.stdout.write(`${report.lines.join('\n')}\n`);
      return report.code;
    }
    case 'import-models': {
      if (rest.length > 0)
        throw new UsageError('import-models reads the installed @fal-ai/client; it takes no file');
      const { importModels } = await import('../sources/import.js');
      const report = await importModels({
        file: config.MODELS_SNAPSHOT,
        check: values.check ?? false,
      });
      process.stdout.write(`${report.lines.join('\n')}\n`);
      return report.code;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

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

/** Every problem a line on stderr, then how many; the exit code for it. */
function reportProblems(problems: Problem[], dir: string, then = ''): number {
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  process.stderr.write(
    `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}${then}\n`,
  );
  return 1;
}

function sourceNamed(name: string): SourceKind<{ id: string }> {
  const kind = [DOCS, MODELS].find((k) => k.name === name);
  if (!kind) throw new UsageError(`--source takes docs or models, not "${name}"`);
  return kind as unknown as SourceKind<{ id: string }>;
}

/** The contract: best first, at most `limit`, each `{id, title, url, score}`. */
function sourceResults(catalog: Catalog<{ id: string }>, query: string, limit: number) {
  const { kind } = catalog;
  return catalog.index.search(query, limit).map(({ entry, score }) => ({
    id: entry.id,
    title: kind.title(entry),
    url: kind.url(entry),
    score: Math.round(score * 10_000) / 10_000,
  }));
}

function humanResults(index: FaqIndex, query: string, limit: number): string {
  const hits = index.search(query, limit);
  if (hits.length === 0) return `(no match for "${query}")`;
  return hits
    .map(
      (h, i) =>
        `${String(i + 1).padStart(2)}. ${h.score.toFixed(3)}  ${h.entry.question}  [${h.entry.id}]`,
    )
    .join('\n');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof ConfigError ||
      error instanceof ExitError ||
      error instanceof ImportError ||
      error instanceof SnapshotError
    ) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error instanceof ExitError ? error.code : 1;
    } else if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`faq: ${(error as Error).message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      // Some errors carry an empty stack (vfile's messages): print what they say instead.
      process.stderr.write(`faq: ${(error as Error).stack || String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
