import { locationOf } from '../sources/registry.js';
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

/** `faq import-docs`: the docs index from an llms.txt. */
export const importDocs: Subcommand = {
  name: 'import-docs',
  usage: () => [
    'import-docs <file-or-url> [--check] [--pages] [--allow-shrink]',
    '                                        refresh the docs index from an llms.txt',
  ],
  options: {
    check: { type: 'boolean', default: false },
    pages: { type: 'boolean', default: false },
    'allow-shrink': { type: 'boolean', default: false },
  },
  async run(values, rest, ctx) {
    if (rest.length !== 1) throw new UsageError('import-docs takes one llms.txt file or URL');
    const { importDocs } = await import('../importer/snapshots.js');
    const report = await importDocs({
      location: rest[0]!,
      file: locationOf(DOCS, ctx.config()),
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
    'import-models [--check] [--allow-shrink]',
    '                                        refresh the model catalog from @fal-ai/client',
  ],
  options: {
    check: { type: 'boolean', default: false },
    'allow-shrink': { type: 'boolean', default: false },
  },
  async run(values, rest, ctx) {
    if (rest.length > 0)
      throw new UsageError('import-models reads the installed @fal-ai/client; it takes no file');
    const { importModels } = await import('../importer/snapshots.js');
    const report = await importModels({
      file: locationOf(MODELS, ctx.config()),
      check: values.check === true,
      allowShrink: values['allow-shrink'] === true,
    });
    print(ctx, report.lines.join('\n'));
    return report.code;
  },
};
