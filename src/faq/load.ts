import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readAtMost } from '../files.js';
import { LIMITS, type FaqEntry } from './entry.js';
import { parseEntry, type Fields } from './parse.js';
import type { Problem } from './problem.js';

export interface LoadResult {
  entries: FaqEntry[];
  problems: Problem[];
}

/** Editors' swap and backup files are not entries, nor the folder's README (how to edit it). */
function isEntryFile(name: string): boolean {
  return (
    /\.md$/i.test(name) &&
    !name.startsWith('.') &&
    !name.startsWith('_') &&
    name.toLowerCase() !== 'readme.md'
  );
}

/**
 * Reads every `<id>.md` in `dir`. Entries are only returned when the whole set is valid, so a
 * caller never serves half a FAQ: any problem means `entries` is empty and `problems` says why.
 */
export async function loadFaqDir(dir: string): Promise<LoadResult> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isEntryFile).sort();
  } catch (error) {
    return {
      entries: [],
      problems: [
        { file: dir, message: `cannot read the FAQ directory: ${(error as Error).message}` },
      ],
    };
  }
  // A file can vanish between listing and reading (an editor or `git checkout` at work): that is a
  // problem with that file, so a reload keeps the previous FAQ instead of failing outright.
  type Read = { file: string; text: string } | { problem: Problem };
  const read = await mapAtMost(READS_AT_ONCE, names, async (name): Promise<Read> => {
    const file = path.join(dir, name);
    try {
      const text = await readAtMost(file, LIMITS.fileBytes);
      if (text !== undefined) return { file, text };
      return {
        problem: {
          file,
          message: `is over ${LIMITS.fileBytes / 1024} KiB: an entry is one question and an answer of at most ${LIMITS.answerChars} characters`,
        },
      };
    } catch (error) {
      return { problem: { file, message: `cannot read the file: ${(error as Error).message}` } };
    }
  });
  // In the folder's order, whichever read finished first.
  const unreadable = read.flatMap((r) => ('problem' in r ? [r.problem] : []));
  const files = read.flatMap((r) => ('text' in r ? [r] : []));
  if (unreadable.length === 0) return validateFiles(files);
  // The files that could be read are still checked, so one pass lists every problem.
  const checked = files.length > 0 ? validateFiles(files).problems : [];
  return { entries: [], problems: [...unreadable, ...checked] };
}

/**
 * Files read at once: a folder of 10,000 entries must not open them all together (EMFILE under a
 * default `ulimit -n` of 1024, with the bot's own sockets and database open too).
 */
const READS_AT_ONCE = 32;

/** `work` over `items` with at most `limit` running at a time, results in order. */
async function mapAtMost<T, R>(
  limit: number,
  items: readonly T[],
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Parses and cross-checks a set of entry files held in memory (the importer validates its result here too). */
export function validateFiles(files: { file: string; text: string }[]): LoadResult {
  const problems: Problem[] = [];
  const entries: FaqEntry[] = [];
  // Files are checked against each other on what each says, valid or not: one pass lists all.
  const said: Said[] = [];
  for (const { file, text } of files) {
    const id = path.basename(file).replace(/\.md$/i, '');
    const result = parseEntry(file, id, text);
    if (result.entry) entries.push(result.entry);
    else problems.push(...result.problems);
    said.push({ id, file, fields: result.fields, pinned: result.entry?.pinned ?? false });
  }
  problems.push(...crossCheck(said));
  if (files.length === 0)
    problems.push({
      file: '(FAQ directory)',
      message: 'no entries: add at least one <id>.md file',
    });
  return problems.length > 0 ? { entries: [], problems } : { entries, problems };
}

/** What one file says that other files are checked against. */
interface Said {
  id: string;
  file: string;
  fields: Fields;
  pinned: boolean;
}

function crossCheck(entries: Said[]): Problem[] {
  const problems: Problem[] = [];
  const firstBy = (kind: string, field: string, key: (e: Said) => string[]) => {
    const seen = new Map<string, string>();
    // One line per pair of files, however many values they share (a copied file shares them all).
    const shared = new Map<
      string,
      { file: string; line?: number; other: string; values: string[] }
    >();
    for (const said of entries) {
      const { file } = said;
      for (const value of key(said)) {
        const other = seen.get(value);
        if (other !== undefined && other !== file) {
          const pair = `${file}\n${other}`;
          const found = shared.get(pair) ?? {
            file,
            line: said.fields.lines[field],
            other,
            values: [],
          };
          found.values.push(value);
          shared.set(pair, found);
        } else {
          seen.set(value, file);
        }
      }
    }
    for (const { file, line, other, values } of shared.values()) {
      const listed = values
        .slice(0, 5)
        .map((v) => `"${v}"`)
        .join(', ');
      const more = values.length > 5 ? ` and ${values.length - 5} more` : '';
      problems.push({
        file,
        line,
        field,
        message:
          values.length === 1
            ? `${kind} ${listed} is also in ${path.basename(other)}`
            : `${kind}s ${listed}${more} are also in ${path.basename(other)}`,
      });
    }
  };
  firstBy('id', 'id', (e) => [e.id.toLowerCase()]);
  firstBy('question', 'question', (e) =>
    e.fields.question ? [e.fields.question.toLowerCase().replace(/\s+/g, ' ')] : [],
  );
  firstBy('keyword', 'keywords', (e) => [...new Set(e.fields.keywords ?? [])]);
  const pinned = entries.filter((e) => e.pinned);
  if (pinned.length > LIMITS.pinnedEntries) {
    problems.push({
      file: pinned.map((p) => path.basename(p.file)).join(', '),
      field: 'pinned',
      message: `${pinned.length} entries are pinned; at most ${LIMITS.pinnedEntries} can be (Discord shows 25 choices)`,
    });
  }
  return problems;
}
