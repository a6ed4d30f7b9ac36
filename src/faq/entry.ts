import { z } from 'zod';
import { DISCORD_LIMITS } from '../discord/limits.js';

export const LIMITS = {
  questionChars: 100,
  answerChars: 4096,
  pinnedEntries: 25,
  /** An entry file is a question, some keywords and an answer of at most 4096 characters. */
  fileBytes: 64 * 1024,
  keywords: 50,
  keywordChars: 60,
} as const;

/** One wording for a field's type: missing is "is required", anything else says what it must be. */
const text = (what = 'must be text') =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : what) });

const httpsUrl = text('must be an absolute https URL').refine((value) => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an absolute https URL');

const keyword = z
  .union([z.string(), z.number()])
  .transform((k) => String(k).trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(LIMITS.keywordChars, `must be at most ${LIMITS.keywordChars} characters each`)
      .refine((k) => k === k.toLowerCase(), 'must be lowercase'),
  );

/** The front matter of a `faq-data/<id>.md` file. Unknown fields are typos until proven otherwise. */
export const frontMatterSchema = z.strictObject({
  question: text()
    .trim()
    .min(1, 'must not be empty')
    .max(LIMITS.questionChars, `must be at most ${LIMITS.questionChars} characters`),
  keywords: z
    .array(keyword, { error: 'must be a list, such as [concurrency, "429"]' })
    .max(LIMITS.keywords, `must be at most ${LIMITS.keywords} keywords`)
    .default([]),
  url: httpsUrl.max(
    DISCORD_LIMITS.urlLength,
    `must be at most ${DISCORD_LIMITS.urlLength} characters (Discord's limit for the docs button)`,
  ),
  category: text().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
  pinned: z.boolean({ error: 'must be true or false' }).default(false),
  source: httpsUrl.optional(),
  /**
   * Written by the community, not from the docs' FAQ page: `faq import` leaves it alone (never
   * "missing", never pruned, never matched to an imported question).
   */
  local: z.boolean({ error: 'must be true or false' }).optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

/** A Markdown link target that Discord cannot open: not absolute (`/docs/x`, `page.md`, `#anchor`). */
const RELATIVE_LINK = /\]\((?!https?:\/\/|mailto:)([^)\s]+)\)/;

export const answerSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LIMITS.answerChars, `must be at most ${LIMITS.answerChars} characters`)
  .refine((answer) => !RELATIVE_LINK.test(answer), {
    error: (issue) =>
      `has a relative link "${RELATIVE_LINK.exec(String(issue.input))?.[1]}": links must be absolute (https://fal.ai/docs/…), Discord cannot open others`,
  });

export interface FaqEntry extends FrontMatter {
  /** The file name without `.md`: stable, kebab-case, used as the autocomplete value. */
  id: string;
  answer: string;
}

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/**
 * Discord carries the id in autocomplete values and select options (at most 100 characters)
 * and in the feedback buttons' custom_id after `faq-fb:down:` (100 in all): 80 fits them all.
 */
export const MAX_ID_LENGTH = 80;
