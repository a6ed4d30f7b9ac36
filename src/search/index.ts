import Fuse from 'fuse.js';
import { typoDistance } from './distance.js';
import { isCommonWord } from './common-words.js';
import { isStopWord, stem, words } from './text.js';
import { SYNONYM_SIMILARITY, synonymsOf } from './synonyms.js';

export const MAX_RESULTS = 25;

export interface SearchHit<D> {
  entry: D;
  /**
   * Relevance from 0 (nothing matched) to 1: the share of what the query says (each word weighted
   * by how rare it is in the FAQ) that the entry matches, by where it matches (question > keywords >
   * answer) and how sure the word is (exact > begun > typo).
   */
  score: number;
  /** The same share counting only the question and the keywords: evidence that this entry is the subject. */
  strength: number;
  /** The rarity of the rarest query word it matches in its evidence fields (0 when none). */
  rarest: number;
}

/** How much a word counts depending on where in an FAQ entry it stands. */
export const FIELD_WEIGHT = { question: 1, keywords: 0.9, answer: 0.45 } as const;

/**
 * What a collection tells the index of one of its documents: its id, its text in weighted fields,
 * and how to order it when nothing is typed. A field marked `evidence` (an FAQ question or its
 * keywords, a docs page's title) is what the document is about: a match there is evidence.
 */
export interface Indexed {
  id: string;
  fields: { text: string; weight: number; evidence: boolean }[];
  /** Listed first when nothing is typed. */
  pinned?: boolean;
  /** Ties and the empty query are ordered by this. */
  sortKey: string;
}

/**
 * How much a typed word the FAQ does not have at all weighs in the query, against at most 1 for a
 * FAQ word (its rarity). A common English word the FAQ lacks says the question is about something
 * else ("lock the seed": the FAQ has no seed), so it weighs twice the rarest FAQ word and no entry
 * can claim the question; anything else (a typo left unmatched, a name, a code) weighs little.
 */
const UNKNOWN_WORD_WEIGHT = 0.3;
const UNKNOWN_COMMON_WEIGHT = 2;
/**
 * Only this many common words the index lacks weigh UNKNOWN_COMMON_WEIGHT; past them each weighs
 * as any unknown word. A few say a query is about something else; a whole message has dozens
 * ("my friend opened devtools … in the network tab, how is this supposed to…"), mostly chat, and
 * counting each of them twice over would bury the one word that says what it asks.
 */
export const UNKNOWN_COMMON_COUNTED = 3;

/**
 * What one query may cost, whatever is typed (Discord lets a member send 6000 characters on every
 * keystroke): only its first `MAX_QUERY_CHARS` characters are read, and of those the first
 * `MAX_QUERY_WORDS` distinct words are looked up.
 */
export const MAX_QUERY_CHARS = 1000;
export const MAX_QUERY_WORDS = 16;

/** Typed words shorter than this are only matched as prefixes, never fuzzily. */
const MIN_FUZZY_LENGTH = 4;

/**
 * Autocomplete asks again on every keystroke, so the same words come back all the time
 * ("credits" while "expire" is being typed). Their candidates are remembered, up to this many
 * words of at most `CACHED_WORD_LENGTH` characters; a full cache starts over.
 */
const CANDIDATE_CACHE_SIZE = 4096;
const CACHED_WORD_LENGTH = 40;

interface Candidate {
  term: string;
  similarity: number;
  /** The word as typed (not a longer word it begins, nor a typo of another). */
  exact: boolean;
  /** A longer word the typed one begins. */
  begun: boolean;
}

/**
 * The search index over the FAQ: every entry's question, keywords and answer broken into
 * stemmed terms, and a fuse.js index over the distinct words, which finds the words a
 * mistyped or half-typed query word may mean. Ranking adds, for each query word, the best
 * (similarity × field weight × rarity) it reaches in an entry, so word order and stop
 * words do not matter and rare words decide.
 */
