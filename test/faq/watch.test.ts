import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
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
    closers.push(watchDirectory(dir, onChange, onError, { debounceMs: 200 }));
    await Promise.all(['a', 'b', 'c'].map((n) => writeFile(path.join(dir, `${n}.md`), n)));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
    await rm(dir, { recursive: true });
  });

  it('given an edit storm that never settles (10 saves a second), then it still reloads every maxWaitMs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-watch-'));
    const onChange = vi.fn();
    closers.push(watchDirectory(dir, onChange, vi.fn(), { debounceMs: 300, maxWaitMs: 500 }));
    const stormMs = 2000;
    const started = Date.now();
    for (let i = 0; Date.now() - started < stormMs; i++) {
      await writeFile(path.join(dir, 'a.md'), String(i));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Each save came within the debounce of the last: without a maximum wait, none had reloaded yet.
    expect(onChange.mock.calls.length).toBeGreaterThanOrEqual(2);
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

  const quickly = { debounceMs: 50, pollMs: 50 };
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 400));

  it('given the path switched to another folder (a deploy swapping a symlink), then onChange says so and edits are seen in the new folder only', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'faq-watch-'));
    const [before, after, link] = ['release-1', 'release-2', 'faq'].map((n) => path.join(root, n));
    await Promise.all([mkdir(before!), mkdir(after!)]);
    await symlink(before!, link!);
    const onChange = vi.fn();
    const onError = vi.fn();
    closers.push(watchDirectory(link!, onChange, onError, quickly));

    await symlink(after!, `${link}.next`);
    await rename(`${link}.next`, link!);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith('folder replaced'));
    await quiet();
    onChange.mockClear();
    await writeFile(path.join(after!, 'a.md'), 'a');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith('file change'));
    await quiet();
    onChange.mockClear();
    await writeFile(path.join(before!, 'b.md'), 'b');
    await quiet();
    expect(onChange).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
    await rm(root, { recursive: true });
  });

  it('given the folder removed and later put back, then onChange runs for both and the new folder is watched', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-watch-'));
    const onChange = vi.fn();
    closers.push(watchDirectory(dir, onChange, () => {}, quickly));
    await rm(dir, { recursive: true });
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith('folder replaced'));
    await quiet();
    onChange.mockClear();
    await mkdir(dir);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith('folder replaced'));
    await quiet();
    onChange.mockClear();
    await writeFile(path.join(dir, 'a.md'), 'a');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith('file change'));
    await rm(dir, { recursive: true });
  });
});
