import { SearchIndex, type Indexed, type SearchHit } from '../search/index.js';
import { isCommonWord } from '../search/common-words.js';
import { osaDistance } from '../search/distance.js';
import { isStopWord, stem, words } from '../search/text.js';
import type { Sources } from '../sources/registry.js';
import type { AnySource, Collection, Document } from '../sources/source.js';
import { Mappings, type Rule, type RuleMatch } from './mappings.js';
import { readMessage, type Reading } from './reading.js';

/** One document of any source, as the ranking across sources holds it. */
export interface Ranked {
  id: string;
  source: AnySource;
  document: Document;
}

export interface RankedHit extends Ranked {
  /** On one scale across sources: how well the document answers what was written. */
  score: number;
  /** Why it is here: `words`, `named`, `endpoint`, `status 401`, a rule's phrase, `taught`. */
  reasons: string[];
  /**
   * Whether something beyond shared words vouches for it: an endpoint named, a status or error
   * text a mapping knows, a taught wording (a tool's name, a hint, does not).
   */
  signalled: boolean;
  /** Whether what vouches for it names it outright: an endpoint, an error text, a taught wording. */
  named: boolean;
  /**
   * Whether a word of its subject that few documents share is in the message: "request" or
   * "api" is in half the docs, "invoice" or "concurrency" says what the message is about.
   */
  anchored: boolean;
  /** Whether what was written is a short topic (a few words), all of it subject. */
  short: boolean;
  /** The share of what was written that its words match (no signal counted). */
  words: number;
}

/**
 * What each kind of evidence adds to a document's score, against the share of the message its
 * words match (0–1, rarely above 0.5 for a whole message):
 * - `endpoint`: the message names the endpoint (`fal-ai/veo3`, a fal.run or model page link);
 * - `text`: it quotes an error text a mapping knows (`User is locked`);
 * - `taught`: a moderator taught a wording like it (scaled by how alike they are);
 * - `status`: an HTTP status a mapping knows (401);
 * - `named`: every word of the document's title or id is in the message (`Flux Pro 1.1`);
 * - `term`: a tool or API name a mapping knows (`fal_client`): a hint.
 * A mapping's further answers get a little less than its first.
 */
export const EVIDENCE = {
  endpoint: 1,
  text: 0.6,
  taught: 0.8,
  status: 0.35,
  named: 0.2,
  term: 0.2,
  laterAnswer: 0.8,
  /** An endpoint written with a typo ("fal-ai/flux-pro/v1.1-ultr") counts this much of one exact. */
  nearEndpoint: 0.8,
  /** The weight of taught wordings in their answer's index fields (an FAQ keyword's is 0.9). */
  taughtField: 0.8,
  /**
   * A wording its source gives for it written as is (an FAQ keyword of two words or more: "out
   * of credits", "data retention"): a hint, half a tool's name, as its words already count.
   */
  phrase: 0.1,
} as const;

export const MENU = {
  /** Options in the Answer-with-FAQ menu (and did-you-mean lines). */
  size: 5,
  /**
   * A menu needs at least this much to stand on: a signal, or words matching this share of what
   * the message says. Below it the bot says that nothing fits instead of offering noise.
   */
  floor: 0.32,
  /** Options at least this fraction as good as the best; a fixed floor would empty long messages' menus. */
  relative: 0.15,
  /** ...and at least this good, whatever the best. */
  least: 0.05,
} as const;

/**
 * When free text gets a public card: the best must have this much evidence and lead the next by
 * `margin`, and its words must be more than one common word (or something else must vouch for it).
 */
export const CONFIDENT = { score: 0.5, margin: 0.1, shortTopic: 6 } as const;

/** How many of a message's distinct words the ranking reads (autocomplete reads 16). */
const MESSAGE_WORDS = 48;
/** See SearchIndex's `minWordWeight`: "lock the seed" is about seeds, which most models take. */
const MIN_WORD_WEIGHT = 0.35;
/** A topic of at most this many words is all subject: it needs no rare word to anchor it. */
const SHORT_TOPIC = 4;
/** How rare (SearchIndex.rarity) a subject word must be to anchor a menu on words alone. */
const ANCHOR = 0.6;
/** Paths of a message looked up as endpoints (a pasted log may hold hundreds). */
const MAX_PATHS = 8;
/** Hits taken from the words before signals are added. */
const WORD_HITS = 20;

