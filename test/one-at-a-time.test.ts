import { describe, expect, it, vi } from 'vitest';
import { oneAtATime } from '../src/one-at-a-time.js';

/** A run the test finishes by hand, recording when each run starts. */
function controlledRuns() {
  const started: number[] = [];
  const finish: ((outcome: { value?: number; error?: Error }) => void)[] = [];
  const run = () =>
    new Promise<number>((resolve, reject) => {
      const n = started.push(started.length + 1);
      finish.push(({ value, error }) => (error ? reject(error) : resolve(value ?? n)));
    });
  return { started, finish, run };
}

describe('oneAtATime', () => {
  it('given calls made while a run is in flight, then they share one more run that starts after it', async () => {
    const { started, finish, run } = controlledRuns();
    const call = oneAtATime(run);
    const first = call();
    const second = call();
    const third = call();
    expect(started).toEqual([1]);
    finish[0]!({});
    expect(await first).toBe(1);
    await vi.waitFor(() => expect(started).toEqual([1, 2]));
    expect(second).toBe(third);
    finish[1]!({});
    expect(await second).toBe(2);
  });

  it('given the run in flight fails, then its caller sees the error and the next run still happens', async () => {
    const { started, finish, run } = controlledRuns();
    const call = oneAtATime(run);
    const failing = call();
    const next = call();
    finish[0]!({ error: new Error('disk gone') });
    await expect(failing).rejects.toThrow('disk gone');
    await vi.waitFor(() => expect(started).toHaveLength(2));
    finish[1]!({ value: 7 });
    expect(await next).toBe(7);
  });

  it('given calls one after another, then each gets its own run', async () => {
    const { started, finish, run } = controlledRuns();
    const call = oneAtATime(run);
    for (let n = 0; n < 3; n++) {
      const pending = call();
      finish[n]!({});
      await pending;
    }
    expect(started).toEqual([1, 2, 3]);
  });
});
