import { ImportError } from './errors.js';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FETCH_TIMEOUT_MS, readSource } from './source.js';
import { writeFileAtomic } from './write.js';
import {
  documentProblem,
  formatSnapshot,
  readSnapshot,
  SNAPSHOT_LIMITS,
  type Snapshot,
  type SnapshotKind,
} from '../sources/catalog.js';
import { DOCS, type DocsPage } from '../sources/docs.js';
import { MODELS, type ModelEndpoint } from '../sources/models.js';
import { diffDocuments, type Changes } from '../sources/source.js';
import { DOCS_ROOT, listedPages, pageHeadings } from './llms-txt.js';

/** What an import prints, and its exit code: with `check`, 1 when the snapshot has drifted. */
export interface ImportReport {
  lines: string[];
  code: number;
}

/**
 * Compares what was read with the snapshot in `file` and writes it (atomically) unless `check`.
 * A snapshot that is missing counts as empty (a first import).
 */
async function finish<D extends { id: string }>(
  kind: SnapshotKind<D>,
  file: string,
  read: Snapshot<D>,
  options: { check: boolean; allowShrink?: boolean; baseline?: string },
  notes: string[] = [],
  /** Where a document was read from, for what is said of it (`llms.txt:42`). */
  where: (document: D) => string = (d) => d.id,
): Promise<ImportReport> {
  const { check } = options;
  let before: D[] = [];
  try {
    before = (await readSnapshot(options.baseline ?? file, kind)).documents;
  } catch {
    // A first import, or a broken snapshot: what is read replaces it either way.
  }
  // What the bot would refuse is not written: each such document is skipped, saying why.
  const skipped: string[] = [];
  const seen = new Set<string>();
  const documents = read.documents.filter((d) => {
    const problem =
      documentProblem(kind, d) ?? (seen.has(d.id) ? `id: ${d.id} is listed twice` : undefined);
    seen.add(d.id);
    if (problem) skipped.push(`${where(d)}: ${problem}`);
    return !problem;
  });
  if (skipped.length > 0)
    notes.push(
      `  skipped ${skipped.length} the bot would refuse: ${skipped.slice(0, 5).join('; ')}${skipped.length > 5 ? `; …and ${skipped.length - 5} more` : ''}`,
    );
  if (documents.length > SNAPSHOT_LIMITS.documents)
    throw new ImportError(
      `${read.source}: ${documents.length} ${kind.name} documents; a snapshot holds at most ${SNAPSHOT_LIMITS.documents}, so ${file} is left as it was`,
    );
  if (documents.length === 0)
    throw new ImportError(
      `${read.source}: nothing the bot can serve (${skipped.length} skipped); ${file} is left as it was`,
    );
  // A source that lost most of its documents is more likely broken than shrunk.
  if (!check && !options.allowShrink && documents.length < before.length / 2)
    return {
      lines: [
        `${kind.name}: ${documents.length} from ${read.source}, where ${file} has ${before.length}: refused, ${file} is left as it was.`,
        ...notes,
        'If the source really shrank, run the import again with --allow-shrink.',
      ],
      code: 1,
    };
  const fresh = { ...read, documents };
  const changes = diffDocuments(before, fresh.documents);
  const drift = changes.added.length + changes.changed.length + changes.removed.length > 0;
  const lines = [
    `${kind.name}: ${fresh.documents.length} from ${fresh.source}`,
    ...describe(changes),
    ...notes,
  ];
  if (check) {
    lines.push(
      drift ? `${file} has drifted: run the import without --check` : `${file} is up to date.`,
    );
    return { lines, code: drift ? 1 : 0 };
  }
  await writeFileAtomic(file, formatSnapshot(fresh));
  lines.push(drift ? `wrote ${file}` : `${file} is up to date.`);
  return { lines, code: 0 };
}

function describe(changes: Changes): string[] {
  const list = (label: string, ids: string[]) =>
    `  ${label.padEnd(8)} ${ids.length}${ids.length ? `: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? `, …and ${ids.length - 10} more` : ''}` : ''}`;
  return [
    list('added', changes.added),
    list('changed', changes.changed),
    list('removed', changes.removed),
  ];
}

/** Pages fetched at once with `--pages`: polite to the docs site, quick enough for 200 pages. */
const PAGE_FETCHES_AT_ONCE = 4;
/** What `--pages` reads at most: per page (its headings are all it needs), and in all. */
export const PAGE_MAX_BYTES = 1024 * 1024;
export const PAGES_MAX_BYTES = 64 * 1024 * 1024;
/** How long `--pages` may take in all; pages not read by then keep their llms.txt entry. */
export const PAGES_DEADLINE_MS = 180_000;

/**
 * `faq import-docs <file-or-url> [--check] [--pages]`: the docs index from an llms.txt (the live
 * https://fal.ai/docs/llms.txt in production). With `pages`, each page's Markdown (`<page>.md`) is
 * read too and its section headings indexed; a page that cannot be read keeps its llms.txt entry.
 */
