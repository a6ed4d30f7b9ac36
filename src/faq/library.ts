import type { FaqEntry } from './entry.js';
import { loadFaqDir } from './load.js';
import type { Problem } from './problem.js';
import { oneAtATime } from '../one-at-a-time.js';
import { FaqIndex } from '../search/index.js';

export interface FaqChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export type ReloadResult = { ok: true; changes: FaqChanges } | { ok: false; problems: Problem[] };

/**
 * The FAQ the bot serves: validated entries and their search index, swapped as a whole on
 * reload. A reload that finds any problem keeps the previous index serving.
 */
export class FaqLibrary {
  private constructor(
    readonly dir: string,
    private current: FaqIndex,
  ) {}

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
        : { ok: true, changes: diffEntries(this.current.entries, entries) };
    if (result.ok) this.current = new FaqIndex(entries);
    for (const listener of this.listeners) listener(result);
    return result;
  });

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

export function diffEntries(before: readonly FaqEntry[], after: readonly FaqEntry[]): FaqChanges {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Map(after.map((e) => [e.id, e]));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    changed: [...now]
      .filter(([id, e]) => old.has(id) && JSON.stringify(old.get(id)) !== JSON.stringify(e))
      .map(([id]) => id),
    removed: [...old.keys()].filter((id) => !now.has(id)),
  };
}
