import { structuredPatch } from 'diff';
import { readFile } from 'node:fs/promises';
import { loadFaqDir } from '../faq/load.js';
import { entryPath } from '../importer/merge.js';
import { entryToFile } from '../importer/serialize.js';
import { writeFileAtomic } from '../importer/write.js';
import { formatProblem } from '../faq/problem.js';
import { loadMappingsDir } from '../ranking/mappings.js';
import { FaqLibrary } from '../sources/faq.js';
import { openSources } from '../sources/registry.js';
import { faqDir, print, reportProblems, type Subcommand } from './shared.js';

/** `faq validate`: every entry checked; exit 1 listing each problem. */
export const validate: Subcommand = {
  name: 'validate',
  usage: () => [
    'validate                                check every entry and the mappings (MAPPINGS_DIR); exit 1',
    '                                        listing each problem',
  ],
  options: {},
  async run(values, _rest, ctx) {
    const dir = faqDir(values, ctx);
    const { entries, problems } = await loadFaqDir(dir);
    if (problems.length > 0) return reportProblems(ctx, problems, dir);
    const pinned = entries.filter((e) => e.pinned).length;
    const categories = new Set(entries.map((e) => e.category)).size;
    // The mappings name answers of every source: checked against the FAQ just read and the snapshots.
    const config = ctx.config();
    const sources = await openSources(config, {
      registry: ctx.sources,
      given: [FaqLibrary.of(dir, entries)],
    });
    const mappings = await loadMappingsDir(config.MAPPINGS_DIR, (id) => !!sources.find(id));
    if (mappings.problems.length > 0)
      return reportProblems(ctx, mappings.problems, config.MAPPINGS_DIR);
    // An answer this FAQ lacks is skipped, not fatal (the folder may be another deployment's FAQ).
    for (const w of mappings.warnings)
      ctx.stderr.write(`warning: ${formatProblem(w)} (the bot skips it)\n`);
    print(
      ctx,
      `OK: ${entries.length} entries in ${dir} (${pinned} pinned, ${categories} categories); ${mappings.rules.length} mappings in ${config.MAPPINGS_DIR}`,
    );
    return 0;
  },
};

/** The lines a `format` would change, as a unified diff (the first 30 lines of it). */
function whatDiffers(text: string, canonical: string): string {
  const { hunks } = structuredPatch('as it is', 'formatted', text, canonical, '', '', {
    context: 1,
  });
  const lines = hunks.flatMap((h) => [
    `@@ line ${h.oldStart} @@`,
    ...h.lines.map((l) => (l.length > 160 ? `${l.slice(0, 160)}…` : l)),
  ]);
  const shown = lines.slice(0, 30).map((l) => `  ${l}`);
  if (lines.length > 30) shown.push(`  …and ${lines.length - 30} more lines`);
  return shown.join('\n');
}

/** `faq format [--check]`: every entry in the canonical form. */
export const format: Subcommand = {
  name: 'format',
  usage: () => [
    'format [--check]                        rewrite every entry in the canonical form (keywords on one',
    '                                        line, fields in order); --check: exit 1 showing what differs',
  ],
  options: { check: { type: 'boolean', default: false } },
  async run(values, _rest, ctx) {
    const dir = faqDir(values, ctx);
    const { entries, problems } = await loadFaqDir(dir);
    if (problems.length > 0) return reportProblems(ctx, problems, dir, ': fix them first');
    const differ: string[] = [];
    for (const entry of entries) {
      const file = entryPath(dir, entry.id);
      const canonical = entryToFile(entry);
      const text = await readFile(file, 'utf8');
      if (text === canonical) continue;
      differ.push(file);
      if (!values.check) await writeFileAtomic(file, canonical);
      else print(ctx, `${file}: not in the canonical form\n${whatDiffers(text, canonical)}`);
    }
    if (values.check) {
      print(
        ctx,
        differ.length
          ? `${differ.length} file(s) to format: run faq format`
          : `All ${entries.length} entries are formatted.`,
      );
      return differ.length ? 1 : 0;
    }
    print(ctx, `Formatted ${differ.length} of ${entries.length} entries in ${dir}.`);
    return 0;
  },
};
