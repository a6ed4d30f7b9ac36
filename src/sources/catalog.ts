import { stat } from 'node:fs/promises';
import { readRegularFile } from '../files.js';
import { z } from 'zod';
import { MAX_CARD_ID } from '../discord/custom-id.js';
import { SearchIndex } from '../search/index.js';
import {
  diffDocuments,
  type Changes,
  type Collection,
  type Document,
  type Reloaded,
  type Source,
} from './source.js';

/** What reading a snapshot needs to know of its source. */
export interface SnapshotKind<D extends Document> extends Pick<
  Source<D>,
  'name' | 'prefix' | 'location'
> {
  schema: z.ZodType<D>;
}

/**
 * A source whose documents are a snapshot file (`snapshots/docs.json`), validated against its
 * schema: the source with `open` filled in. A snapshot that fails to read or validate on reload
 * keeps the last good one serving.
 */
export function snapshotSource<D extends Document>(
  spec: Omit<Source<D>, 'open' | 'index'> &
    Partial<Pick<Source<D>, 'index'>> & { schema: z.ZodType<D> },
): Source<D> & SnapshotKind<D> {
  const source: Source<D> & SnapshotKind<D> = {
    index: (documents) => new SearchIndex(documents, spec.describe),
    ...spec,
    open: (file) => Catalog.open(source, file),
  };
  return source;
}

/** A snapshot file: where it came from, then its documents, one a line (readable diffs). */
export interface Snapshot<D> {
  source: string;
  documents: D[];
}

/** A snapshot that cannot be served; `variable` names where it is configured. */
export class SnapshotError extends Error {
  constructor(
    message: string,
    readonly variable?: string,
  ) {
    super(message);
  }
}

/**
 * Why one document of a snapshot cannot be served, or undefined when it can: the source's schema,
 * its id's prefix, and an id short enough to ride in a card's feedback custom_id (Discord's 100
 * characters) and in a suggestion's value. The one check the bot reads with and importers write with.
 */
export function documentProblem<D extends Document>(
  kind: SnapshotKind<D>,
  document: unknown,
): string | undefined {
  const parsed = kind.schema.safeParse(document);
  if (!parsed.success)
    return parsed.error.issues
      .map((i) => `${i.path.join('.') || 'document'}: ${i.message}`)
      .join('; ');
  return idProblem(kind, parsed.data.id);
}

/** What is wrong with the id of a document its schema took: its prefix, or its length. */
function idProblem(kind: Pick<SnapshotKind<Document>, 'prefix'>, id: string): string | undefined {
  if (!id.startsWith(kind.prefix)) return `id: ${id} does not start with ${kind.prefix}`;
  if (id.length > MAX_CARD_ID)
    return `id: ${id} is ${id.length} characters; at most ${MAX_CARD_ID} (Discord carries it in a card's buttons)`;
  return undefined;
}

/**
 * What one snapshot may hold, whatever is put in its place: the bot reads it whole and indexes it in
 * memory, so a runaway import or a file swapped for another must be refused, not loaded. The shipped
 * ones are far inside (docs 193 pages in 68 KB, models 1,207 endpoints in 2.1 MB).
 */
export const SNAPSHOT_LIMITS = { bytes: 8 * 1024 * 1024, documents: 20_000 } as const;

/** Reads and validates a snapshot; a problem names the file and where in it. */
export async function readSnapshot<D extends Document>(
  file: string,
  kind: SnapshotKind<D>,
): Promise<Snapshot<D>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readRegularFile(file, SNAPSHOT_LIMITS.bytes));
  } catch (error) {
    throw new SnapshotError(
      `${file}: cannot read the ${kind.name} snapshot: ${(error as Error).message}`,
      kind.location.variable,
    );
  }
  const count = (raw as { documents?: unknown[] } | null)?.documents?.length ?? 0;
  if (count > SNAPSHOT_LIMITS.documents)
    throw new SnapshotError(
      `${file}: ${count} ${kind.name} documents; a snapshot holds at most ${SNAPSHOT_LIMITS.documents}`,
      kind.location.variable,
    );
  const parsed = z.object({ source: z.string(), documents: z.array(kind.schema) }).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || 'snapshot'}: ${i.message}`);
    throw new SnapshotError(
      `${file}: invalid ${kind.name} snapshot:\n  ${problems.join('\n  ')}`,
      kind.location.variable,
    );
  }
  const ids = new Set<string>();
  for (const [i, d] of parsed.data.documents.entries()) {
    // The schema took every document above: what is left to check is the id.
    const problem = idProblem(kind, d.id);
    if (problem)
      throw new SnapshotError(`${file}: documents.${i}: ${problem}`, kind.location.variable);
    if (ids.has(d.id))
      throw new SnapshotError(`${file}: ${d.id} is listed twice`, kind.location.variable);
    ids.add(d.id);
  }
  return parsed.data as Snapshot<D>;
}

export function formatSnapshot<D>(snapshot: Snapshot<D>): string {
  const lines = snapshot.documents.map((d) => `    ${JSON.stringify(d)}`);
  return `{\n  "source": ${JSON.stringify(snapshot.source)},\n  "documents": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/**
 * A source as the bot serves it: the snapshot's documents and their index, swapped as a whole on
 * reload; a snapshot that fails to read or validate keeps the last good one serving.
 */
export class Catalog<D extends Document> implements Collection<D> {
  private constructor(
    readonly source: Source<D> & SnapshotKind<D>,
    readonly path: string,
    private current: SearchIndex<D>,
  ) {}

  static async open<D extends Document>(
    source: Source<D> & SnapshotKind<D>,
    file: string,
  ): Promise<Catalog<D>> {
    const snapshot = await readSnapshot(file, source);
    return new Catalog(source, file, source.index(snapshot.documents));
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
  async reloadIfChanged(): Promise<Reloaded | undefined> {
    const mtimeMs = await stat(this.path).then(
      (s) => s.mtimeMs,
      () => -1,
    );
    if (mtimeMs === this.readMtimeMs) return undefined;
    this.readMtimeMs = mtimeMs;
    return this.reload();
  }

  async reload(): Promise<Reloaded> {
    try {
      const snapshot = await readSnapshot(this.path, this.source);
      const changes: Changes = diffDocuments(this.current.entries, snapshot.documents);
      this.current = this.source.index(snapshot.documents);
      return { ok: true, changes };
    } catch (error) {
      return { ok: false, problem: (error as Error).message };
    }
  }
}
