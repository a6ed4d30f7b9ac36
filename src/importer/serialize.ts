import { Document, isSeq } from 'yaml';
import type { FaqEntry } from '../faq/entry.js';

const FIELD_ORDER = [
  'question',
  'keywords',
  'url',
  'category',
  'pinned',
  'local',
  'source',
] as const;

/** The text of `faq-data/<id>.md` for an entry: fields in a fixed order, keywords on one line. */
export function entryToFile(entry: FaqEntry): string {
  const { id: _id, answer, ...all } = entry;
  // `pinned: false` and `local: false` are the defaults: files only say them when true.
  const fields: Partial<typeof all> = { ...all };
  if (!fields.pinned) delete fields.pinned;
  if (!fields.local) delete fields.local;
  const ordered: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) {
    const value = fields[key];
    if (value !== undefined) ordered[key] = value;
  }
  for (const [key, value] of Object.entries(fields))
    if (!(key in ordered) && value !== undefined) ordered[key] = value;
  const doc = new Document(ordered);
  const keywords = doc.get('keywords', true);
  if (isSeq(keywords)) keywords.flow = true;
  return `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}---\n${answer.trim()}\n`;
}
