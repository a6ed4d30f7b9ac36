import { parseDocument } from 'yaml';
import {
  answerSchema,
  frontMatterSchema,
  ID_PATTERN,
  MAX_ID_LENGTH,
  type FaqEntry,
} from './entry.js';
import type { Problem } from './problem.js';

export type ParseResult =
  { entry: FaqEntry; problems: [] } | { entry?: undefined; problems: Problem[] };

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits `---\nyaml\n---\nbody`. Returns undefined when the file has no front matter block. */
export function splitFrontMatter(text: string): { yaml: string; body: string } | undefined {
  const match = FRONT_MATTER.exec(text);
  if (!match) return undefined;
  return { yaml: match[1] ?? '', body: text.slice(match[0].length) };
}

/** Parses one entry file. `file` is only used to name where a problem is. */
export function parseEntry(file: string, id: string, text: string): ParseResult {
  const problems: Problem[] = [];
  if (!ID_PATTERN.test(id)) {
    problems.push({
      file,
      field: 'id',
      message: `file name "${id}" must be kebab-case (a-z, 0-9, -)`,
    });
  } else if (id.length > MAX_ID_LENGTH) {
    problems.push({
      file,
      field: 'id',
      message: `file name "${id}" is ${id.length} characters; at most ${MAX_ID_LENGTH} (Discord carries it in autocomplete values and button ids)`,
    });
  }
  const parts = splitFrontMatter(text);
  if (!parts) {
    return {
      problems: [
        ...problems,
        { file, message: 'missing front matter: the file must start with a --- block' },
      ],
    };
  }
  const doc = parseDocument(parts.yaml, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: [
        ...problems,
        // The YAML parser reports one mistake at several places: said once.
        ...[...new Set(doc.errors.map((e) => e.message.split('\n')[0]!.replace(/:\s*$/, '')))].map(
          (message) => ({ file, field: 'front matter', message: `malformed YAML: ${message}` }),
        ),
      ],
    };
  }
  const data: unknown = doc.toJS() ?? {};
  const front = frontMatterSchema.safeParse(data);
  if (!front.success) {
    for (const issue of front.error.issues) {
      const field =
        issue.code === 'unrecognized_keys'
          ? issue.keys.join(', ')
          : issue.path.map(String).join('.') || 'front matter';
      const message =
        issue.code === 'unrecognized_keys'
          ? 'unknown field'
          : describeMissing(issue.message, field);
      problems.push({ file, field, message });
    }
  }
  const answer = answerSchema.safeParse(parts.body);
  if (!answer.success) {
    problems.push(
      ...answer.error.issues.map((i) => ({ file, field: 'answer', message: i.message })),
    );
  }
  if (problems.length > 0 || !front.success || !answer.success) return { problems };
  return { entry: { id, ...front.data, answer: answer.data }, problems: [] };
}

function describeMissing(message: string, field: string): string {
  return field === 'front matter' ? 'must be a YAML mapping of fields' : message;
}
