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

/**
 * Runs calls with the same key one after the other, in the order made (calls with other keys run
 * freely). Used where two at once would both act on a state neither has seen the other change.
 */
export function oneByOne(): <T>(key: string, run: () => Promise<T>) => Promise<T> {
  const busy = new Map<string, Promise<unknown>>();
  return <T>(key: string, run: () => Promise<T>) => {
    const result = (busy.get(key) ?? Promise.resolve()).then(run);
    const settled = result.catch(() => {});
    busy.set(key, settled);
    void settled.then(() => {
      if (busy.get(key) === settled) busy.delete(key);
    });
    return result;
  };
}
