import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../importer/write.js';
import { teachingsFile } from '../ranking/knowledge.js';
import { parseMappings } from '../ranking/mappings.js';
import { openSources } from '../sources/registry.js';
import { readTeachings, Store } from '../store/store.js';
import { print, reportProblems, UsageError, type Subcommand } from './shared.js';

/** What `taught export` writes by default: a mappings file, so the bot and `faq ask` read it too. */
export const TAUGHT_FILE = 'taught.yaml';

/**
 * `faq taught export [file]` / `faq taught import <file>`: the wordings moderators taught in
 * DATA_DIR's database, written to a file in the repo (by default `<MAPPINGS_DIR>/taught.yaml`,
 * which the bot reads as mappings) and read back into a database, so a deployment's teaching is
 * not lost with it.
 */
export const taught: Subcommand = {
  name: 'taught',
  usage: () => [
    'taught export [file]                    write the wordings taught in DATA_DIR to a file (default',
    '                                        <MAPPINGS_DIR>/taught.yaml, read by the bot as mappings)',
    'taught import <file>                    read taught wordings back into DATA_DIR (the bot stopped)',
  ],
  options: {},
  async run(_values, rest, ctx) {
    const [action, file, ...extra] = rest;
    const config = ctx.config();
    if (extra.length > 0) throw new UsageError(`taught ${action} takes one file`);
    if (action === 'export') {
      const target = file ?? path.join(config.MAPPINGS_DIR, TAUGHT_FILE);
      // Read without taking DATA_DIR: exporting while the bot runs is what an operator does.
      const teachings = readTeachings(config.DATA_DIR);
      await writeFileAtomic(target, teachingsFile(teachings));
      print(ctx, `Wrote ${teachings.length} taught wording(s) to ${target}.`);
      return 0;
    }
    if (action === 'import') {
      if (!file) throw new UsageError('taught import needs the file to read');
      const sources = await openSources(config);
      const { rules, problems, warnings } = parseMappings(
        file,
        await readFile(file, 'utf8'),
        (id) => !!sources.find(id),
      );
      if (problems.length > 0) return reportProblems(ctx, problems, file, ': nothing imported');
      if (warnings.length > 0)
        return reportProblems(
          ctx,
          warnings,
          file,
          ': nothing imported (fix or remove those answers)',
        );
      const store = Store.open(config.DATA_DIR);
      let imported: number;
      try {
        const before = store.teachings().length;
        for (const rule of rules)
          for (const wording of rule.similar)
            store.teach({
              guildId: rule.guild ?? null,
              wording,
              answerId: rule.answers[0]!,
              taughtBy: rule.by ?? 'import',
              ...(rule.when ? { taughtAt: Date.parse(rule.when) } : {}),
            });
        imported = store.teachings().length - before;
      } finally {
        store.close();
      }
      print(
        ctx,
        `Imported ${imported} new taught wording(s) from ${file} into ${config.DATA_DIR}.`,
      );
      return 0;
    }
    throw new UsageError('taught takes export [file] or import <file>');
  },
};
