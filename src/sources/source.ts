import type { CardOptions, MessageBody } from '../cards/render.js';
import type { Indexed, SearchIndex } from '../search/index.js';

/** Anything a source serves: a document with an id that starts with its source's prefix. */
export interface Document {
  id: string;
}

/** How a source changed on a reload: ids added, changed and removed. */
export interface Changes {
  added: string[];
  changed: string[];
  removed: string[];
}

/** What a reload did: taken (and what changed), or refused with why (the last good keeps serving). */
export type Reloaded = { ok: true; changes: Changes } | { ok: false; problem: string };

/**
 * A source as the bot serves it: the documents of its last good load and their index, swapped
 * whole on reload. The FAQ (a folder of files) and each snapshot source are one.
 */
export interface Collection<D extends Document = Document> {
  readonly source: Source<D>;
  /** The file or folder it is read from: what the bot watches. */
  readonly path: string;
  /** Every file it may be read from, when more than `path` (a snapshot and its refresh). */
  readonly files?: readonly string[];
  /** A refresh of it that was refused for being broken, and why. */
  readonly refused?: string;
  readonly index: SearchIndex<D>;
  get(id: string): D | undefined;
  /** Reads `path` again if it changed; undefined when nothing was read. */
  reloadIfChanged(): Promise<Reloaded | undefined>;
}

/** The slash command that answers from a source (`/docs topic:<page>`), when it has one. */
export interface SourceCommandSpec {
  name: string;
  description: string;
  /** The autocompleted option: `topic` for /docs, `endpoint` for /model. */
  option: string;
  optionDescription: string;
  /** What nothing matched says (e.g. "No docs page matches"). */
  nothing: string;
}

/**
 * One searchable source: where its documents come from, how they are indexed, titled, linked and
 * shown as a card. The registry lists every source; everything that needs to know the sources
 * (the bot, its watcher, the custom_ids of cards, the CLI, the sandboxes, the configuration of
 * where each is read from) derives from that list.
 */
export interface Source<D extends Document = Document> {
  /** `--source <name>`, the log's name for it. */
  name: string;
  /** What its ids start with (`docs:`, `model:`); the FAQ's bare ids have none. */
  prefix: string;
  /** Where it is read from: the configuration variable that names the file or folder, and its default. */
  location: { variable: string; default: string };
  /** Reads and validates it (throws naming the file on a problem: start-up must not serve half of it). */
  open(path: string, refreshed?: string): Promise<Collection<D>>;
  /** A snapshot that `faq import-… --refresh` may refresh under DATA_DIR (`refreshed` in `open`). */
  refreshable?: boolean;
  index(documents: readonly D[]): SearchIndex<D>;
  /** What the index reads of a document (also what the ranking across sources reads). */
  describe(document: D): Indexed;
  title(document: D): string;
  url(document: D): string;
  /** A card of the document; `anchor`: the section of it a query was about. */
  card(document: D, options: CardOptions, anchor?: string): MessageBody;
  /** The part of the document a query is about (a docs page's section), shown and linked. */
  section?(document: D, query: string): { title: string; anchor: string } | undefined;
  /** The anchors `card` accepts (a docs page's sections); none for others. */
  anchors?(document: D): string[];
  /**
   * Wordings of several words that name the document as members write them (an FAQ entry's
   * keywords such as "out of credits"): the ranking across sources counts one written as is.
   */
  phrases?(document: D): readonly string[];
  /**
   * How it counts in the ranking across sources (see `src/ranking`): `prior` multiplies what its
   * documents' words earn (default 1); `floor` is the share of a message its words must match for
   * a menu to stand on it alone (default `MENU.floor`); `answersOnWords`: free text that matches
   * one of its documents clearly on words alone gets its card (the FAQ's entries are answers; a
   * docs page or a model needs a signal, or the member picks it).
   */
  ranking?: { prior?: number; floor?: number; answersOnWords?: boolean };
  /** Its own slash command, built by `sourceCommand` (the FAQ's /faq is a module of its own). */
  command?: SourceCommandSpec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list holds sources of every document type
export type AnySource = Source<any>;

/** The changes between two sets of documents, by id and content. */
export function diffDocuments<D extends Document>(
  before: readonly D[],
  after: readonly D[],
): Changes {
  const old = new Map(before.map((d) => [d.id, JSON.stringify(d)]));
  const now = new Map(after.map((d) => [d.id, JSON.stringify(d)]));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    changed: [...now].filter(([id, d]) => old.has(id) && old.get(id) !== d).map(([id]) => id),
    removed: [...old.keys()].filter((id) => !now.has(id)),
  };
}
