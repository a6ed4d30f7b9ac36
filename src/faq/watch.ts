import { watch } from 'node:fs';

/**
 * Calls `onChange` once a burst of changes in `dir` has settled: editors write a file in
 * several steps (temp file, rename), and an import writes many files. Watching is a
 * convenience (`/faq-admin reload` does the same), so a folder that cannot be watched, or a
 * watch that fails later (inotify limits, the folder removed), goes to `onError` and the bot
 * carries on.
 */
export function watchDirectory(
  dir: string,
  onChange: () => void,
  onError: (error: Error) => void,
  debounceMs = 300,
): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  try {
    const watcher = watch(dir, settle).on('error', onError);
    return {
      close() {
        clearTimeout(timer);
        watcher.close();
      },
    };
  } catch (error) {
    onError(error as Error);
    return { close() {} };
  }
}