export class SearchIndex<D> {
  readonly entries: readonly D[];
  /** term → (entry position → best field weight of that term in the entry, negative when not evidence). */
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly described: Indexed[];
  private readonly idf = new Map<string, number>();
  /** surface word → its term, for prefix and typo look-ups. */
  private readonly wordToTerm = new Map<string, string>();
  /** The distinct surface words, sorted, for prefix look-ups by binary search. */
  private readonly sortedWords: string[];
  private readonly fuse: Fuse<string>;
  private readonly defaultOrder: number[];
  /** Each document's place in the listed order, for ties on every keystroke without comparing strings. */
  private readonly listedRank: Int32Array;
  private readonly byId: ReadonlyMap<string, D>;
  private readonly candidateCache = new Map<string, readonly Candidate[]>();
  private readonly buffers: Record<
    'totals' | 'strong' | 'best' | 'bestStrong' | 'rarest',
    Float64Array
  >;
  /**
   * The documents a word of the query reached (`positions`), and for each document the word that
   * last reached it (`at`): a word costs what its postings hold, not a pass over every document.
   */
  private readonly touched: { positions: Int32Array; at: Int32Array };
  /** Numbers the words scored, for `touched.at` (never 0, which is "no word yet"). */
  private wordCount = 0;

  /** How many distinct words of a query are looked up (see MAX_QUERY_WORDS). */
  private readonly maxWords: number;
  /** The least a known word says (see `options.minWordWeight`). */
  private readonly minWordWeight: number;

  constructor(
    entries: readonly D[],
    describe: (document: D) => Indexed,
    /**
     * `maxWords`: distinct words looked up (MAX_QUERY_WORDS). `minWordWeight`: the least a word
     * the index has says, however many documents have it: over a large catalog, a word every
     * model has ("seed") must still be matched for a document to claim the query.
     */
    options: { maxWords?: number; minWordWeight?: number } = {},
  ) {
    this.entries = entries;
    this.maxWords = options.maxWords ?? MAX_QUERY_WORDS;
    this.minWordWeight = options.minWordWeight ?? 0;
    this.buffers = {
      totals: new Float64Array(entries.length),
      strong: new Float64Array(entries.length),
      best: new Float64Array(entries.length),
      bestStrong: new Float64Array(entries.length),
      rarest: new Float64Array(entries.length),
    };
    this.touched = {
      positions: new Int32Array(entries.length),
      at: new Int32Array(entries.length),
    };
    this.described = entries.map(describe);
    this.byId = new Map(this.described.map((d, i) => [d.id, entries[i]!]));
    this.described.forEach((document, position) => {
      for (const field of document.fields)
        this.addField(position, field.text, field.evidence ? field.weight : -field.weight);
    });
    const n = entries.length;
    for (const [term, posting] of this.postings) {
      this.idf.set(term, Math.log(1 + n / posting.size) / Math.log(1 + n));
    }
    this.sortedWords = [...this.wordToTerm.keys()].sort();
    this.fuse = new Fuse(this.sortedWords, {
      includeScore: true,
      threshold: 0.45,
      distance: 10,
      isCaseSensitive: true,
    });
    this.defaultOrder = this.described.map((_, i) => i).sort((a, b) => this.compareAsListed(a, b));
    this.listedRank = new Int32Array(entries.length);
    this.defaultOrder.forEach((position, rank) => (this.listedRank[position] = rank));
  }

  private addField(position: number, text: string, weight: number): void {
    for (const word of words(text)) {
      if (isStopWord(word)) continue;
      const term = stem(word);
      this.wordToTerm.set(word, term);
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      // The best weight the term has in the document; at equal weight, evidence wins.
      const before = posting.get(position);
      if (
        before === undefined ||
        Math.abs(weight) > Math.abs(before) ||
        (Math.abs(weight) === Math.abs(before) && weight > 0)
      )
        posting.set(position, weight);
    }
  }

