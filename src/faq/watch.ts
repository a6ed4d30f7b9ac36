import { unwatchFile, watch, watchFile, type FSWatcher, type Stats } from 'node:fs';

/** What set off a change: files in the folder, or the folder itself swapped for another. */
export type WatchTrigger = 'file change' | 'folder replaced';

/**
 * Calls `onChange` once a burst of changes in `dir` has settled: editors write a file in
 * several steps (temp file, rename), and an import writes many files. Watching is a
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
  { debounceMs = 300, pollMs = 2000 }: { debounceMs?: number; pollMs?: number } = {},
): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  let trigger: WatchTrigger = 'file change';
  const settle = (why: WatchTrigger) => {
    if (why === 'folder replaced') trigger = why;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const reported = trigger;
      trigger = 'file change';
      onChange(reported);
    }, debounceMs);
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
