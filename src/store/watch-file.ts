import { unwatchFile, watchFile, type Stats } from 'node:fs';

/**
 * Calls `onGone` once if `file` is deleted or replaced while the bot runs (DATA_DIR removed by a
 * clean-up job, a volume unmounted). The open database keeps working on the deleted file, so
 * nothing fails: without this, the loss would only show at the next restart.
 */
export function watchForLoss(
  file: string,
  onGone: (how: 'deleted' | 'replaced') => void,
  intervalMs = 1000,
): { close(): void } {
  let told = false;
  const check = (current: Stats, previous: Stats) => {
    if (told) return;
    // fs.watchFile reports a missing file as all zeros.
    const how =
      current.ino === 0 ? 'deleted' : current.ino !== previous.ino ? 'replaced' : undefined;
    if (!how) return;
    told = true;
    onGone(how);
  };
  watchFile(file, { interval: intervalMs, persistent: false }, check);
  return { close: () => unwatchFile(file, check) };
}
