import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { DOCS } from './docs.js';
import { FAQ, type FaqLibrary } from './faq.js';
import { MODELS } from './models.js';
import type { AnySource, Collection, Document, Source } from './source.js';

/**
 * Every source the bot answers from. A new source is a module that exports one `Source` and one
 * line here; what the bot, the CLI, the sandboxes and the custom_ids of its cards need of it is
 * derived from this list.
 */
export const SOURCES: readonly AnySource[] = [FAQ, DOCS, MODELS];

/** Where a source is read from: its configuration variable if set, else its default. */
export function locationOf(source: AnySource, config: Pick<Config, 'locations'>): string {
  return config.locations[source.location.variable] ?? source.location.default;
}

/**
 * Where a refresh of a snapshot source is written and read (`faq import-docs --refresh`): under
 * DATA_DIR, which a `git pull` of a new release never touches. Undefined for other sources.
 */
export function refreshLocationOf(
  source: AnySource,
  config: Partial<Pick<Config, 'DATA_DIR'>>,
): string | undefined {
  return source.refreshable && config.DATA_DIR
    ? path.join(config.DATA_DIR, 'snapshots', `${source.name}.json`)
    : undefined;
}

/** The sources as the bot serves them, one open collection each, in the registry's order. */
export class Sources {
  private readonly byName: Map<string, Collection>;

  constructor(readonly all: readonly Collection[]) {
    this.byName = new Map(all.map((c) => [c.source.name, c]));
  }

  /** The FAQ (a folder the pins follow). */
  get faq(): FaqLibrary {
    return this.of(FAQ) as FaqLibrary;
  }

  /** The open collection of `source` (which must be registered). */
  of<D extends Document>(source: Source<D>): Collection<D> {
    const found = this.byName.get(source.name);
    if (!found) throw new Error(`The source "${source.name}" is not registered`);
    return found as unknown as Collection<D>;
  }

  /** The collection an id belongs to, by its prefix (the longest that fits: bare ids are the FAQ's). */
  owning(id: string): Collection | undefined {
    let best: Collection | undefined;
    for (const c of this.all)
      if (
        id.startsWith(c.source.prefix) &&
        (!best || c.source.prefix.length > best.source.prefix.length)
      )
        best = c;
    return best;
  }

  /** What an id names, in whichever source has it: its document and that source. */
  find(id: string): { document: Document; source: AnySource } | undefined {
    const collection = this.owning(id);
    const document = collection?.get(id);
    return collection && document ? { document, source: collection.source } : undefined;
  }

  /** What a card's id names: its title, for stats and feedback; undefined for an id no source has. */
  titleOf(id: string): string | undefined {
    const found = this.find(id);
    return found && found.source.title(found.document);
  }
}

/** Snapshots opened in this process, by source and file. */
const opened = new WeakMap<AnySource, Map<string, Promise<Collection>>>();

/**
 * Opens every registered source at its configured location (throws naming the file when one is
 * unusable). `given` are collections already open (the FAQ the caller loaded and reports on).
 * A process that starts several bots (tests, benchmarks) reads each snapshot file once.
 */
export async function openSources(
  config: Pick<Config, 'locations'> & Partial<Pick<Config, 'DATA_DIR'>>,
  options: { registry?: readonly AnySource[]; given?: readonly Collection[] } = {},
): Promise<Sources> {
  const registry = options.registry ?? SOURCES;
  const all = await Promise.all(
    registry.map((source) => {
      const given = options.given?.find((c) => c.source.name === source.name);
      if (given) return given;
      const file = locationOf(source, config);
      const refreshed = refreshLocationOf(source, config);
      // The FAQ folder is edited while tests run, and a refresh is DATA_DIR's: only snapshots
      // shipped as they are are shared.
      if (source === FAQ || (refreshed && existsSync(refreshed)))
        return source.open(file, refreshed);
      const files = opened.get(source) ?? new Map<string, Promise<Collection>>();
      opened.set(source, files);
      const key = `${file}\0${refreshed ?? ''}`;
      let collection = files.get(key);
      if (!collection) {
        collection = source.open(file, refreshed);
        collection.catch(() => files.delete(key));
        files.set(key, collection);
      }
      return collection;
    }),
  );
  return new Sources(all);
}