export type MenuResult =
  | { kind: 'menu'; hits: RankedHit[] }
  /** Nothing fits: say so (and where to get help). */
  | { kind: 'nothing'; reason: 'no-evidence' | 'foreign' }
  /** A mapping says people must handle this (a refund, an admin lock): say where. */
  | { kind: 'support'; matched: string };

export type TopicResult =
  | { kind: 'answer'; hit: RankedHit; others: RankedHit[] }
  | { kind: 'no-match'; suggestions: RankedHit[] };

/**
 * The one ranking of what a member wrote across every source: FAQ entries, docs pages and model
 * endpoints on one scale, with what the message shows besides its words (endpoint ids, statuses,
 * error texts and tool names the mappings know, wordings moderators taught).
 */
export class Ranking {
  /** The index of each set of rules (their taught wordings are in it), for the sources as they are. */
  private readonly cache = new WeakMap<
    Mappings,
    { indexes: readonly unknown[]; index: SearchIndex<Ranked>; phrases: Mappings }
  >();

  constructor(
    private readonly sources: Sources,
    /**
     * The mappings and teachings as they are now (both change while the bot runs), for a server
     * (null: a DM; undefined: every server's, as the CLI ranks).
     */
    private readonly mappings: (guildId?: string | null) => Mappings = () => EMPTY,
  ) {}

  /** The index over every source, and the wordings they give, rebuilt when any source reloaded. */
  private indexed(mappings: Mappings = EMPTY): { index: SearchIndex<Ranked>; phrases: Mappings } {
    const rules = mappings.taught.size > 0 ? mappings : EMPTY;
    const indexes = this.sources.all.map((c) => c.index);
    let cached = this.cache.get(rules);
    if (!cached || indexes.some((x, i) => x !== cached!.indexes[i])) {
      cached = {
        indexes,
        index: combinedIndex(this.sources, rules.taught),
        // The sources' own wordings do not change with what a server taught: built once, with
        // the index of no teachings (which every ranking reads for rarities anyway).
        phrases: rules === EMPTY ? sourcePhrases(this.sources) : this.indexed().phrases,
      };
      this.cache.set(rules, cached);
    }
    return cached;
  }

  private index(): SearchIndex<Ranked> {
    return this.indexed().index;
  }

  /** How rare a word is across every source (see SearchIndex.rarity). */
  rarity(word: string): number {
    return this.index().rarity(word);
  }

  /** Every document that answers `text`, best first, with why. */
  rank(
    text: string,
    guildId?: string | null,
  ): { hits: RankedHit[]; reading: Reading; matches: RuleMatch[] } {
    const reading = readMessage(text);
    const mappings = this.mappings(guildId);
    const { index, phrases } = this.indexed(mappings);
    const byId = new Map<string, RankedHit>();
    const said = termsOf(reading.prose);
    const foreign = reading.foreign || this.unreadable(reading.prose);
    if (!foreign)
      for (const h of index.search(reading.prose, WORD_HITS)) {
        const hit = toHit(h, h.entry.source.ranking?.prior ?? 1);
        if (isNamed(h.entry, said)) add(hit, EVIDENCE.named, 'named', false);
        // A short topic is all subject; a long message must show what it is about.
        hit.short = said.size <= SHORT_TOPIC;
        hit.anchored = h.rarest >= ANCHOR || hit.short;
        byId.set(hit.id, hit);
      }
    const evidence = (id: string, weight: number, reason: string, named: boolean) => {
      const found = this.sources.find(id);
      if (!found) return;
      let hit = byId.get(id);
      if (!hit)
        byId.set(
          id,
          (hit = {
            id,
            source: found.source,
            document: found.document,
            score: 0,
            words: 0,
            reasons: [],
            signalled: false,
            named: false,
            anchored: false,
            short: false,
          }),
        );
      add(hit, weight, reason, reason !== 'hint', named);
    };
    const models = this.modelCollection();
    if (models)
      for (const path of reading.paths.slice(0, MAX_PATHS)) {
        const exact = endpointFor(path, (id) => models.get(id));
        const found = exact ?? nearEndpoint(path, models.index.entries);
        if (found && !byId.get(found.id)?.reasons.includes('endpoint'))
          evidence(
            found.id,
            EVIDENCE.endpoint * (exact ? 1 : EVIDENCE.nearEndpoint),
            'endpoint',
            true,
          );
      }
    const matches = mappings.match(text, reading.statuses, (t) => index.termRarity(t));
    for (const m of matches)
      m.rule.answers.forEach((id, j) =>
        evidence(
          id,
          EVIDENCE[m.kind] * m.similarity * (j === 0 ? 1 : EVIDENCE.laterAnswer),
          m.kind === 'term' ? 'hint' : m.matched,
          m.kind === 'text' || m.kind === 'taught',
        ),
      );
    for (const m of phrases.match(text, []))
      for (const id of m.rule.answers) evidence(id, EVIDENCE.phrase, 'hint', false);
    return { hits: [...byId.values()].sort(byScore), reading, matches };
  }

