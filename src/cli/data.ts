import { writeFile } from 'node:fs/promises';
import { statsReport, statsText } from '../../commands/faq-admin/stats.js';
import { openAnswers } from '../ranking/open.js';
import { openSources } from '../sources/registry.js';
import { HISTORY_DAYS, Store } from '../store/store.js';
import { ExitError, print, UsageError, type CliContext, type Subcommand } from './shared.js';

/** The database of DATA_DIR, read beside a running bot; closed after `use`. */
async function withDatabase<T>(ctx: CliContext, use: (store: Store) => Promise<T>): Promise<T> {
  const store = Store.openReadOnly(ctx.config().DATA_DIR);
  try {
    return await use(store);
  } finally {
    store.close();
  }
}

function daysOf(values: Record<string, unknown>, fallback: number): number {
  if (values.days === undefined) return fallback;
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > HISTORY_DAYS)
    throw new UsageError(`--days takes a whole number of days from 1 to ${HISTORY_DAYS}`);
  return days;
}

/**
 * `faq stats [--days N] [--guild ID] [--json]`: what `/faq-admin stats` shows for a server, from
 * the database of DATA_DIR (the bot may be running): the same text, or the report it is written
 * from.
 */
export const stats: Subcommand = {
  name: 'stats',
  usage: () => [
    "stats [--days N] [--guild ID] [--json]  what /faq-admin stats shows, from DATA_DIR's database (--json:",
    '                                        the report it is written from); --guild when it has several servers',
  ],
  options: {
    days: { type: 'string' },
    guild: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run(values, _rest, ctx) {
    const days = daysOf(values, 7);
    const config = ctx.config();
    return withDatabase(ctx, async (store) => {
      const known = store.knownGuilds();
      const guildId =
        (values.guild as string | undefined) ?? (known.length === 1 ? known[0]! : undefined);
      if (!guildId)
        throw new UsageError(
          known.length
            ? `the database has ${known.length} servers: name one with --guild (${known.join(', ')})`
            : 'the database has no server yet: the bot has recorded nothing',
        );
      const sources = await openSources(config, { registry: ctx.sources });
      const { ranking } = await openAnswers(config, sources, store);
      const statsCtx = { store, sources, answers: { ranking }, config } as Parameters<
        typeof statsReport
      >[0];
      const report = await statsReport(statsCtx, days, guildId);
      print(ctx, values.json ? JSON.stringify(report) : statsText(statsCtx, report));
      return 0;
    });
  },
};

/** One CSV field, quoted when it must be. */
const csv = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const table = (rows: Record<string, unknown>[], columns: string[]) =>
  [columns.join(','), ...rows.map((r) => columns.map((c) => csv(r[c])).join(','))].join('\n');

/**
 * `faq export [--days N] [--csv]`: usage, feedback, the gaps and the taught wordings of the
 * database, as one JSON document (or, with --csv, CSV tables one after another, each under a
 * `# <name>` line).
 */
export const exportData: Subcommand = {
  name: 'export',
  usage: () => [
    "export [--days N] [--csv]               usage, feedback, gaps and taught wordings of DATA_DIR's database",
    '                                        as JSON (default 365 days); --csv: CSV tables, each under # <name>',
  ],
  options: { days: { type: 'string' }, csv: { type: 'boolean', default: false } },
  async run(values, _rest, ctx) {
    const days = daysOf(values, HISTORY_DAYS);
    return withDatabase(ctx, async (store) => {
      const { usage, feedback } = store.exportRows(days);
      const gaps = usage
        .filter((u) => u.outcome === 'no-match')
        .map((u) => ({ at: u.at, guildId: u.guildId, command: u.command, query: u.query }));
      const taught = store.teachings().map((t) => ({ ...t }));
      if (!values.csv) {
        print(ctx, JSON.stringify({ days, usage, feedback, gaps, taught }));
        return 0;
      }
      print(
        ctx,
        [
          '# usage',
          table(usage, ['at', 'guildId', 'command', 'outcome', 'entryId', 'query']),
          '# feedback',
          table(feedback, ['at', 'guildId', 'entryId', 'helpful']),
          '# gaps',
          table(gaps, ['at', 'guildId', 'command', 'query']),
          '# taught',
          table(taught, [
            'id',
            'guildId',
            'wording',
            'answerId',
            'taughtBy',
            'taughtByName',
            'taughtAt',
          ]),
        ].join('\n'),
      );
      return 0;
    });
  },
};

/** `faq backup <file>`: a consistent copy of the live database, made with SQLite's backup API. */
export const backup: Subcommand = {
  name: 'backup',
  usage: () => [
    "backup <file>                           a consistent copy of DATA_DIR's database, taken while the bot runs",
  ],
  options: {},
  async run(_values, rest, ctx) {
    const [target, ...extra] = rest;
    if (!target || extra.length) throw new UsageError('backup takes the file to write');
    await withDatabase(ctx, async (store) => {
      try {
        await writeFile(target, '', { flag: 'wx' });
      } catch {
        throw new ExitError(1, `${target} exists (or cannot be written): name a new file`);
      }
      await store.backupTo(target);
    });
    print(ctx, `Backed up ${ctx.config().DATA_DIR}/faq-bot.sqlite to ${target}.`);
    return 0;
  },
};
