import { watch, type FSWatcher } from 'node:fs';

/**
 * Calls `onChange` once a burst of changes in `dir` has settled: editors write a file in
 * several steps (temp file, rename), and an import writes many files.
 */
export function watchDirectory(
  dir: string,
  onChange: () => void,
  debounceMs = 300,
): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dir, () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  watcher.on('error', () => {});
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