  /** What "Answer with FAQ" offers for a message: a menu, or that nothing fits, or that people must. */
  menu(message: string, guildId?: string | null): MenuResult {
    const { hits, reading, matches } = this.rank(message, guildId);
    const support = matches.find((m) => m.rule.support);
    if (support) return { kind: 'support', matched: support.matched };
    if (!hits.some(standsAlone))
      return { kind: 'nothing', reason: reading.foreign ? 'foreign' : 'no-evidence' };
    const cut = Math.max(MENU.least, hits[0]!.score * MENU.relative);
    return { kind: 'menu', hits: hits.filter((h) => h.score >= cut).slice(0, MENU.size) };
  }

  /**
   * What free text typed into /faq without picking means: one document when the evidence holds
   * up, else the closest (none when nothing is close).
   */
  resolve(topic: string, guildId?: string | null): TopicResult {
    const { hits, reading } = this.rank(topic, guildId);
    const [best, next] = hits;
    const close = hits.filter(standsAlone).slice(0, MENU.size);
    const no: TopicResult = { kind: 'no-match', suggestions: close };
    if (!best || reading.foreign || (next && best.score - next.score < CONFIDENT.margin)) return no;
    const answer: TopicResult = {
      kind: 'answer',
      hit: best,
      others: close.filter((h) => h !== best),
    };
    // What was typed is hardly more than an endpoint or error text that names the answer.
    if (
      best.named &&
      termsOf(reading.prose).size <= CONFIDENT.shortTopic &&
      best.score >= CONFIDENT.score
    )
      return answer;
    // On words alone, only a source whose documents are answers (the FAQ) posts, and only when its
    // own index, where a word it never uses weighs against it ("lock the seed": the FAQ has no
    // seeds), finds the same document clearly, on more than one common word.
    if (!best.source.ranking?.answersOnWords) return no;
    const own = this.sources.of(best.source).index;
    const [first, second] = own.search(topic, 2);
    if (
      first &&
      first.entry.id === best.id &&
      first.strength >= CONFIDENT.score &&
      (!second || first.score - second.score >= CONFIDENT.margin) &&
      this.moreThanOneCommonWord(topic, best)
    )
      return answer;
    return no;
  }

  /**
   * Whether a document's match rests on more than one common English word: "rate" or "public"
   * alone is shared by too many questions to be about this one.
   */
  private moreThanOneCommonWord(topic: string, hit: RankedHit): boolean {
    const own = termsOf(
      hit.source
        .describe(hit.document)
        .fields.map((f) => f.text)
        .join(' '),
    );
    const shared = [...new Set(words(topic).filter((w) => !isStopWord(w)))].filter((w) =>
      own.has(stem(w)),
    );
    return shared.length >= 2 || shared.some((w) => !isCommonWord(w));
  }