  /** How rare a word (stemmed) is in the index: 1 in one document, towards 0 in all; 0 if absent. */
  rarity(word: string): number {
    return this.termRarity(stem(word));
  }

  /** The same for a term already stemmed. */
  termRarity(term: string): number {
    return this.idf.get(term) ?? 0;
  }

  /** Whether the index has this word (as written, or its stem). */
  has(word: string): boolean {
    return this.wordToTerm.has(word) || this.postings.has(stem(word));
  }

  /** The entry with this id (what autocomplete sends as the value). */
  get(id: string): D | undefined {
    return this.byId.get(id);
  }

  /** Pinned first, then by sort key. */
  private compareAsListed(a: number, b: number): number {
    const x = this.described[a]!;
    const y = this.described[b]!;
    return Number(!!y.pinned) - Number(!!x.pinned) || x.sortKey.localeCompare(y.sortKey);
  }

  /** Best first, at most `limit`. An empty (or all stop words) query lists pinned entries first. */
  search(query: string, limit = MAX_RESULTS): SearchHit<D>[] {
    const spoken = this.joinSplit(
      words(query.slice(0, MAX_QUERY_CHARS)).slice(0, 4 * this.maxWords),
    );
    const distinct = new Set(spoken.filter((w) => !isStopWord(w)));
    const typed = [...distinct].slice(0, this.maxWords).flatMap((w) => this.splitCompound(w));
    if (typed.length === 0) {
      return this.defaultOrder
        .slice(0, limit)
        .map((p) => ({ entry: this.entries[p]!, score: 0, strength: 0, rarest: 0 }));
    }
    // Search is synchronous, so one set of buffers serves every call: no garbage per keystroke.
    const { totals, strong } = this.buffers;
    this.score(typed, totals, strong);
    // Another reading of the query, where three words stand for their initials ("stable video
    // diffusion" is "svd"): each document keeps whichever reading matches it better.
    const acronym = this.acronymReading(typed);
    if (acronym) {
      const other = (this.alternative ??= {
        totals: new Float64Array(this.entries.length),
        strong: new Float64Array(this.entries.length),
      });
      this.score(acronym, other.totals, other.strong);
      for (let p = 0; p < totals.length; p++)
        if (other.totals[p]! > totals[p]!) {
          totals[p] = other.totals[p]!;
          strong[p] = other.strong[p]!;
        }
    }
    // Only the best `limit` are kept, in order, as they are found: a short query can match most
    // of a large catalog, and sorting all of it on every keystroke is what would cost.
    const before = (a: number, b: number) =>
      totals[a]! > totals[b]! ||
      (totals[a] === totals[b] && this.listedRank[a]! < this.listedRank[b]!);
    const top: number[] = [];
    for (let position = 0; position < totals.length; position++) {
      if (totals[position] === 0) continue;
      if (top.length === limit && !before(position, top[limit - 1]!)) continue;
      let at = top.length === limit ? limit - 1 : top.length;
      while (at > 0 && before(position, top[at - 1]!)) {
        top[at] = top[at - 1]!;
        at--;
      }
      top[at] = position;
    }
    return top.map((position) => ({
      entry: this.entries[position]!,
      score: totals[position]!,
      strength: strong[position]!,
      rarest: this.buffers.rarest[position]!,
    }));
  }

  private alternative: { totals: Float64Array; strong: Float64Array } | undefined;