export async function importDocs(options: {
  location: string;
  file: string;
  check: boolean;
  pages: boolean;
  /** Write a result that has lost most of the documents (refused without). */
  allowShrink?: boolean;
  /** What the result is compared with, when not `file` (a refresh: the snapshot served now). */
  baseline?: string;
  /** How long reading the pages may take in all (default PAGES_DEADLINE_MS). */
  pagesDeadlineMs?: number;
}): Promise<ImportReport> {
  const text = await readSource(options.location);
  const lines = new Map(listedPages(text).map(({ page, line }) => [page, line]));
  const listed = [...lines.keys()];
  if (listed.length === 0)
    throw new ImportError(`${options.location}: no page links found (is it an llms.txt?)`);
  const notes: string[] = [];
  // The docs index lists the docs: a page elsewhere is neither fetched nor served as a docs page.
  const pages = listed.filter((page) => page.url.startsWith(DOCS_ROOT));
  const elsewhere = listed.filter((page) => !pages.includes(page));
  if (elsewhere.length > 0)
    notes.push(
      `  skipped ${elsewhere.length} not on the docs' own site (${DOCS_ROOT}): ${elsewhere
        .slice(0, 3)
        .map((p) => p.url)
        .join(', ')}`,
    );
  const unread: string[] = [];
  if (options.pages) {
    let next = 0;
    let bytes = 0;
    const deadline = performance.now() + (options.pagesDeadlineMs ?? PAGES_DEADLINE_MS);
    let stopped: string | undefined;
    const worker = async () => {
      while (next < pages.length) {
        // The run as a whole is bounded too: 193 pages that never answer must not take 12 minutes.
        const left = deadline - performance.now();
        if (left <= 0)
          stopped ??= `the run's ${(options.pagesDeadlineMs ?? PAGES_DEADLINE_MS) / 1000} s were up`;
        if (bytes > PAGES_MAX_BYTES) stopped ??= `the run read ${PAGES_MAX_BYTES} bytes`;
        const page = pages[next++]!;
        if (stopped) {
          unread.push(`${page.url} (not read: ${stopped})`);
          continue;
        }
        try {
          const text = await readSource(markdownOf(page, options.location), {
            maxBytes: PAGE_MAX_BYTES,
            timeoutMs: Math.min(FETCH_TIMEOUT_MS, Math.max(1, Math.ceil(left))),
          });
          bytes += text.length;
          page.headings = pageHeadings(text);
        } catch (error) {
          unread.push(`${page.url} (${(error as Error).message})`);
        }
      }
    };
    await Promise.all(Array.from({ length: PAGE_FETCHES_AT_ONCE }, worker));
    notes.push(`  sections read for ${pages.length - unread.length} of ${pages.length} pages`);
    if (unread.length > 0)
      notes.push(
        `  kept as llms.txt lists them (their Markdown could not be read): ${unread.length}, e.g. ${unread.slice(0, 3).join('; ')}`,
      );
  }
  return finish<DocsPage>(
    DOCS,
    options.file,
    { source: options.location, documents: pages },
    options,
    notes,
    (page) => `${options.location}:${lines.get(page) ?? '?'}`,
  );
}

/**
 * Where a page's Markdown is: `<its path below the docs root>.md` beside the llms.txt, on the
 * index's own host (https://fal.ai/docs/llms.txt: https://fal.ai/docs/<path>.md); beside a local
 * llms.txt (tests and offline runs), `pages/<path>.md`.
 */
function markdownOf(page: DocsPage, location: string): string {
  const key = page.url.slice(DOCS_ROOT.length);
  return /^https?:\/\//i.test(location)
    ? new URL(`${key}.md`, location).href
    : path.join(path.dirname(location), 'pages', `${key}.md`);
}

/** The installed @fal-ai/client: its version and its endpoint types. */
export async function installedClient(): Promise<{ version: string; endpoints: string }> {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve('@fal-ai/client'));
  // The package exports no ./package.json: walk up to it.
  for (;;) {
    try {
      const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === '@fal-ai/client')
        return {
          version: pkg.version ?? '?',
          endpoints: path.join(dir, 'src', 'types', 'endpoints.d.ts'),
        };
    } catch {
      // not this folder
    }
    const up = path.dirname(dir);
    if (up === dir) throw new ImportError('@fal-ai/client is not installed: run npm ci');
    dir = up;
  }
}

/** `faq import-models [--check]`: the model catalog from the installed @fal-ai/client. */
export async function importModels(options: {
  file: string;
  check: boolean;
  allowShrink?: boolean;
  baseline?: string;
  /** For tests: an endpoints.d.ts other than the installed one. */
  endpoints?: string;
}): Promise<ImportReport> {
  // TypeScript is a development tool: loaded only here, never by the bot.
  const { readEndpoints } = await import('./read-endpoints.js');
  const client = options.endpoints
    ? { version: 'file', endpoints: options.endpoints }
    : await installedClient();
  const models = readEndpoints(await readFile(client.endpoints, 'utf8'), client.endpoints);
  if (models.length === 0)
    throw new ImportError(`${client.endpoints}: no endpoints in EndpointTypeMap`);
  const source = options.endpoints ? options.endpoints : `@fal-ai/client@${client.version}`;
  return finish<ModelEndpoint>(MODELS, options.file, { source, documents: models }, options);
}
