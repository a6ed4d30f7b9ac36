import { mkdir, unlink } from 'node:fs/promises';
import { loadFaqDir, validateFiles } from '../faq/load.js';
import { formatProblem } from '../faq/problem.js';
import { ImportError } from './errors.js';
import type { ImportedPage } from './imported.js';
import { entryPath, planImport, type ImportPlan } from './merge.js';
import { looksLikeMdx, MissingTitleError, parseMdxFaq } from './parse-mdx.js';
import { looksLikeRenderedPage, parseRenderedFaq } from './parse-rendered.js';
import { entryToFile } from './serialize.js';
import { pageUrlOf, readSource } from './source.js';
import { writeFileAtomic } from './write.js';

export const DEFAULT_BASE = 'https://fal.ai/docs';
/** Where the current FAQ lives; the MDX source does not say. */
export const DEFAULT_FAQ_PAGE = 'https://fal.ai/docs/documentation/model-apis/faq';

export interface ImportOptions {
  source: string;
  dir: string;
  base: string;
  pageUrl?: string;
  check: boolean;
  prune: boolean;
}

export function parsePage(
  text: string,
  options: { base: string; pageUrl?: string; location: string },
): ImportedPage {
  if (options.pageUrl !== undefined && !URL.canParse(options.pageUrl))
    throw new ImportError(`--page-url "${options.pageUrl}" is not an absolute URL`);
  try {
    if (looksLikeMdx(text)) {
      return parseMdxFaq(text, {
        base: options.base,
        pageUrl: options.pageUrl ?? DEFAULT_FAQ_PAGE,
      });
    }
    if (looksLikeRenderedPage(text)) return parseRenderedFaq(text, { pageUrl: options.pageUrl });
  } catch (error) {
    throw parseFailure(options.location, error);
  }
  throw new ImportError(
    `${options.location}: not a fal FAQ page (neither MDX with <Accordion> blocks nor a rendered page with front matter)`,
  );
}

/**
 * What went wrong, and where, as the moderator should read it. The MDX parser's messages carry
 * a line and column (and an empty stack), so they are placed after the source's name.
 */
function parseFailure(location: string, error: unknown): ImportError {
  if (error instanceof MissingTitleError)
    return new ImportError(`${location}:${error.line}: ${error.message}`);
  const { line, column, reason } = error as { line?: number; column?: number; reason?: string };
  if (typeof line === 'number' && reason) {
    return new ImportError(`${location}:${line}:${column ?? 1}: cannot parse the MDX: ${reason}`);
  }
  return new ImportError(`${location}: ${error instanceof Error ? error.message : String(error)}`);
}

/** Runs an import; returns the exit code and what to print. */
export async function runImportCommand(
  options: ImportOptions,
): Promise<{ code: number; report: string }> {
  // Options first: a bad one found after the fetch would show up as problems with every entry.
  if (!URL.canParse(options.base) || !/^https?:/.test(options.base))
    throw new ImportError(
      `--base "${options.base}" is not an absolute http(s) URL, such as https://fal.ai/docs`,
    );
  const text = await readSource(options.source);
  const page = parsePage(text, {
    base: options.base,
    pageUrl: options.pageUrl ?? pageUrlOf(options.source),
    location: options.source,
  });
  if (page.questions.length === 0) throw new ImportError(`${options.source}: no questions found`);
  // A community setting up from its own docs starts from an empty or new folder.
  await mkdir(options.dir, { recursive: true });
  const found = await loadFaqDir(options.dir);
  const empty =
    found.problems.length > 0 && found.problems.every((p) => p.message.startsWith('no entries'));
  const current = empty ? { entries: [], problems: [] } : found;
  if (current.problems.length > 0) {
    throw new ImportError(
      `${options.dir} is invalid before the import; fix it first:\n${current.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
  }
  const plan = planImport(current.entries, page.questions, { prune: options.prune });
  const files = plan.result.map((e) => ({
    file: entryPath(options.dir, e.id),
    text: entryToFile(e),
  }));
  const validation = validateFiles(files);
  const lines = [summaryLine(page, options.source), ...describe(plan, options.prune)];
  if (validation.problems.length > 0) {
    lines.push(
      '',
      'The result would be invalid; nothing was written:',
      ...validation.problems.map((p) => `  ${formatProblem(p)}`),
    );
    return { code: 1, report: lines.join('\n') };
  }
  const drift = plan.added.length + plan.updated.length + plan.missing.length > 0;
  if (options.check) {
    lines.push(
      drift ? 'Out of sync with the docs (--check: nothing written).' : 'In sync with the docs.',
    );
    return { code: drift ? 1 : 0, report: lines.join('\n') };
  }
  for (const entry of [...plan.added, ...plan.updated.map((u) => u.after)]) {
    await writeFileAtomic(entryPath(options.dir, entry.id), entryToFile(entry));
  }
  if (options.prune)
    for (const entry of plan.missing) await unlink(entryPath(options.dir, entry.id));
  const written = plan.added.length + plan.updated.length;
  lines.push(
    `Wrote ${written} file${written === 1 ? '' : 's'}${options.prune && plan.missing.length ? `, removed ${plan.missing.length}` : ''} in ${options.dir}.`,
  );
  return { code: 0, report: lines.join('\n') };
}

function summaryLine(page: ImportedPage, source: string): string {
  const kind = page.format === 'mdx' ? 'docs source (MDX)' : 'rendered page';
  return `Read ${page.questions.length} questions from ${source} (${kind}, page ${page.pageUrl}).`;
}

function describe(plan: ImportPlan, prune: boolean): string[] {
  const lines = [
    `  added:     ${plan.added.length}${plan.added.length ? `  ${plan.added.map((e) => e.id).join(', ')}` : ''}`,
    `  updated:   ${plan.updated.length}`,
  ];
  for (const u of plan.updated)
    for (const c of u.changes) lines.push(`    ${c.id} ${c.field}: ${c.diff}`);
  lines.push(`  unchanged: ${plan.unchanged.length}`);
  if (plan.local.length > 0)
    lines.push(
      `  local:     ${plan.local.length}  ${plan.local.map((e) => e.id).join(', ')} (the community's own: left as they are)`,
    );
  lines.push(
    `  missing:   ${plan.missing.length}${plan.missing.length ? `  ${plan.missing.map((e) => e.id).join(', ')} (${prune ? 'removed by --prune' : "kept; --prune removes them, `local: true` in one marks it the community's own"})` : ''}`,
  );
  return lines;
}

/** `faq import`, with the options the CLI parsed; prints the report, returns the exit code. */
export async function runImport(
  source: string,
  options: { dir: string; base?: string; pageUrl?: string; check?: boolean; prune?: boolean },
): Promise<number> {
  const { code, report } = await runImportCommand({
    source,
    dir: options.dir,
    base: options.base ?? DEFAULT_BASE,
    pageUrl: options.pageUrl,
    check: options.check ?? false,
    prune: options.prune ?? false,
  });
  (code === 0 ? process.stdout : process.stderr).write(`${report}\n`);
  return code;
}
