import path from 'node:path';
import type { FaqEntry } from '../faq/entry.js';
import { FaqIndex } from '../sources/faq.js';
import { isStopWord, words } from '../search/text.js';
import type { ImportedQuestion } from './imported.js';
import { wordDiff } from './word-diff.js';

/** Fields the docs define; everything else (keywords, pinned, category, …) is the moderators' curation. */
const SOURCE_FIELDS = ['question', 'answer', 'url', 'source'] as const;
/** How sure the search must be that a reworded question is the same one. */
const SAME_QUESTION_SCORE = 0.45;

export interface Change {
  id: string;
  field: (typeof SOURCE_FIELDS)[number];
  diff: string;
}

export interface ImportPlan {
  added: FaqEntry[];
  updated: { before: FaqEntry; after: FaqEntry; changes: Change[] }[];
  unchanged: FaqEntry[];
  /** Entries the source no longer has: listed, and removed only with --prune. */
  missing: FaqEntry[];
  /** Entries the community wrote (`local: true`): kept as they are, never missing. */
  local: FaqEntry[];
  /** The whole FAQ after the import (what gets validated and written). */
  result: FaqEntry[];
}

const normalise = (q: string) => words(q).join(' ');

/**
 * Matches each imported question to an existing entry: the same wording first, then the
 * bot's own search over the existing entries (which knows their keywords and answers, so a
 * reworded question still finds its entry), each entry claimed once, best match first.
 */
function matchQuestions(
  existing: readonly FaqEntry[],
  imported: readonly ImportedQuestion[],
): Map<number, FaqEntry> {
  const matches = new Map<number, FaqEntry>();
  const claimed = new Set<string>();
  const byWording = new Map(existing.map((e) => [normalise(e.question), e]));
  imported.forEach((q, i) => {
    const same = byWording.get(normalise(q.question));
    if (same && !claimed.has(same.id)) {
      matches.set(i, same);
      claimed.add(same.id);
    }
  });
  const index = new FaqIndex(existing);
  const candidates: { i: number; entry: FaqEntry; score: number }[] = [];
  imported.forEach((q, i) => {
    if (matches.has(i)) return;
    const hits = index.search(q.question, 3);
    for (const hit of hits) {
      if (hit.score >= SAME_QUESTION_SCORE)
        candidates.push({ i, entry: hit.entry, score: hit.score });
    }
  });
  candidates.sort((a, b) => b.score - a.score);
  for (const c of candidates) {
    if (matches.has(c.i) || claimed.has(c.entry.id)) continue;
    matches.set(c.i, c.entry);
    claimed.add(c.entry.id);
  }
  return matches;
}

export function planImport(
  all: readonly FaqEntry[],
  imported: readonly ImportedQuestion[],
  options: { prune: boolean },
): ImportPlan {
  const local = all.filter((e) => e.local);
  const existing = all.filter((e) => !e.local);
  const matches = matchQuestions(existing, imported);
  const takenIds = new Set(all.map((e) => e.id));
  const plan: ImportPlan = {
    added: [],
    updated: [],
    unchanged: [],
    missing: [],
    local,
    result: [],
  };
  const touched = new Set<string>();
  imported.forEach((q, i) => {
    const before = matches.get(i);
    if (!before) {
      const entry: FaqEntry = {
        id: uniqueId(slugify(q.question), takenIds),
        keywords: [],
        category: 'general',
        pinned: false,
        ...q,
      };
      takenIds.add(entry.id);
      plan.added.push(entry);
      return;
    }
    touched.add(before.id);
    const after: FaqEntry = {
      ...before,
      question: q.question,
      answer: q.answer,
      url: q.url,
      source: q.source,
    };
    const changes = SOURCE_FIELDS.filter((f) => (before[f] ?? '') !== (after[f] ?? '')).map(
      (field) => ({
        id: before.id,
        field,
        diff:
          field === 'answer'
            ? wordDiff(before.answer, after.answer)
            : `${before[field] ?? '(none)'} → ${after[field]}`,
      }),
    );
    if (changes.length > 0) plan.updated.push({ before, after, changes });
    else plan.unchanged.push(before);
  });
  plan.missing = existing.filter((e) => !touched.has(e.id));
  const updatedById = new Map(plan.updated.map((u) => [u.after.id, u.after]));
  plan.result = [
    ...existing
      .filter((e) => touched.has(e.id) || !options.prune)
      .map((e) => updatedById.get(e.id) ?? e),
    ...local,
    ...plan.added,
  ];
  return plan;
}

/** "Do you offer volume discounts?" → "offer-volume-discounts". */
function slugify(question: string): string {
  const meaningful = words(question).filter((w) => !isStopWord(w) && /^[a-z0-9]+$/.test(w));
  return (
    (meaningful.length ? meaningful : words(question))
      .slice(0, 5)
      .join('-')
      .slice(0, 60)
      .replace(/-+$/, '') || 'entry'
  );
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export const entryPath = (dir: string, id: string) => path.join(dir, `${id}.md`);
