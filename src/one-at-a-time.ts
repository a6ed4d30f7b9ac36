/**
 * Wraps `run` so that one call runs at a time. A call made while a run is in flight does not
 * join it, because what that run read may have changed since: it gets one more run after the
 * current one, shared by every call made meanwhile. Used where a run reads state that keeps
 * changing (the FAQ folder, the pinned cards) and the last run must see the latest of it.
 */
export function oneAtATime<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    current = run().finally(() => (current = undefined));
    return current;
  };
  return () => {
    if (!current) return start();
    next ??= current
      .catch(() => {})
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}
