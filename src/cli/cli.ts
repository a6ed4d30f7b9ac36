import { parseArgs } from 'node:util';
import type { AnySource } from '../sources/source.js';
import { ask } from './ask.js';
import { card } from './card.js';
import { check } from './check.js';
import { backup, exportData, stats } from './data.js';
import { health } from './health.js';
import { format, validate } from './faq-files.js';
import { importDocs, importFaq, importModels } from './imports.js';
import { search } from './search.js';
import { taught } from './taught.js';
import { UsageError, type CliContext, type Subcommand } from './shared.js';

/** Every `faq` subcommand, in the order the usage lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  search,
  ask,
  validate,
  format,
  card,
  importDocs,
  importModels,
  importFaq,
  taught,
  check,
  stats,
  exportData,
  backup,
  health,
];

/** Options every subcommand takes. */
const COMMON = {
  dir: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function usage(sources: readonly AnySource[]): string {
  const lines = SUBCOMMANDS.flatMap((c) => c.usage(sources).map((l) => `  ${l}`));
  const snapshots = sources
    .filter((s) => s.location.variable !== 'FAQ_DIR')
    .map((s) => `${s.location.variable} (${s.location.default})`);
  return `Usage: npm run --silent faq -- <command> [options]

Commands:
${lines.join('\n')}

Every command takes --dir DIR (default: FAQ_DIR, else faq-data). --source reads ${snapshots.join(' or ')}.`;
}

/**
 * `faq <command> …`: the subcommand's own options are read strictly (an option another
 * subcommand takes is refused by name), then it runs. Throws UsageError for words it cannot take.
 */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  const help = () => {
    ctx.stdout.write(`${usage(ctx.sources)}\n`);
  };
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    help();
    return name === undefined ? 2 : 0;
  }
  const command = SUBCOMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  const { values, positionals } = parseArgs({
    args: [...rest],
    allowPositionals: true,
    strict: true,
    options: { ...COMMON, ...command.options },
  });
  if (values.help) {
    help();
    return 0;
  }
  return command.run(values, positionals, ctx);
}