  /**
   * Scores every document for `typed` into `totals` and `strong`: the share of what the words say
   * that each document matches, overall and in its evidence fields.
   */
  private score(typed: string[], totals: Float64Array, strong: Float64Array): void {
    const { best, bestStrong, rarest } = this.buffers;
    // Both readings of a query (see acronymReading) add to one record of the rarest word matched.
    if (totals === this.buffers.totals) rarest.fill(0);
    totals.fill(0);
    strong.fill(0);
    let said = 0;
    let unknownCommon = 0;
    typed.forEach((word, i) => {
      const candidates = this.candidates(word, i === typed.length - 1);
      // What this word says: as much as the rarest word it may stand for, and when it is a word
      // of the index as typed, as much as that word (a rare longer word it begins says more than
      // was typed: "v2" is not "v2a"). No document earns more for a word than the word says.
      const anyExact = candidates.some((c) => c.exact);
      let weight = 0;
      for (const { term, similarity, exact } of candidates)
        if (exact || !anyExact) weight = Math.max(weight, similarity * (this.idf.get(term) ?? 0));
      const { positions, at } = this.touched;
      if (this.wordCount >= 0x7fffffff) {
        at.fill(0);
        this.wordCount = 0;
      }
      const stamp = ++this.wordCount;
      let reached = 0;
      for (const { term, similarity, begun } of candidates) {
        const rarity = this.idf.get(term) ?? 0;
        // A rare longer word the typed word begins earns no more than its share of the word typed:
        // "ideogram v2" is v2 before v2a.
        const cap = begun && anyExact ? weight * similarity : weight;
        for (const [position, field] of this.postings.get(term) ?? []) {
          if (at[position] !== stamp) {
            at[position] = stamp;
            positions[reached++] = position;
            best[position] = 0;
            bestStrong[position] = 0;
          }
          const value = Math.min(cap, similarity * Math.abs(field) * rarity);
          if (value > best[position]!) best[position] = value;
          if (field > 0 && value > bestStrong[position]!) bestStrong[position] = value;
          if (field > 0 && value > 0 && rarity > rarest[position]!) rarest[position] = rarity;
        }
      }
      said +=
        candidates.length > 0
          ? Math.max(weight, this.minWordWeight)
          : isCommonWord(word) && ++unknownCommon <= UNKNOWN_COMMON_COUNTED
            ? UNKNOWN_COMMON_WEIGHT
            : UNKNOWN_WORD_WEIGHT;
      for (let i = 0; i < reached; i++) {
        const p = positions[i]!;
        totals[p]! += best[p]!;
        strong[p]! += bestStrong[p]!;
      }
    });
    for (let p = 0; p < totals.length; p++) {
      totals[p]! /= said;
      strong[p]! /= said;
    }
  }

  /**
   * The query read with its first run of three words whose initials are a word of the index (a
   * model's "svd", a keyword's "ttl") as that word; undefined when it has none.
   */
  private acronymReading(typed: string[]): string[] | undefined {
    for (let i = 0; i + 3 <= typed.length; i++) {
      const acronym = typed
        .slice(i, i + 3)
        .map((w) => w[0])
        .join('');
      if (this.wordToTerm.has(acronym) && !typed.includes(acronym))
        return [...typed.slice(0, i), acronym, ...typed.slice(i + 3)];
    }
    return undefined;
  }

  /** Surface words that begin with `prefix`, found by binary search in the sorted vocabulary. */
  private *wordsStartingWith(prefix: string): Generator<string> {
    let lo = 0;
    let hi = this.sortedWords.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sortedWords[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sortedWords.length && this.sortedWords[i]!.startsWith(prefix); i++) {
      yield this.sortedWords[i]!;
    }
  }

  /**
   * "ratelimit" → ["rate", "limit"]: people glue words together. Only a word the index does
   * not know is split, and only into two words it does know (the second may be half-typed).
   */
  private splitCompound(word: string): string[] {
    if (word.length < 6 || this.wordToTerm.has(word) || this.postings.has(stem(word)))
      return [word];
    for (let cut = 3; cut <= word.length - 3; cut++) {
      const left = word.slice(0, cut);
      const right = word.slice(cut);
      if (
        this.wordToTerm.has(left) &&
        (this.wordToTerm.has(right) || this.postings.has(stem(right)))
      ) {
        return [left, right];
      }
    }
    return [word];
  }

