import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchDirectory } from '../../src/faq/watch.js';

describe('watchDirectory', () => {
  const closers: { close(): void }[] = [];
  afterEach(() => {
    for (const c of closers.splice(0)) c.close();
  });

  it('given several files written at once, then onChange runs once they have settled', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-watch-'));
    const onChange = vi.fn();
    const onError = vi.fn();
    closers.push(watchDirectory(dir, onChange, onError, 200));
    await Promise.all(['a', 'b', 'c'].map((n) => writeFile(path.join(dir, `${n}.md`), n)));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
    await rm(dir, { recursive: true });
  });

  it('given a folder that cannot be watched, then onError gets why and nothing throws', () => {
    const onChange = vi.fn();
    const onError = vi.fn();
    const missing = path.join(tmpdir(), 'faq-watch-missing', String(process.pid));
    const watcher = watchDirectory(missing, onChange, onError);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => watcher.close()).not.toThrow();
    expect(onChange).not.toHaveBeenCalled();
  });
});
