import { mkdir, mkdtemp, symlink, utimes, writeFile } from 'node:fs/promises';
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

describe('a snapshot refreshed under DATA_DIR', () => {
  const setup = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-refresh-'));
    const shipped = path.join(dir, 'shipped.json');
    const refreshed = path.join(dir, 'data', 'docs.json');
    await mkdir(path.dirname(refreshed));
    await writeFile(shipped, snapshot([page('docs:documentation/shipped')]));
    return { shipped, refreshed };
  };
  const age = (file: string, seconds: number) =>
    utimes(file, Date.now() / 1000 - seconds, Date.now() / 1000 - seconds);

  it('given a refresh newer than the shipped snapshot, then the refresh is served; given the shipped one newer (a release pulled since), then the shipped one is', async () => {
    const { shipped, refreshed } = await setup();
    await writeFile(refreshed, snapshot([page('docs:documentation/refreshed')]));
    await age(shipped, 60);
    const catalog = await Catalog.open(DOCS, shipped, refreshed);
    expect(catalog.path).toBe(refreshed);
    expect(catalog.get('docs:documentation/refreshed')).toBeDefined();
    expect(catalog.files).toEqual([shipped, refreshed]);

    await age(refreshed, 120);
    expect(await catalog.reloadIfChanged()).toMatchObject({ ok: true });
    expect(catalog.path).toBe(shipped);
    expect(catalog.get('docs:documentation/shipped')).toBeDefined();
    expect((await Catalog.open(DOCS, shipped, refreshed)).path).toBe(shipped);
  });

  it('given a broken refresh, then it is refused naming the file and why, and the shipped one serves; on a reload the last good keeps serving', async () => {
    const { shipped, refreshed } = await setup();
    await age(shipped, 60);
    await writeFile(refreshed, '{ "source": "x", "documents": [ {"id": 1} ] }');
    const catalog = await Catalog.open(DOCS, shipped, refreshed);
    expect(catalog.path).toBe(shipped);
    expect(catalog.refused).toContain(`${refreshed}: invalid docs snapshot`);

    await writeFile(refreshed, snapshot([page('docs:documentation/refreshed')]));
    expect(await catalog.reloadIfChanged()).toMatchObject({ ok: true });
    expect(catalog.path).toBe(refreshed);
    expect(catalog.refused).toBeUndefined();

    await writeFile(refreshed, 'not json');
    expect(await catalog.reloadIfChanged()).toMatchObject({ ok: false });
    expect(catalog.get('docs:documentation/refreshed')).toBeDefined();
    expect(catalog.refused).toContain(refreshed);
  });
});