  /**
   * "hi dream" → ["hidream"]: the other way round, a name people split in two. Two typed words
   * become one only when the index has the joined word and has neither of them as typed.
   */
  private joinSplit(typed: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < typed.length; i++) {
      const [a, b] = [typed[i]!, typed[i + 1]];
      if (
        b !== undefined &&
        this.wordToTerm.has(a + b) &&
        !(this.wordToTerm.has(a) && this.wordToTerm.has(b))
      ) {
        out.push(a + b);
        i++;
      } else out.push(a);
    }
    return out;
  }

  /** What `findCandidates` says of this word, remembered (see CANDIDATE_CACHE_SIZE). */
  private candidates(word: string, isLast: boolean): readonly Candidate[] {
    if (word.length > CACHED_WORD_LENGTH) return this.findCandidates(word, isLast);
    const key = `${isLast ? 1 : 0}${word}`;
    let found = this.candidateCache.get(key);
    if (!found) {
      found = this.findCandidates(word, isLast);
      if (this.candidateCache.size >= CANDIDATE_CACHE_SIZE) this.candidateCache.clear();
      this.candidateCache.set(key, found);
    }
    return found;
  }

  /**
   * The index terms a typed word may stand for, each with how sure we are (0–1]. Tiers: an
   * exact word beats a word it is the beginning of, which beats a guessed typo; a lower tier
   * only counts when no higher one matched (an exact word still lends weight to longer words
   * it begins, as it may be half-typed).
   */
  private findCandidates(word: string, isLast: boolean): Candidate[] {
    const exact = new Map<string, number>();
    const prefix = new Map<string, number>();
    const fuzzy = new Map<string, number>();
    const offer = (tier: Map<string, number>, term: string, similarity: number) =>
      tier.set(term, Math.max(tier.get(term) ?? 0, similarity));
    const stemmed = stem(word);
    if (this.postings.has(stemmed)) offer(exact, stemmed, 1);
    // A word being typed may be short; earlier words are complete, so they need more letters,
    // and a complete common word means itself, not the longer words it begins ("use" is not "user").
    const common = isCommonWord(word);
    if (word.length >= (isLast ? 2 : 3) && (isLast || !common)) {
      for (const surface of this.wordsStartingWith(word)) {
        const term = this.wordToTerm.get(surface)!;
        if (surface === word) offer(exact, term, 1);
        else offer(prefix, term, 0.7 + 0.25 * (word.length / surface.length));
      }
    }
    // Typos are the rare case: the fuzzy look-up only runs when nothing matched as typed, and
    // never for a correctly spelled common word, which means what it says, not a nearby FAQ word.
    if (exact.size === 0 && prefix.size === 0 && word.length >= MIN_FUZZY_LENGTH && !common) {
      for (const { item: surface } of this.fuse.search(word)) {
        // People rarely mistype a word's first letter; allowing it turns "cost" into "host".
        if (surface[0] !== word[0]) continue;
        const { distance, prefix: partial } = typoDistance(word, surface);
        const allowed = word.length >= 7 ? 2 : 1;
        if (distance <= allowed && (!partial || word.length >= 5)) {
          offer(
            fuzzy,
            this.wordToTerm.get(surface)!,
            0.8 - 0.12 * (distance - 1) - (partial ? 0.05 : 0),
          );
        }
      }
    }
    const result = new Map(exact);
    const prefixFactor = exact.size > 0 ? (isLast ? 0.6 : 0.3) : 1;
    for (const [term, similarity] of prefix) {
      if (!result.has(term)) result.set(term, similarity * prefixFactor);
    }
    if (result.size === 0) for (const [term, similarity] of fuzzy) result.set(term, similarity);
    for (const term of synonymsOf(stemmed))
      if (!result.has(term) && this.postings.has(term)) result.set(term, SYNONYM_SIMILARITY);
    return [...result].map(([term, similarity]) => ({
      term,
      similarity,
      exact: exact.has(term),
      begun: !exact.has(term) && prefix.has(term),
    }));
  }
}
