import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog, readSnapshot, SnapshotError } from '../../src/sources/catalog.js';
import { DOCS, type DocsPage } from '../../src/sources/docs.js';

const page = (id: string): DocsPage => ({
  id,
  title: 'A page',
  url: `https://fal.ai/docs/${id.slice('docs:'.length)}`,
  description: '',
  section: [],
  headings: [],
});
const snapshot = (pages: DocsPage[]) => JSON.stringify({ source: 'test', documents: pages });

describe('readSnapshot', () => {
  it('given a document whose id is too long for a card’s buttons, then the snapshot is refused naming it, and a catalog keeps serving the last good one', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'faq-snap-')), 'docs.json');
    await writeFile(file, snapshot([page('docs:documentation/ok')]));
    const catalog = await Catalog.open(DOCS, file);
    const long = `docs:documentation/${'a'.repeat(71)}`;
    await writeFile(file, snapshot([page('docs:documentation/ok'), page(long)]));
    const refused = readSnapshot(file, DOCS);
    await expect(refused).rejects.toThrow(SnapshotError);
    await expect(refused).rejects.toThrow(
      `documents.1: id: ${long} is 90 characters; at most 88 (Discord carries it in a card's buttons)`,
    );
    expect(await catalog.reload()).toMatchObject({ ok: false });
    expect(catalog.get('docs:documentation/ok')).toBeDefined();
  });
});