  /**
   * A message most of whose words are neither English nor the index's own (another language
   * written in Latin letters): its stray English words are no evidence.
   */
  private unreadable(prose: string): boolean {
    const all = words(prose).filter((w) => w.length >= 3 && !/\d/.test(w));
    if (all.length < 4) return false;
    const known = all.filter((w) => isStopWord(w) || isCommonWord(w) || this.index().has(w));
    return known.length * 2 < all.length;
  }

  private modelCollection(): Collection | undefined {
    return this.sources.all.find((c) => c.source.prefix === 'model:');
  }
}

const EMPTY = new Mappings([]);

function add(hit: RankedHit, weight: number, reason: string, signal: boolean, named = false): void {
  hit.score += weight;
  hit.reasons.push(reason);
  if (signal) hit.signalled = true;
  if (named) hit.named = true;
}

/**
 * Enough for a menu to stand on: a signal, or words matching its source's floor (its name in
 * full, and a tool's name in a short topic, counting with them).
 */
const standsAlone = (h: RankedHit) => {
  if (h.signalled) return true;
  const named = h.reasons.includes('named');
  if (!h.anchored && !named) return false;
  const support =
    h.words +
    (named ? EVIDENCE.named : 0) +
    (h.short && h.reasons.includes('hint') ? EVIDENCE.term : 0);
  return support >= (h.source.ranking?.floor ?? MENU.floor);
};

const byScore = (a: RankedHit, b: RankedHit) => b.score - a.score;

/**
 * The index over every source at once, so that one idf and one share of what the message says
 * put a docs page, an FAQ entry and a model on one scale. A docs page the FAQ is made of (the FAQ
 * page itself) is left out: its entries answer in its place, one question each.
 */
export function combinedIndex(
  sources: Sources,
  taught: ReadonlyMap<string, readonly string[]> = new Map(),
): SearchIndex<Ranked> {
  const faq = sources.faq;
  const faqUrls = new Set(faq.index.entries.map((e) => bare(faq.source.url(e))));
  const documents: Ranked[] = [];
  for (const collection of sources.all) {
    const { source } = collection;
    for (const document of collection.index.entries) {
      if (collection !== faq && faqUrls.has(bare(source.url(document)))) continue;
      documents.push({ id: document.id, source, document });
    }
  }
  const describe = (r: Ranked): Indexed => {
    const own = r.source.describe(r.document);
    const wordings = taught.get(r.id);
    if (!wordings?.length) return own;
    // What members wrote for it is what it is about, as an FAQ entry's keywords are.
    return {
      ...own,
      fields: [
        ...own.fields,
        { text: wordings.join(' \n '), weight: EVIDENCE.taughtField, evidence: true },
      ],
    };
  };
  return new SearchIndex(documents, describe, {
    maxWords: MESSAGE_WORDS,
    minWordWeight: MIN_WORD_WEIGHT,
  });
}

/** The wordings sources give for their documents (FAQ keywords of two words or more), as rules. */
function sourcePhrases(sources: Sources): Mappings {
  const rules: Rule[] = [];
  for (const { source, index } of sources.all)
    if (source.phrases)
      for (const document of index.entries) {
        const phrases = source.phrases(document);
        if (phrases.length)
          rules.push({
            phrases: [...phrases],
            statuses: [],
            similar: [],
            answers: [document.id],
            strength: 'hint',
            at: source.name,
          });
      }
  return new Mappings(rules);
}

