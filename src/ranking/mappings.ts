import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { readAtMost } from '../files.js';
import { formatProblem, type Problem } from '../faq/problem.js';
import { oneAtATime } from '../one-at-a-time.js';
import { isStopWord, stem, words } from '../search/text.js';

/**
 * What a moderator knows and the words do not say: that a quoted status or error text, or an SDK's
 * name, is answered by this FAQ entry, docs page or endpoint. One rule is a list of `phrases`
 * and/or `statuses`, and the `answers` (ids of any source) that a message showing one of them gets.
 */
export interface Rule {
  phrases: string[];
  statuses: number[];
  /**
   * Wordings matched by likeness rather than as written: what moderators taught (`/faq-admin
   * teach`), exported here. A message sharing most of a wording's words counts as saying it.
   */
  similar: string[];
  answers: string[];
  /** People, not the docs, answer this (a refund, an account an admin locked): say where to ask. */
  support?: boolean;
  why?: string;
  /**
   * How much a match says: `strong` (an error text: these answers first, and /faq may post one)
   * or `hint` (a tool's name: a little more for these answers). By default a phrase of three
   * words or more is strong, a shorter one a hint.
   */
  strength?: 'strong' | 'hint';
  /** Who taught it, when (YYYY-MM-DD) and in which server: a taught wording exported. */
  by?: string;
  when?: string;
  guild?: string;
  /** Where it was written, for logs and problems: `errors.yaml:12`. */
  at: string;
}

/** What a file may hold: far more than a moderator writes, small enough to read on every edit. */
export const MAPPING_LIMITS = {
  fileBytes: 64 * 1024,
  files: 50,
  rules: 500,
  phrases: 50,
  phraseChars: 120,
  answers: 5,
  /** A taught wording: a member's message, as long as Discord's message command reads. */
  wordingChars: 300,
} as const;

const ruleSchema = z
  .strictObject({
    phrases: z
      .array(
        z
          .string()
          .trim()
          .min(2, 'a phrase needs 2 characters at least')
          .max(
            MAPPING_LIMITS.phraseChars,
            `a phrase has ${MAPPING_LIMITS.phraseChars} characters at most`,
          ),
      )
      .max(MAPPING_LIMITS.phrases, `at most ${MAPPING_LIMITS.phrases} phrases a rule`)
      .optional(),
    statuses: z
      .array(
        z
          .number()
          .int()
          .min(100, 'an HTTP status is 100–599')
          .max(599, 'an HTTP status is 100–599'),
      )
      .max(20)
      .optional(),
    similar: z
      .array(z.string().trim().min(2).max(MAPPING_LIMITS.wordingChars))
      .max(MAPPING_LIMITS.phrases)
      .optional(),
    answers: z.array(z.string().min(1).max(200)).max(MAPPING_LIMITS.answers).default([]),
    support: z.boolean().optional(),
    why: z.string().max(500).optional(),
    strength: z.enum(['strong', 'hint']).optional(),
    by: z.string().max(100).optional(),
    when: z.iso.date().optional(),
    guild: z
      .string()
      .regex(/^\d{17,20}$/, 'must be a Discord server id')
      .optional(),
  })
  .refine(
    (r) => (r.phrases?.length ?? 0) + (r.statuses?.length ?? 0) + (r.similar?.length ?? 0) > 0,
    {
      message: 'a rule needs phrases, statuses or similar: what in a message it recognises',
    },
  )
  .refine((r) => r.support === true || r.answers.length > 0, {
    message: 'a rule needs answers (ids of FAQ entries, docs pages or models), or support: true',
    path: ['answers'],
  });

const fileSchema = z.array(ruleSchema).max(MAPPING_LIMITS.rules);

