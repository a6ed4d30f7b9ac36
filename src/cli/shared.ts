import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import { loadFaqDir } from '../faq/load.js';
import { formatProblem, type Problem } from '../faq/problem.js';
import { FAQ, FaqIndex } from '../sources/faq.js';
import { locationOf, refreshLocationOf } from '../sources/registry.js';
import type { AnySource, Collection } from '../sources/source.js';

/** What a subcommand runs with: its streams, the configuration (read when first asked) and the sources. */
export interface CliContext {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  config(): Config;
  /** The registry `--source` names. */
  sources: readonly AnySource[];
}

type Values = Record<string, string | boolean | undefined>;

/** One `faq <name>` subcommand: its usage lines, its own options (others are refused), and what it does. */
export interface Subcommand {
  name: string;
  /** Its lines in the usage text (the first names it and its options). */
  usage: (sources: readonly AnySource[]) => string[];
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Values, positionals: string[], ctx: CliContext): Promise<number>;
}

/** Words the command cannot take as typed: exit 2 with the usage. */
export class UsageError extends Error {}

/** A failure with its exit code and one message for stderr. */
export class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const print = (ctx: Pick<CliContext, 'stdout'>, text: string) =>
  ctx.stdout.write(`${text}\n`);

/** Every line of standard input, answered one by one. */
export async function eachLine(ctx: CliContext, answer: (line: string) => string): Promise<number> {
  for await (const line of createInterface({ input: ctx.stdin, crlfDelay: Infinity }))
    print(ctx, answer(line));
  return 0;
}

/** The `--source` the command was given, from the registry; the FAQ when none is given. */
export function sourceNamed(ctx: CliContext, name: string | undefined): AnySource {
  if (name === undefined) return FAQ;
  const source = ctx.sources.find((s) => s.name === name);
  if (!source)
    throw new UsageError(
      `--source takes ${ctx.sources.map((s) => s.name).join(', ')}, not "${name}"`,
    );
  return source;
}

/** The FAQ folder a command reads: --dir, else FAQ_DIR. */
export const faqDir = (values: Values, ctx: CliContext) =>
  (values.dir as string | undefined) ?? ctx.config().FAQ_DIR;

/** The FAQ's index, or exit 1 listing every problem of the folder. */
export async function loadIndex(ctx: CliContext, dir: string): Promise<FaqIndex> {
  const { entries, problems } = await loadFaqDir(dir);
  if (problems.length > 0) {
    for (const p of problems) ctx.stderr.write(`${formatProblem(p)}\n`);
    throw new ExitError(
      1,
      `${problems.length} problem(s) in ${dir}; run \`npm run faq -- validate\``,
    );
  }
  return new FaqIndex(entries);
}

/** A source as the bot would serve it: the FAQ from --dir (its problems listed), any other from its configured location. */
export async function openSource(
  ctx: CliContext,
  source: AnySource,
  values: Values,
): Promise<Pick<Collection, 'index' | 'get'>> {
  if (source === FAQ) {
    const index = await loadIndex(ctx, faqDir(values, ctx));
    return { index, get: (id) => index.get(id) };
  }
  const config = ctx.config();
  return source.open(locationOf(source, config), refreshLocationOf(source, config));
}

/** Every problem a line on stderr, then how many; the exit code for it. */
export function reportProblems(
  ctx: CliContext,
  problems: Problem[],
  dir: string,
  then = '',
): number {
  for (const p of problems) ctx.stderr.write(`${formatProblem(p)}\n`);
  ctx.stderr.write(
    `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}${then}\n`,
  );
  return 1;
}

/** Scores as the contracts print them: four decimals. */
export const rounded = (score: number) => Math.round(score * 10_000) / 10_000;