const bare = (url: string) => url.replace(/#.*$/, '').replace(/\/+$/, '');

function toHit(h: SearchHit<Ranked>, prior: number): RankedHit {
  // Fields named, not spread: a spread here cost a microsecond a hit, a tenth of a post's ranking.
  return {
    id: h.entry.id,
    source: h.entry.source,
    document: h.entry.document,
    score: h.score * prior,
    words: h.score,
    reasons: ['words'],
    signalled: false,
    named: false,
    anchored: false,
    short: false,
  };
}

/** The stemmed words of a text, a version's "v" aside ("v1.1" is "1.1"). */
function termsOf(text: string): Set<string> {
  return new Set(
    words(text)
      .filter((w) => !isStopWord(w))
      .map((w) => stem(w.replace(/^v(?=\d)/, ''))),
  );
}

/**
 * Every word (two at least, one of them not common English) of the document's title or id is in
 * the message: it is named. "Flux Pro 1.1" names a model; "quick start" in a message is chat.
 */
function isNamed(r: Ranked, said: Set<string>): boolean {
  let name = NAMES.get(r.document);
  if (!name) {
    const title = r.source.describe(r.document).fields.find((f) => f.evidence)?.text ?? '';
    const own = words(title).filter((w) => !isStopWord(w));
    const terms = termsOf(title);
    name = { terms: [...terms], uncommon: terms.size >= 2 && !own.every(isCommonWord) };
    NAMES.set(r.document, name);
  }
  return name.uncommon && name.terms.every((t) => said.has(t));
}

/** Each document's name as `isNamed` reads it, worked out once (a message checks twenty). */
const NAMES = new WeakMap<Document, { terms: string[]; uncommon: boolean }>();

/**
 * The one endpoint a path written with a typo means: one edit away, the `fal-ai/` it may lack
 * added; none when two are as near (a guess between them is no evidence). Two edits would turn
 * "v2.1" into "v2.6": another model.
 */
function nearEndpoint(path: string, models: readonly Document[]): Document | undefined {
  const written = path.toLowerCase().replace(/\/+$/, '');
  if (written.length < 8 || written.length > 200) return undefined;
  const forms = written.startsWith('fal-ai/') ? [written] : [written, `fal-ai/${written}`];
  let best: { model: Document; distance: number } | undefined;
  let tied = false;
  const byLength = endpointsByLength(models);
  for (const form of forms)
    for (let length = form.length - 1; length <= form.length + 1; length++)
      for (const { model, endpoint } of byLength.get(length) ?? []) {
        if (!mayBeOneEditApart(form, endpoint)) continue;
        const distance = osaDistance(form, endpoint);
        if (distance > 1) continue;
        if (!best || distance < best.distance) {
          best = { model, distance };
          tied = false;
        } else if (distance === best.distance && best.model !== model) tied = true;
      }
  return best && !tied ? best.model : undefined;
}

/**
 * Whether two strings can be one edit (or one swap of neighbours) apart: what they share at the
 * start and at the end must leave at most two characters. A cheap test that spares the distance
 * for the thousand endpoints a path is nowhere near.
 */
function mayBeOneEditApart(a: string, b: string): boolean {
  const longest = Math.max(a.length, b.length);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (
    end < a.length - start &&
    end < b.length - start &&
    a[a.length - 1 - end] === b[b.length - 1 - end]
  )
    end++;
  return start + end >= longest - 2;
}

/** The endpoints of a catalog by the length of their id, lowercased: worked out once per catalog. */
function endpointsByLength(models: readonly Document[]) {
  let found = BY_LENGTH.get(models);
  if (!found) {
    found = new Map();
    for (const model of models) {
      const endpoint = model.id.slice('model:'.length).toLowerCase();
      const same = found.get(endpoint.length) ?? [];
      same.push({ model, endpoint });
      found.set(endpoint.length, same);
    }
    BY_LENGTH.set(models, found);
  }
  return found;
}

const BY_LENGTH = new WeakMap<
  readonly Document[],
  Map<number, { model: Document; endpoint: string }[]>
>();

/**
 * The endpoint a written path names: itself, with the `fal-ai/` it often lacks, or the longest
 * endpoint it begins with (a queue URL goes on with `/requests/<id>/status`).
 */
function endpointFor(path: string, get: (id: string) => Document | undefined) {
  const parts = path.split('/').filter(Boolean);
  for (let n = parts.length; n >= 1; n--) {
    const candidate = parts.slice(0, n).join('/');
    const found = get(`model:${candidate}`) ?? get(`model:fal-ai/${candidate}`);
    if (found) return found;
  }
  return undefined;
}