/** Parses one mappings file; `known` says whether an answer id is one the sources have. */
export function parseMappings(
  file: string,
  text: string,
  known: (id: string) => boolean,
): MappingsLoad {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const name = path.basename(file);
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? undefined : lines.linePos(offset).line;
  if (doc.errors.length > 0) {
    return {
      rules: [],
      warnings: [],
      problems: doc.errors.slice(0, 5).map((e) => ({
        file,
        field: `line ${lineOf(e.pos[0])}`,
        message: `malformed YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const data: unknown = doc.toJS() ?? [];
  const parsed = fileSchema.safeParse(data);
  /** Where `at` (a path into the data) is written: its line from the top of the file. */
  const where = (at: readonly PropertyKey[]) => {
    let node: unknown = doc.contents;
    for (const key of at) {
      if (isSeq(node) || isMap(node)) {
        const next = node.get(key as number | string, true) as unknown;
        if (next === undefined) break;
        node = next;
      } else break;
    }
    const line = lineOf((node as Node | null)?.range?.[0]);
    const [rule, ...inside] = at;
    const path = inside
      .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
      .join('')
      .replace(/^\./, '');
    const field =
      rule === undefined ? 'file' : `rule ${Number(rule) + 1}${path ? `, ${path}` : ''}`;
    return line ? `line ${line}, ${field}` : field;
  };
  if (!parsed.success) {
    return {
      rules: [],
      warnings: [],
      problems: parsed.error.issues.map((issue) => ({
        file,
        field: where(
          issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path,
        ),
        message:
          issue.code === 'unrecognized_keys'
            ? `unknown field ${issue.keys.join(', ')} (a rule has phrases, statuses, similar, answers, support, strength, why, by, when and guild)`
            : issue.path.length === 0
              ? 'must be a YAML list of rules (each "- phrases: [...]\\n  answers: [...]")'
              : issue.message,
      })),
    };
  }
  // An answer no source has (a typo, a page a refresh removed) is skipped with a warning: the
  // sources change apart from this folder, and a page gone must not make the rest unusable.
  const warnings: Problem[] = [];
  const rules = parsed.data.map((rule, i): Rule => {
    rule.answers.forEach((id, j) => {
      if (!known(id))
        warnings.push({
          file,
          field: where([i, 'answers', j]),
          message: `no FAQ entry, docs page or model has the id "${id}" (FAQ ids are file names; docs:<path>, model:<endpoint>)`,
        });
    });
    return {
      phrases: rule.phrases ?? [],
      statuses: rule.statuses ?? [],
      similar: rule.similar ?? [],
      answers: rule.answers.filter(known),
      ...(rule.support ? { support: true } : {}),
      ...(rule.why ? { why: rule.why } : {}),
      ...(rule.strength ? { strength: rule.strength } : {}),
      ...(rule.by ? { by: rule.by } : {}),
      ...(rule.when ? { when: rule.when } : {}),
      ...(rule.guild ? { guild: rule.guild } : {}),
      at: `${name}:${where([i]).match(/^line (\d+)/)?.[1] ?? i + 1}`,
    };
  });
  return { rules, problems: [], warnings };
}

/** A folder or file read: its rules, or the problems that refuse it; warnings either way. */
export interface MappingsLoad {
  rules: Rule[];
  /** What makes it unusable (the last good is kept): malformed YAML, a wrong field. */
  problems: Problem[];
  /** What was skipped and should be fixed: an answer no source has. */
  warnings: Problem[];
}

/** Reads every `*.yaml` in `dir`; any problem means no rules (the caller keeps the last good ones). */
export async function loadMappingsDir(
  dir: string,
  known: (id: string) => boolean,
): Promise<MappingsLoad> {
  let names: string[];
  try {
    names = (await readdir(dir))
      .filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.') && !n.startsWith('_'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { rules: [], problems: [], warnings: [] };
    return {
      rules: [],
      warnings: [],
      problems: [
        { file: dir, message: `cannot read the mappings folder: ${(error as Error).message}` },
      ],
    };
  }
  if (names.length > MAPPING_LIMITS.files)
    return {
      rules: [],
      warnings: [],
      problems: [
        { file: dir, message: `has ${names.length} files; at most ${MAPPING_LIMITS.files}` },
      ],
    };
  const rules: Rule[] = [];
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let text: string | undefined;
    try {
      text = await readAtMost(file, MAPPING_LIMITS.fileBytes);
    } catch (error) {
      problems.push({ file, message: `cannot read the file: ${(error as Error).message}` });
      continue;
    }
    if (text === undefined) {
      problems.push({ file, message: `is over ${MAPPING_LIMITS.fileBytes / 1024} KiB` });
      continue;
    }
    const parsed = parseMappings(file, text, known);
    rules.push(...parsed.rules);
    problems.push(...parsed.problems);
    warnings.push(...parsed.warnings);
  }
  return { rules: problems.length ? [] : rules, problems, warnings };
}

/** A phrase as the matcher compares it: its words stemmed, between spaces. */
export function phraseKey(text: string): string {
  return ` ${words(text).map(stem).join(' ')} `;
}

/** What in a message a rule recognised, and how much that is evidence. */
export interface RuleMatch {
  rule: Rule;
  /** The phrase, status or wording that matched (`status 401`, `user is locked`). */
  matched: string;
  kind: 'text' | 'status' | 'term' | 'taught';
  /** 1 for a phrase or status; for a taught wording, how alike the message is (0–1]. */
  similarity: number;
}

/**
 * A taught wording counts when the message and it share this much: the cosine of their word
 * sets. A short wording inside a long message reaches it only when the message says little else.
 */
export const TAUGHT_SIMILARITY = 0.5;

/**
 * How alike two texts are by their words: the cosine of their word sets, each word weighed by its
 * rarity (a word every page has says little, a word few pages have says much). A
 * member rewording a taught question shares its rare words, not its phrasing.
 */
/** A word no source uses: a name, a typo or chat, weighed as a common word is. */
const UNKNOWN_RARITY = 0.3;

export function likeness(
  a: ReadonlySet<string>,
  b: ReadonlySet<string>,
  rarity: (term: string) => number,
): number {
  const weight = (t: string) => {
    const r = rarity(t);
    return (r === 0 ? UNKNOWN_RARITY : r) ** 2;
  };
  let shared = 0;
  let wa = 0;
  let wb = 0;
  for (const t of a) {
    const w = weight(t);
    wa += w;
    if (b.has(t)) shared += w;
  }
  for (const t of b) wb += weight(t);
  return wa && wb ? shared / Math.sqrt(wa * wb) : 0;
}

/** The stemmed content words of a text, for likeness. */
export function wordingTerms(text: string): Set<string> {
  return new Set(
    words(text.slice(0, 4000))
      .filter((w) => !isStopWord(w))
      .map(stem),
  );
}

/**
 * The rules, compiled for matching: each phrase once as a run of stemmed words, each wording as a
 * set of words. Cheap per message: one pass to key the message, then a substring test per phrase
 * and a set intersection per wording.
 */
export class Mappings {
  private readonly phrases: {
    key: string;
    /** Its first word: a message without it cannot hold the phrase (a cheap look before the search). */
    first: string;
    rule: Rule;
    text: string;
    strong: boolean;
  }[];
  private readonly wordings: { terms: Set<string>; rule: Rule; text: string }[];
  /** Taught wordings by the answer they were taught for: words its index entry gains. */
  readonly taught: ReadonlyMap<string, readonly string[]>;

  constructor(readonly rules: readonly Rule[]) {
    this.phrases = rules
      .flatMap((rule) =>
        rule.phrases.map((text) => {
          const key = phraseKey(text);
          return {
            key,
            first: key.trim().split(' ')[0]!,
            rule,
            text,
            strong: rule.strength
              ? rule.strength === 'strong'
              : text.trim().split(/\s+/).length >= 3,
          };
        }),
      )
      .filter((p) => p.key.trim() !== '')
      // The longest phrase of a rule speaks for it: an error text quoted is more than a word in it.
      .sort((a, b) => b.key.length - a.key.length);
    const taught = new Map<string, string[]>();
    for (const rule of rules)
      for (const id of rule.answers.slice(0, 1))
        if (rule.similar.length) taught.set(id, [...(taught.get(id) ?? []), ...rule.similar]);
    this.taught = taught;
    this.wordings = rules
      .flatMap((rule) => rule.similar.map((text) => ({ terms: wordingTerms(text), rule, text })))
      .filter((w) => w.terms.size > 0);
  }

  /** `rarity`: how rare a (stemmed) word is, 0–1 (words the sources never use count as rare). */
  match(
    message: string,
    statuses: readonly number[],
    rarity: (term: string) => number = () => 1,
  ): RuleMatch[] {
    const key = phraseKey(message.slice(0, 4000));
    const said = new Set(key.split(' '));
    const found: RuleMatch[] = [];
    const seen = new Set<Rule>();
    for (const p of this.phrases) {
      if (seen.has(p.rule) || !said.has(p.first) || !key.includes(p.key)) continue;
      seen.add(p.rule);
      found.push({
        rule: p.rule,
        matched: p.text,
        kind: p.strong ? 'text' : 'term',
        similarity: 1,
      });
    }
    for (const rule of this.rules)
      for (const status of rule.statuses)
        if (statuses.includes(status))
          found.push({ rule, matched: `status ${status}`, kind: 'status', similarity: 1 });
    if (this.wordings.length > 0) {
      const terms = wordingTerms(message);
      const best = new Map<Rule, { text: string; similarity: number }>();
      for (const w of this.wordings) {
        const similarity = likeness(w.terms, terms, rarity);
        if (similarity >= TAUGHT_SIMILARITY && similarity > (best.get(w.rule)?.similarity ?? 0))
          best.set(w.rule, { text: w.text, similarity });
      }
      for (const [rule, { text, similarity }] of best)
        found.push({ rule, matched: `taught: ${text}`, kind: 'taught', similarity });
    }
    return found;
  }
}

/**
 * The mappings the bot serves: the last good load of the folder (MAPPINGS_DIR), swapped whole on
 * a reload that finds no problem, as the FAQ is.
 */
export class MappingsLibrary {
  private constructor(
    readonly dir: string,
    private readonly known: (id: string) => boolean,
    private current: Mappings,
    /** What the last load skipped (answers no source has), for the log. */
    public warnings: Problem[],
  ) {}

  static async open(dir: string, known: (id: string) => boolean): Promise<MappingsLibrary> {
    const { rules, problems, warnings } = await loadMappingsDir(dir, known);
    if (problems.length > 0) throw new MappingsError(problems);
    return new MappingsLibrary(dir, known, new Mappings(rules), warnings);
  }

  get mappings(): Mappings {
    return this.current;
  }

  /** Reads the folder again; a folder with a problem is refused and the last good kept. */
  readonly reload = oneAtATime(
    async (): Promise<
      { ok: true; rules: number; warnings: Problem[] } | { ok: false; problems: Problem[] }
    > => {
      const { rules, problems, warnings } = await loadMappingsDir(this.dir, this.known);
      if (problems.length > 0) return { ok: false, problems };
      this.current = new Mappings(rules);
      this.warnings = warnings;
      return { ok: true, rules: rules.length, warnings };
    },
  );
}

export class MappingsError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The mappings are invalid:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'MappingsError';
  }
}
