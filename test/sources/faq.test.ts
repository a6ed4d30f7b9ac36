import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FaqLibrary } from '../../src/sources/faq.js';
import type * as Load from '../../src/faq/load.js';

/** Lets a test hold one reload between reading the folder and swapping the index. */
const gate = vi.hoisted(() => ({
  once: undefined as { reached: () => void; release: Promise<void> } | undefined,
}));

vi.mock('../../src/faq/load.js', async (importOriginal) => {
  const real = await importOriginal<typeof Load>();
  return {
    ...real,
    loadFaqDir: async (dir: string) => {
      const read = await real.loadFaqDir(dir);
      const held = gate.once;
      gate.once = undefined;
      if (held) {
        held.reached();
        await held.release;
      }
      return read;
    },
  };
});

const entryText = (answer: string) =>
  `---\nquestion: "Is there a rate limit?"\nkeywords: [concurrency]\nurl: https://fal.ai/docs/x\ncategory: usage\n---\n${answer}\n`;

/** A library over a fresh folder with one entry, and that entry's file. */
async function libraryOfOne(answer: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'faq-reload-'));
  const file = path.join(dir, 'rate-limit.md');
  await writeFile(file, entryText(answer));
  return { library: await FaqLibrary.open(dir), file };
}

describe('FaqLibrary.reload', () => {
  it('given a reload still busy with what it read before a later edit, then a reload asked for meanwhile ends serving the later edit', async () => {
    const { library, file } = await libraryOfOne('First answer.');

    await writeFile(file, entryText('Second answer.'));
    let release!: () => void;
    const reached = new Promise<void>((reach) => {
      gate.once = { reached: reach, release: new Promise((r) => (release = r)) };
    });
    const early = library.reload();
    await reached;

    await writeFile(file, entryText('Third answer.'));
    const late = library.reload();
    // Let the later reload finish first if it is allowed to (it must not be), then let the early one go.
    await Promise.race([late, new Promise((r) => setTimeout(r, 200))]);
    release();

    expect(await early).toMatchObject({ ok: true, changes: { changed: ['rate-limit'] } });
    expect(await late).toMatchObject({ ok: true, changes: { changed: ['rate-limit'] } });
    expect(library.get('rate-limit')?.answer).toBe('Third answer.');
  });

  it('given an invalid edit, then the reload reports it and the previous entries keep serving', async () => {
    const { library, file } = await libraryOfOne('First answer.');
    await writeFile(file, entryText('First answer.').replace('category: usage', 'category: [x'));
    const result = await library.reload();
    expect(result.ok).toBe(false);
    expect(library.get('rate-limit')?.answer).toBe('First answer.');
  });
});
