import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import {
  answerSchema,
  frontMatterSchema,
  ID_PATTERN,
  MAX_ID_LENGTH,
  type FaqEntry,
} from './entry.js';
import type { Problem } from './problem.js';

/**
 * What a file says of the fields other files are checked against (its question and keywords),
 * whether or not the file is valid, and the line each field is on: one pass over a folder lists
 * a duplicate question beside a broken field.
 */
export interface Fields {
  question?: string;
  keywords?: string[];
  lines: Record<string, number>;
}

export type ParseResult = (
  { entry: FaqEntry; problems: [] } | { entry?: undefined; problems: Problem[] }
) & { fields: Fields };

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits `---\nyaml\n---\nbody`. Returns undefined when the file has no front matter block. */
export function splitFrontMatter(text: string): { yaml: string; body: string } | undefined {
  const match = FRONT_MATTER.exec(text);
  if (!match) return undefined;
  return { yaml: match[1] ?? '', body: text.slice(match[0].length) };
}

/** The line (of the file, the `---` above the YAML being line 1) of each top-level field. */
function fieldLines(doc: Document, yaml: string): Record<string, number> {
  const lines: Record<string, number> = {};
  if (!isMap(doc.contents)) return lines;
  for (const pair of doc.contents.items)
    if (isScalar(pair.key) && pair.key.range)
      lines[String(pair.key.value)] = lineAt(yaml, pair.key.range[0]) + 1;
  return lines;
}

/** The 1-based line of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** What other files are checked against, as far as the file's YAML gives it. */
function fieldsOf(data: unknown, lines: Record<string, number>): Fields {
  const front = (data ?? {}) as Record<string, unknown>;
  const fields: Fields = { lines };
  if (typeof front.question === 'string') fields.question = front.question.trim();
  if (Array.isArray(front.keywords))
    fields.keywords = front.keywords.filter((k): k is string => typeof k === 'string');
  return fields;
}

/** Parses one entry file. `file` is only used to name where a problem is. */
export function parseEntry(file: string, id: string, text: string): ParseResult {
  const problems: Problem[] = [];
  const none: Fields = { lines: {} };
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
        { file, line: 1, message: 'missing front matter: the file must start with a --- block' },
      ],
      fields: none,
    };
  }
  const doc = parseDocument(parts.yaml, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // The YAML parser reports one mistake at several places: said once. Its lines count from the
    // first line of YAML, the file's second.
    const seen = new Set<string>();
    for (const e of doc.errors) {
      const message = e.message
        .split('\n')[0]!
        .replace(/:\s*$/, '')
        .replace(/ at line (\d+), column (\d+)$/, '');
      const line = e.linePos ? e.linePos[0].line + 1 : undefined;
      if (seen.has(`${line}:${message}`)) continue;
      seen.add(`${line}:${message}`);
      problems.push({ file, line, field: 'front matter', message: `malformed YAML: ${message}` });
    }
    return { problems, fields: none };
  }
  const data: unknown = doc.toJS() ?? {};
  const lines = fieldLines(doc, parts.yaml);
  const fields = fieldsOf(data, lines);
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
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0] ?? '');
      problems.push({ file, line: lines[key], field, message });
    }
  }
  const answer = answerSchema.safeParse(parts.body);
  if (!answer.success) {
    // The answer starts on the line after the closing ---.
    const line = lineAt(text, text.length - parts.body.length);
    problems.push(
      ...answer.error.issues.map((i) => ({ file, line, field: 'answer', message: i.message })),
    );
  }
  if (problems.length > 0 || !front.success || !answer.success) return { problems, fields };
  return { entry: { id, ...front.data, answer: answer.data }, problems: [], fields };
}

function describeMissing(message: string, field: string): string {
  return field === 'front matter' ? 'must be a YAML mapping of fields' : message;
}
