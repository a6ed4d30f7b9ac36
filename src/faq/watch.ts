import { unwatchFile, watch, watchFile, type FSWatcher, type Stats } from 'node:fs';

/** The longest a burst of changes delays its reload: an edit storm still reloads this often. */
export const MAX_WAIT_MS = 2000;

/** What set off a change: files in the folder, or the folder itself swapped for another. */
export type WatchTrigger = 'file change' | 'folder replaced';

/**
 * Calls `onChange` once a burst of changes in `dir` has settled (or, while it goes on, every
 * `maxWaitMs`): editors write a file in several steps (temp file, rename), and an import writes
 * many files. Watching is a
 * convenience (`/faq-admin reload` does the same), so a folder that cannot be watched, or a
 * watch that fails later (inotify limits, the folder removed), goes to `onError` and the bot
 * carries on.
 *
 * fs.watch follows the folder it was given, not its path: a deploy that switches a symlink, or
 * moves a new folder into place, would leave the bot watching the old one and missing every
 * later edit. The path is polled (one stat every `pollMs`) for that, and watched anew.
 */
export function watchDirectory(
  dir: string,
  onChange: (trigger: WatchTrigger) => void,
  onError: (error: Error) => void,
  {
    debounceMs = 300,
    maxWaitMs = MAX_WAIT_MS,
    pollMs = 2000,
  }: { debounceMs?: number; maxWaitMs?: number; pollMs?: number } = {},
): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  let trigger: WatchTrigger = 'file change';
  /** When the burst of changes being waited out began (a monotonic clock). */
  let burstStart: number | undefined;
  const settle = (why: WatchTrigger) => {
    if (why === 'folder replaced') trigger = why;
    const now = performance.now();
    burstStart ??= now;
    clearTimeout(timer);
    // A burst that never settles (an editor saving ten times a second) still reloads every
    // `maxWaitMs`, so a busy editor sees their edits.
    const wait = Math.max(0, Math.min(debounceMs, burstStart + maxWaitMs - now));
    timer = setTimeout(() => {
      burstStart = undefined;
      const reported = trigger;
      trigger = 'file change';
      onChange(reported);
    }, wait);
  };
  let watcher: FSWatcher | undefined;
  const start = () => {
    watcher?.close();
    watcher = undefined;
    try {
      watcher = watch(dir, () => settle('file change')).on('error', onError);
    } catch (error) {
      onError(error as Error);
    }
  };
  start();
  const onStat = (now: Stats, before: Stats) => {
    // A folder made where one was removed may get its inode number back; not its birth time.
    const same =
      now.ino === before.ino && now.dev === before.dev && now.birthtimeMs === before.birthtimeMs;
    if (same) return;
    // ino 0: nothing at the path for now; the reload says so, and the next folder is watched.
    if (now.ino !== 0) start();
    settle('folder replaced');
  };
  watchFile(dir, { interval: pollMs, persistent: false }, onStat);
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
      unwatchFile(dir, onStat);
    },
  };
}
