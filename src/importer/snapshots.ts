import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readSource } from './source.js';
import { writeFileAtomic } from './write.js';
import {
  formatSnapshot,
  readSnapshot,
  type Snapshot,
  type SnapshotKind,
} from '../sources/catalog.js';
import { DOCS, type DocsPage } from '../sources/docs.js';
import { MODELS, type ModelEndpoint } from '../sources/models.js';
import { diffDocuments, type Changes } from '../sources/source.js';
import { pageHeadings, parseLlmsTxt } from './llms-txt.js';

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
  fresh: Snapshot<D>,
  check: boolean,
  notes: string[] = [],
): Promise<ImportReport> {
  let before: D[] = [];
  try {
    before = (await readSnapshot(file, kind)).documents;
  } catch {
    // A first import, or a broken snapshot: what is read replaces it either way.
  }
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
}): Promise<ImportReport> {
  const text = await readSource(options.location);
  const pages = parseLlmsTxt(text);
  if (pages.length === 0)
    throw new Error(`${options.location}: no page links found (is it an llms.txt?)`);
  const notes: string[] = [];
  const unread: string[] = [];
  if (options.pages) {
    const base = /^https?:\/\//i.test(options.location)
      ? undefined
      : path.dirname(options.location);
    let next = 0;
    const worker = async () => {
      while (next < pages.length) {
        const page = pages[next++]!;
        try {
          page.headings = pageHeadings(await readSource(markdownOf(page, base)));
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
    options.check,
    notes,
  );
}

/**
 * Where a page's Markdown is: `<page>.md` on the web; beside a local llms.txt (for tests and
 * offline runs), `pages/<its path below the docs root>.md`.
 */
function markdownOf(page: DocsPage, localBase: string | undefined): string {
  const key = page.id.slice('docs:'.length);
  return localBase ? path.join(localBase, 'pages', `${key}.md`) : `${page.url}.md`;
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
    if (up === dir) throw new Error('@fal-ai/client is not installed: run npm ci');
    dir = up;
  }
}

/** `faq import-models [--check]`: the model catalog from the installed @fal-ai/client. */
export async function importModels(options: {
  file: string;
  check: boolean;
  /** For tests: an endpoints.d.ts other than the installed one. */
  endpoints?: string;
}): Promise<ImportReport> {
  // TypeScript is a development tool: loaded only here, never by the bot.
  const { readEndpoints } = await import('./read-endpoints.js');
  const client = options.endpoints
    ? { version: 'file', endpoints: options.endpoints }
    : await installedClient();
  const models = readEndpoints(await readFile(client.endpoints, 'utf8'), client.endpoints);
  if (models.length === 0) throw new Error(`${client.endpoints}: no endpoints in EndpointTypeMap`);
  const source = options.endpoints ? options.endpoints : `@fal-ai/client@${client.version}`;
  return finish<ModelEndpoint>(MODELS, options.file, { source, documents: models }, options.check);
}
