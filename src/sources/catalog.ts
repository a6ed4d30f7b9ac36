import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import type { CardOptions, MessageBody } from '../cards/render.js';
import { renderDocsCard, renderModelCard } from '../cards/source-cards.js';
import type { SearchIndex } from '../search/index.js';
import { DocsIndex, docsPageSchema, sectionFor, type DocsPage } from './docs.js';
import { ModelIndex, modelEndpointSchema, type ModelEndpoint } from './models.js';

/**
 * A searchable collection beside the FAQ: what its snapshot holds, how to index it and how its
 * card looks. Docs and models are two of these; a new source is one more.
 */
export interface SourceKind<D extends { id: string }> {
  /** `--source <name>` and the command's log name. */
  name: string;
  /** What its ids start with (`docs:`, `model:`). */
  prefix: string;
  schema: z.ZodType<D>;
  index(documents: readonly D[]): SearchIndex<D>;
  title(document: D): string;
  url(document: D): string;
  /** A card of the document; `anchor`: the section of it a query was about. */
  card(document: D, options: CardOptions, anchor?: string): MessageBody;
  /** The part of the document a query is about (a docs page's section), shown and linked. */
  section?(document: D, query: string): { title: string; anchor: string } | undefined;
}

export const DOCS: SourceKind<DocsPage> = {
  name: 'docs',
  prefix: 'docs:',
  schema: docsPageSchema as z.ZodType<DocsPage>,
  index: (pages) => new DocsIndex(pages),
  title: (page) => page.title,
  url: (page) => page.url,
  card: (page, options, anchor) => renderDocsCard(page, options, anchor),
  section: (page, query) => sectionFor(page, query),
};

export const MODELS: SourceKind<ModelEndpoint> = {
  name: 'models',
  prefix: 'model:',
  schema: modelEndpointSchema as z.ZodType<ModelEndpoint>,
  index: (models) => new ModelIndex(models),
  title: (model) => model.endpoint,
  url: (model) => `https://fal.ai/models/${model.endpoint}`,
  card: (model, options) => renderModelCard(model, options),
};

/** A snapshot file: where it came from, then its documents, one a line (readable diffs). */
export interface Snapshot<D> {
  source: string;
  documents: D[];
}

export class SnapshotError extends Error {}

/** Reads and validates a snapshot; a problem names the file and where in it. */
export async function readSnapshot<D extends { id: string }>(
  file: string,
  kind: SourceKind<D>,
): Promise<Snapshot<D>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new SnapshotError(
      `${file}: cannot read the ${kind.name} snapshot: ${(error as Error).message}`,
    );
  }
  const parsed = z.object({ source: z.string(), documents: z.array(kind.schema) }).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || 'snapshot'}: ${i.message}`);
    throw new SnapshotError(`${file}: invalid ${kind.name} snapshot:\n  ${problems.join('\n  ')}`);
  }
  const ids = new Set<string>();
  for (const d of parsed.data.documents) {
    if (!d.id.startsWith(kind.prefix))
      throw new SnapshotError(`${file}: ${d.id} does not start with ${kind.prefix}`);
    if (ids.has(d.id)) throw new SnapshotError(`${file}: ${d.id} is listed twice`);
    ids.add(d.id);
  }
  return parsed.data as Snapshot<D>;
}

export function formatSnapshot<D>(snapshot: Snapshot<D>): string {
  const lines = snapshot.documents.map((d) => `    ${JSON.stringify(d)}`);
  return `{\n  "source": ${JSON.stringify(snapshot.source)},\n  "documents": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

export interface SnapshotChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export function diffSnapshots<D extends { id: string }>(
  before: readonly D[],
  after: readonly D[],
): SnapshotChanges {
  const old = new Map(before.map((d) => [d.id, JSON.stringify(d)]));
  const now = new Map(after.map((d) => [d.id, JSON.stringify(d)]));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    changed: [...now].filter(([id, d]) => old.has(id) && old.get(id) !== d).map(([id]) => id),
    removed: [...old.keys()].filter((id) => !now.has(id)),
  };
}

/**
 * A source as the bot serves it: the snapshot's documents and their index, swapped as a whole on
 * reload; a snapshot that fails to read or validate keeps the last good one serving.
 */
export class Catalog<D extends { id: string }> {
  private constructor(
    readonly kind: SourceKind<D>,
    readonly file: string,
    private current: SearchIndex<D>,
  ) {}

  static async open<D extends { id: string }>(
    kind: SourceKind<D>,
    file: string,
  ): Promise<Catalog<D>> {
    const snapshot = await readSnapshot(file, kind);
    return new Catalog(kind, file, kind.index(snapshot.documents));
  }

  get index(): SearchIndex<D> {
    return this.current;
  }

  get(id: string): D | undefined {
    return this.current.get(id);
  }

  /** The snapshot file's modification time when last read: a reload skips a file not rewritten since. */
  private readMtimeMs = 0;

  /** Reads the snapshot again if it was rewritten since; keeps the last good one on any problem. */
  async reloadIfChanged(): Promise<
    { ok: true; changes: SnapshotChanges } | { ok: false; problem: string } | undefined
  > {
    const mtimeMs = await stat(this.file).then(
      (s) => s.mtimeMs,
      () => -1,
    );
    if (mtimeMs === this.readMtimeMs) return undefined;
    this.readMtimeMs = mtimeMs;
    return this.reload();
  }

  async reload(): Promise<{ ok: true; changes: SnapshotChanges } | { ok: false; problem: string }> {
    try {
      const snapshot = await readSnapshot(this.file, this.kind);
      const changes = diffSnapshots(this.current.entries, snapshot.documents);
      this.current = this.kind.index(snapshot.documents);
      return { ok: true, changes };
    } catch (error) {
      return { ok: false, problem: (error as Error).message };
    }
  }
}
