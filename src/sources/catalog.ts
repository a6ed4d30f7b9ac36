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
    open: (file, refreshed) => Catalog.open(source, file, refreshed),
    refreshable: true,
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

/** A snapshot file's modification time, or -1 when there is none. */
async function mtimeOf(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.mtimeMs,
    () => -1,
  );
}

/**
 * Which of a snapshot's files is served: the refresh under DATA_DIR while it exists and is not
 * older than the shipped one; `times` are the files' modification times, shipped first.
 */
async function preferred(
  shipped: string,
  refreshed: string | undefined,
): Promise<{ file: string; times: number[] }> {
  const times = await Promise.all((refreshed ? [shipped, refreshed] : [shipped]).map(mtimeOf));
  const newer = refreshed !== undefined && times[1]! >= 0 && times[1]! >= times[0]!;
  return { file: newer ? refreshed : shipped, times };
}

/**
 * The snapshot a source serves (see `preferred`), read and validated: a refresh that is broken is
 * refused, and why, and the shipped one is read instead (a problem with it throws, naming it).
 */
export async function readServedSnapshot<D extends Document>(
  kind: SnapshotKind<D>,
  shipped: string,
  refreshed?: string,
): Promise<{ file: string; snapshot: Snapshot<D>; times: number[]; refused?: string }> {
  const { file, times } = await preferred(shipped, refreshed);
  let refused: string | undefined;
  if (file !== shipped)
    try {
      return { file, snapshot: await readSnapshot(file, kind), times };
    } catch (error) {
      refused = (error as Error).message;
    }
  return { file: shipped, snapshot: await readSnapshot(shipped, kind), times, refused };
}

/**
 * A source as the bot serves it: the snapshot's documents and their index, swapped as a whole on
 * reload; a snapshot that fails to read or validate keeps the last good one serving.
 *
 * A snapshot has two places: the one shipped with the release (`snapshots/docs.json`, which `git
 * pull` updates) and, optionally, a refresh written under DATA_DIR (`faq import-docs --refresh`),
 * which no pull touches. The newer of the two is served; a refresh that is broken is refused and
 * the shipped one (or, on a reload, the one already serving) is kept.
 */
export class Catalog<D extends Document> implements Collection<D> {
  /** The refresh that was skipped for being broken, and why (until one is served again). */
  refused: string | undefined;

  private constructor(
    readonly source: Source<D> & SnapshotKind<D>,
    private served: string,
    private current: SearchIndex<D>,
    readonly shipped: string,
    readonly refreshed: string | undefined,
  ) {}

  /** The file being served. */
  get path(): string {
    return this.served;
  }

  /** Every file it may be read from: the shipped snapshot, and the refresh under DATA_DIR. */
  get files(): string[] {
    return this.refreshed ? [this.shipped, this.refreshed] : [this.shipped];
  }

  static async open<D extends Document>(
    source: Source<D> & SnapshotKind<D>,
    file: string,
    refreshed?: string,
  ): Promise<Catalog<D>> {
    const served = await readServedSnapshot(source, file, refreshed);
    const catalog = new Catalog(
      source,
      served.file,
      source.index(served.snapshot.documents),
      file,
      refreshed,
    );
    catalog.readTimes = served.times;
    catalog.refused = served.refused;
    return catalog;
  }

  get index(): SearchIndex<D> {
    return this.current;
  }

  get(id: string): D | undefined {
    return this.current.get(id);
  }

  /** Each file's modification time when last read: a reload skips files not rewritten since. */
  private readTimes: number[] = [];

  /** Reads the snapshot again if either file was rewritten since; keeps the last good one on any problem. */
  async reloadIfChanged(): Promise<Reloaded | undefined> {
    const times = await Promise.all(this.files.map(mtimeOf));
    if (times.every((t, i) => t === this.readTimes[i])) return undefined;
    this.readTimes = times;
    return this.reload();
  }

  /** Reads the newer of the two files again (the shipped one when there is no refresh). */
  async reload(): Promise<Reloaded> {
    const { file } = await preferred(this.shipped, this.refreshed);
    try {
      const snapshot = await readSnapshot(file, this.source);
      const changes: Changes = diffDocuments(this.current.entries, snapshot.documents);
      this.current = this.source.index(snapshot.documents);
      this.served = file;
      if (file === this.refreshed) this.refused = undefined;
      return { ok: true, changes };
    } catch (error) {
      const problem = (error as Error).message;
      if (file === this.refreshed) this.refused = problem;
      return { ok: false, problem };
    }
  }
}
