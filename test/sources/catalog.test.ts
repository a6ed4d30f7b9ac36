import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Catalog,
  readSnapshot,
  SNAPSHOT_LIMITS,
  SnapshotError,
} from '../../src/sources/catalog.js';
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

  it('given a snapshot over the size limit, a link to /dev/zero or too many documents, then each is refused before it is parsed whole, naming why', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-snap-'));
    const big = path.join(dir, 'big.json');
    await writeFile(
      big,
      `{"source":"x","documents":[],"pad":"${'x'.repeat(SNAPSHOT_LIMITS.bytes)}"}`,
    );
    await expect(readSnapshot(big, DOCS)).rejects.toThrow(
      `bytes; at most ${SNAPSHOT_LIMITS.bytes}`,
    );
    const zero = path.join(dir, 'zero.json');
    await symlink('/dev/zero', zero);
    await expect(readSnapshot(zero, DOCS)).rejects.toThrow('not a regular file');
    const many = path.join(dir, 'many.json');
    const pages = Array.from({ length: SNAPSHOT_LIMITS.documents + 1 }, (_, i) =>
      page(`docs:documentation/p${i}`),
    );
    await writeFile(many, snapshot(pages));
    await expect(readSnapshot(many, DOCS)).rejects.toThrow(
      `${SNAPSHOT_LIMITS.documents + 1} docs documents; a snapshot holds at most ${SNAPSHOT_LIMITS.documents}`,
    );
  });

  it('given a field past its bound (a 5,000-character description), then the snapshot is refused naming the field', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'faq-snap-')), 'docs.json');
    await writeFile(
      file,
      snapshot([{ ...page('docs:documentation/a'), description: 'd'.repeat(5000) }]),
    );
    await expect(readSnapshot(file, DOCS)).rejects.toThrow('documents.0.description');
  });
});
