import { renderCard } from '../cards/render.js';
import type { FaqEntry } from '../faq/entry.js';
import { loadFaqDir } from '../faq/load.js';
import { formatProblem, type Problem } from '../faq/problem.js';
import { oneAtATime } from '../one-at-a-time.js';
import { FIELD_WEIGHT, SearchIndex, type Indexed } from '../search/index.js';
import { withoutUrls, words } from '../search/text.js';
import {
  diffDocuments,
  type Changes,
  type Collection,
  type Reloaded,
  type Source,
} from './source.js';

export type ReloadResult = { ok: true; changes: Changes } | { ok: false; problems: Problem[] };

/** The FAQ's index: an entry's question and keywords are evidence, its answer is not. */
export function describeFaqEntry(entry: FaqEntry): Indexed {
  return {
    id: entry.id,
    fields: [
      { text: entry.question, weight: FIELD_WEIGHT.question, evidence: true },
      { text: entry.keywords.join(' '), weight: FIELD_WEIGHT.keywords, evidence: true },
      { text: withoutUrls(entry.answer), weight: FIELD_WEIGHT.answer, evidence: false },
    ],
    pinned: entry.pinned,
    sortKey: entry.question,
  };
}

export class FaqIndex extends SearchIndex<FaqEntry> {
  constructor(entries: readonly FaqEntry[]) {
    super(entries, describeFaqEntry);
  }
}

/** The FAQ: a folder of `<id>.md` files (FAQ_DIR), its ids bare, answered by `/faq`. */
export const FAQ: Source<FaqEntry> = {
  name: 'faq',
  prefix: '',
  location: { variable: 'FAQ_DIR', default: 'faq-data' },
  open: (dir) => FaqLibrary.open(dir),
  index: (entries) => new FaqIndex(entries),
  describe: describeFaqEntry,
  // Entries are answers written for what members ask, their keywords in members' words: when an
  // entry and a docs page match alike, the entry is the answer and the page the reference, and a
  // chatty message that matches an entry at all is more likely about it than about a page.
  ranking: { prior: 1.3, floor: 0.12, answersOnWords: true },
  title: (entry) => entry.question,
  phrases: (entry) => entry.keywords.filter((k) => words(k).length >= 2),
  url: (entry) => entry.url,
  card: (entry, options) => renderCard(entry, options),
};

/**
 * The FAQ the bot serves: validated entries and their search index, swapped as a whole on
 * reload. A reload that finds any problem keeps the previous index serving.
 */
export class FaqLibrary implements Collection<FaqEntry> {
  readonly source = FAQ;

  private constructor(
    readonly dir: string,
    private current: FaqIndex,
  ) {}

  get path(): string {
    return this.dir;
  }

  /** The FAQ of `dir` from entries already read and validated (the CLI reads them once). */
  static of(dir: string, entries: readonly FaqEntry[]): FaqLibrary {
    return new FaqLibrary(dir, new FaqIndex(entries));
  }

  /** Loads `dir`; throws with every problem listed when it is not valid (start-up must not serve half a FAQ). */
  static async open(dir: string): Promise<FaqLibrary> {
    const { entries, problems } = await loadFaqDir(dir);
    if (problems.length > 0) throw new FaqLoadError(problems);
    return new FaqLibrary(dir, new FaqIndex(entries));
  }

  get index(): FaqIndex {
    return this.current;
  }

  get(id: string): FaqEntry | undefined {
    return this.current.get(id);
  }

  /**
   * Reads the folder again and swaps the index if it is valid. One reload reads at a time: a
   * reload that read the folder early must not finish after one that read it later and put the
   * older FAQ back.
   */
  readonly reload: () => Promise<ReloadResult> = oneAtATime(async () => {
    const { entries, problems } = await loadFaqDir(this.dir);
    const result: ReloadResult =
      problems.length > 0
        ? { ok: false, problems }
        : { ok: true, changes: diffDocuments(this.current.entries, entries) };
    if (result.ok) this.current = new FaqIndex(entries);
    for (const listener of this.listeners) listener(result);
    return result;
  });

  /** A folder is read whole each time: any change in it is a reload. */
  async reloadIfChanged(): Promise<Reloaded> {
    const result = await this.reload();
    return result.ok
      ? result
      : { ok: false, problem: result.problems.map(formatProblem).join('\n') };
  }

  private readonly listeners = new Set<(result: ReloadResult) => void>();

  /**
   * Calls `listener` after every reload, taken or refused (the web sandbox's live preview shows
   * either); returns how to stop.
   */
  onReload(listener: (result: ReloadResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export class FaqLoadError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `The FAQ data is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
    );
    this.name = 'FaqLoadError';
  }
}
