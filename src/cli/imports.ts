import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { locationOf, refreshLocationOf } from '../sources/registry.js';
import { readServedSnapshot, type SnapshotKind } from '../sources/catalog.js';
import type { Document, Source } from '../sources/source.js';
import { DOCS } from '../sources/docs.js';
import { MODELS } from '../sources/models.js';
import { faqDir, print, UsageError, type Subcommand } from './shared.js';

/** `faq import`: FAQ entries refreshed from the fal docs FAQ page. */
export const importFaq: Subcommand = {
  name: 'import',
  usage: () => [
    'import <file-or-url> [--base URL] [--page-url URL] [--check] [--prune]',
    '                                        refresh entries from the fal docs FAQ',
  ],
  options: {
    base: { type: 'string' },
    'page-url': { type: 'string' },
    check: { type: 'boolean' },
    prune: { type: 'boolean' },
  },
  async run(values, rest, ctx) {
    if (rest.length !== 1) throw new UsageError('import takes one file or URL');
    const { runImport } = await import('../importer/command.js');
    return runImport(rest[0]!, {
      dir: faqDir(values, ctx),
      base: values.base as string | undefined,
      pageUrl: values['page-url'] as string | undefined,
      check: values.check as boolean | undefined,
      prune: values.prune as boolean | undefined,
    });
  },
};

/**
 * Where an import writes, and what it compares with: the shipped snapshot (a maintainer commits
 * it), or with `--refresh` the refresh under DATA_DIR that a running bot prefers while it is the
 * newer (a scheduled job writes it; `git pull` never conflicts with it), compared with the
 * snapshot the bot serves now.
 */
async function target<D extends Document>(
  source: Source<D> & SnapshotKind<D>,
  config: Config,
  refresh: boolean,
): Promise<{ file: string; baseline?: string }> {
  const shipped = locationOf(source, config);
  const refreshed = refreshLocationOf(source, config);
  if (!refresh || !refreshed) return { file: shipped };
  await mkdir(path.dirname(refreshed), { recursive: true });
  // Read and validated as the bot would serve it, not indexed: only which file it is matters here.
  const served = await readServedSnapshot(source, shipped, refreshed).then(
    (s) => s.file,
    () => shipped,
  );
  return { file: refreshed, baseline: served };
}

const REFRESH_USAGE =
  '                                        --refresh: write under DATA_DIR (served when newer)';

/** `faq import-docs`: the docs index from an llms.txt. */
export const importDocs: Subcommand = {
  name: 'import-docs',
  usage: () => [
    'import-docs <file-or-url> [--check] [--pages] [--allow-shrink] [--refresh]',
    '                                        refresh the docs index from an llms.txt',
    REFRESH_USAGE,
  ],
  options: {
    check: { type: 'boolean', default: false },
    pages: { type: 'boolean', default: false },
    'allow-shrink': { type: 'boolean', default: false },
    refresh: { type: 'boolean', default: false },
  },
  async run(values, rest, ctx) {
    if (rest.length !== 1) throw new UsageError('import-docs takes one llms.txt file or URL');
    const { importDocs } = await import('../importer/snapshots.js');
    const report = await importDocs({
      location: rest[0]!,
      ...(await target(DOCS, ctx.config(), values.refresh === true)),
      check: values.check === true,
      pages: values.pages === true,
      allowShrink: values['allow-shrink'] === true,
    });
    print(ctx, report.lines.join('\n'));
    return report.code;
  },
};

/** `faq import-models`: the model catalog from the installed @fal-ai/client. */
export const importModels: Subcommand = {
  name: 'import-models',
  usage: () => [
    'import-models [--check] [--allow-shrink] [--refresh]',
    '                                        refresh the model catalog from @fal-ai/client',
    REFRESH_USAGE,
  ],
  options: {
    check: { type: 'boolean', default: false },
    'allow-shrink': { type: 'boolean', default: false },
    refresh: { type: 'boolean', default: false },
  },
  async run(values, rest, ctx) {
    if (rest.length > 0)
      throw new UsageError('import-models reads the installed @fal-ai/client; it takes no file');
    const { importModels } = await import('../importer/snapshots.js');
    const report = await importModels({
      ...(await target(MODELS, ctx.config(), values.refresh === true)),
      check: values.check === true,
      allowShrink: values['allow-shrink'] === true,
    });
    print(ctx, report.lines.join('\n'));
    return report.code;
  },
};
