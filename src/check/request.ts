import JSON5 from 'json5';
import { readMessage } from '../ranking/reading.js';
import { osaDistance } from '../search/distance.js';
import type { ModelEndpoint, ModelInput } from '../sources/models.js';

/**
 * A member's fal request read and checked against the model's real inputs: what a pasted cURL
 * command, `fal.subscribe(…)` call, `fal_client.subscribe(…)` call or bare JSON asks of which
 * endpoint, and what the endpoint would refuse or ignore. Parsed, never run: the text is bounded
 * and read by brace matching and JSON5, nothing is evaluated.
 */

export type ProblemKind =
  'unknown-endpoint' | 'unknown-field' | 'missing-required' | 'wrong-type' | 'bad-value';

export interface RequestProblem {
  field: string | null;
  kind: ProblemKind;
  hint: string;
}

export interface CheckResult {
  /** The endpoint the request meant (after a near match), or null when none could be told. */
  endpoint: string | null;
  problems: RequestProblem[];
  /** The shape the request was written in: what a corrected snippet is written in. */
  language: 'curl' | 'js' | 'python' | 'json';
  /** The input as read (null when none was found). */
  input: Record<string, unknown> | null;
}

/** What is read of a message: far more than a request, far less than a log dump. */
export const CHECK_LIMITS = { chars: 20_000, fields: 200 } as const;

/** A value the text names but does not spell (a variable): its type is not known. */
const UNKNOWN = '\u0000unknown';

/** Finds the endpoint a request names and checks its input against that endpoint's inputs. */
export function checkRequest(
  text: string,
  models: { get(id: string): ModelEndpoint | undefined; all: readonly ModelEndpoint[] },
): CheckResult {
  const message = text.slice(0, CHECK_LIMITS.chars);
  const language = languageOf(message);
  const input = readInput(message, language);
  const problems: RequestProblem[] = [];
  const named = namedEndpoint(message);
  const found = named ? resolveEndpoint(named, models) : undefined;
  if (!named)
    problems.push({
      field: null,
      kind: 'unknown-endpoint',
      hint: 'No endpoint id in the request: name it (fal-ai/flux/dev) or paste the URL (https://fal.run/fal-ai/flux/dev).',
    });
  else if (!found)
    problems.push({
      field: null,
      kind: 'unknown-endpoint',
      hint: `No fal endpoint is called "${named}"; search for it with /model.`,
    });
  else if (!found.exact)
    problems.push({
      field: null,
      kind: 'unknown-endpoint',
      hint: `No endpoint is called "${named}": did you mean ${found.model.endpoint}?`,
    });
  if (found && input) problems.push(...checkInput(input, found.model.inputs));
  return { endpoint: found?.model.endpoint ?? null, problems, language, input };
}

function languageOf(text: string): CheckResult['language'] {
  if (/\bcurl\b/i.test(text)) return 'curl';
  if (/\bfal_client\b|arguments\s*=/.test(text)) return 'python';
  if (/\bfal\.(?:subscribe|run|queue\.submit|stream)\s*\(/.test(text)) return 'js';
  return 'json';
}

/** The id the request calls: the first argument of the call, else a fal URL or id in the text. */
function namedEndpoint(text: string): string | undefined {
  const call =
    /\b(?:fal|fal_client)\s*\.\s*(?:subscribe|run|submit|stream|queue\s*\.\s*submit|subscribe_async|run_async|submit_async)\s*\(\s*(["'`])([^"'`\s]{1,200})\1/.exec(
      text,
    );
  if (call) return call[2]!.replace(/^https?:\/\/(?:queue\.)?fal\.run\//, '');
  return readMessage(text).paths[0];
}

/**
 * The model an id means: itself, with `fal-ai/` added, the endpoint a longer path begins with
 * (`…/requests/<id>`), the same words with other separators (`fal-ai/flux-dev` is
 * `fal-ai/flux/dev`), else the one endpoint a typo away.
 */
function resolveEndpoint(
  id: string,
  models: { get(id: string): ModelEndpoint | undefined; all: readonly ModelEndpoint[] },
): { model: ModelEndpoint; exact: boolean } | undefined {
  const clean = id.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const parts = clean.split('/');
  for (let n = parts.length; n >= 1; n--) {
    const candidate = parts.slice(0, n).join('/');
    const exact = models.get(`model:${candidate}`);
    if (exact) return { model: exact, exact: n === parts.length || n >= 2 };
    const prefixed = models.get(`model:fal-ai/${candidate}`);
    if (prefixed) return { model: prefixed, exact: false };
  }
  const squash = (s: string) =>
    s
      .toLowerCase()
      .replace(/^fal-ai\//, '')
      .replace(/[-/_.]/g, '');
  const wanted = squash(clean);
  const same = models.all.filter((m) => squash(m.endpoint) === wanted);
  if (same.length === 1) return { model: same[0]!, exact: false };
  let best: ModelEndpoint | undefined;
  let bestDistance = Infinity;
  let tied = false;
  for (const m of models.all) {
    const other = squash(m.endpoint);
    if (Math.abs(other.length - wanted.length) > 2) continue;
    const d = osaDistance(wanted, other);
    if (d < bestDistance) [best, bestDistance, tied] = [m, d, false];
    else if (d === bestDistance) tied = true;
  }
  return best && bestDistance <= 2 && !tied ? { model: best, exact: false } : undefined;
}

/** The request's input object, from where its language puts it; null when there is none. */
function readInput(
  text: string,
  language: CheckResult['language'],
): Record<string, unknown> | null {
  const candidates: string[] = [];
  if (language === 'curl') {
    const data = /(?:-d|--data(?:-raw|-binary)?)\s+(['"])([\s\S]*?)\1(?=\s|$)/.exec(text);
    if (data) candidates.push(data[2]!);
  }
  const anchor =
    language === 'js'
      ? /\binput\s*:\s*\{/.exec(text)
      : language === 'python'
        ? /\barguments\s*=\s*\{/.exec(text)
        : undefined;
  if (anchor) candidates.push(balanced(text, anchor.index + anchor[0].length - 1) ?? '');
  const first = text.indexOf('{');
  if (first >= 0) candidates.push(balanced(text, first) ?? '');
  for (const candidate of candidates) {
    const value = parseObject(candidate, language === 'python');
    if (!value) continue;
    // A cURL body or bare JSON may wrap the input as `{"input": {…}}`, as the queue's payload does.
    const inner = value.input;
    return inner && typeof inner === 'object' && !Array.isArray(inner)
      ? (inner as Record<string, unknown>)
      : value;
  }
  return null;
}

/** The text of the `{…}` that opens at `start`, braces inside strings not counted. */
function balanced(text: string, start: number): string | undefined {
  let depth = 0;
  let quote = '';
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

/**
 * An object literal as JSON5 reads it, after what JSON5 lacks: Python's True / False / None, a
 * template literal as a string, and a name standing for a value (a variable) as "unknown".
 */
function parseObject(source: string, python: boolean): Record<string, unknown> | null {
  if (!source.startsWith('{')) return null;
  let text = source.replace(/`([^`]*)`/g, (_, s: string) => JSON.stringify(s));
  if (python)
    text = text
      .replace(/\bTrue\b/g, 'true')
      .replace(/\bFalse\b/g, 'false')
      .replace(/\bNone\b/g, 'null');
  text = text.replace(
    /(:\s*)([A-Za-z_$][\w$.]*(?:\([^()]*\))?)(\s*[,}\n])/g,
    (m, before: string, name: string, after: string) =>
      ['true', 'false', 'null', 'Infinity', 'NaN'].includes(name)
        ? m
        : `${before}${JSON.stringify(UNKNOWN)}${after}`,
  );
  try {
    const value: unknown = JSON5.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** What the endpoint would refuse or ignore in `input`, field by field. */
export function checkInput(
  input: Record<string, unknown>,
  inputs: readonly ModelInput[],
): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const byName = new Map(inputs.map((i) => [i.name, i]));
  for (const [field, value] of Object.entries(input).slice(0, CHECK_LIMITS.fields)) {
    const spec = byName.get(field);
    if (!spec) {
      const near = nearestField(field, inputs);
      problems.push({
        field,
        kind: 'unknown-field',
        hint: near
          ? `The endpoint has no input "${field}": did you mean ${near}?`
          : `The endpoint has no input "${field}"; it takes ${inputs.map((i) => i.name).join(', ') || 'no input'}.`,
      });
      continue;
    }
    if (value === UNKNOWN) continue;
    const type = typeProblem(value, spec);
    if (type) problems.push({ field, kind: 'wrong-type', hint: type });
    else if (spec.values && typeof value === 'string' && !spec.values.includes(value))
      problems.push({
        field,
        kind: 'bad-value',
        hint: `"${value}" is not one of ${spec.values
          .slice(0, 12)
          .map((v) => `"${v}"`)
          .join(
            ', ',
          )}${spec.values.length > 12 ? ', …' : ''}${spec.default !== undefined ? ` (default ${spec.default})` : ''}.`,
      });
  }
  for (const spec of inputs)
    if (spec.required && !(spec.name in input))
      problems.push({
        field: spec.name,
        kind: 'missing-required',
        hint: `${spec.name} is required (${spec.type})${spec.description ? `: ${spec.description.slice(0, 120)}` : ''}.`,
      });
  return problems;
}

/** The known input a wrong name most likely meant: `imageUrl` is image_url, `image` image_url. */
function nearestField(field: string, inputs: readonly ModelInput[]): string | undefined {
  const snake = field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const names = inputs.map((i) => i.name);
  if (names.includes(snake)) return snake;
  const starting = names.filter((n) => n.startsWith(`${snake}_`) || snake.startsWith(`${n}_`));
  if (starting.length === 1) return starting[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const n of names) {
    const d = osaDistance(snake, n);
    if (d < bestDistance) [best, bestDistance] = [n, d];
  }
  return best && bestDistance <= Math.max(1, Math.floor(snake.length / 4)) ? best : undefined;
}

/** Why `value` is not of the input's type; undefined when it is (or the type says too little). */
function typeProblem(value: unknown, spec: ModelInput): string | undefined {
  const type = spec.type.trim();
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const says = (expected: string) =>
    `${spec.name} takes ${expected} (${type}), not ${kind === 'string' ? `the string ${JSON.stringify(value)}` : `a ${kind}`}${spec.default !== undefined ? `; default ${spec.default}` : ''}.`;
  if (/\[\]$|^Array</.test(type)) return kind === 'array' ? undefined : says('a list');
  if (type === 'string') return kind === 'string' ? undefined : says('a string');
  if (type === 'number' || type === 'integer')
    return kind === 'number' ? undefined : says('a number');
  if (type === 'boolean') return kind === 'boolean' ? undefined : says('true or false');
  // A union of string literals: a value that is not a string is wrong; which string, bad-value says.
  if (spec.values && !/[A-Z]\w*\s*\|/.test(type) && kind !== 'string')
    return says('one of its values');
  return undefined;
}

/**
 * The request as it should be: each field named as the endpoint names it, a number written as a
 * number, a value outside the allowed set replaced by the default, required inputs added (as
 * "…"), fields the endpoint lacks left out; written in the language the member used.
 */
export function correctedSnippet(
  result: CheckResult,
  model: ModelEndpoint | undefined,
): string | undefined {
  if (!result.endpoint || !model) return undefined;
  const input: Record<string, unknown> = { ...(result.input ?? {}) };
  const byName = new Map(model.inputs.map((i) => [i.name, i]));
  for (const p of result.problems) {
    if (!p.field) continue;
    const spec = byName.get(p.field);
    if (p.kind === 'unknown-field') {
      const near = /did you mean (\w+)\?/.exec(p.hint)?.[1];
      if (near && !(near in input)) input[near] = input[p.field];
      delete input[p.field];
    } else if (p.kind === 'wrong-type' && spec) {
      const value = input[p.field];
      if (/^(number|integer)$/.test(spec.type) && !Number.isNaN(Number(value)))
        input[p.field] = Number(value);
      else if (spec.type === 'boolean') input[p.field] = value === 'true' || value === true;
      else if (spec.values && value !== undefined && spec.values.includes(String(value)))
        input[p.field] = String(value);
      else delete input[p.field];
    } else if (p.kind === 'bad-value' && spec) {
      if (spec.default !== undefined)
        input[p.field] = JSON.parse(
          spec.default.startsWith('"') ? spec.default : JSON.stringify(spec.default),
        ) as unknown;
      else delete input[p.field];
    } else if (p.kind === 'missing-required') input[p.field] = '…';
  }
  for (const [k, v] of Object.entries(input)) if (v === UNKNOWN) input[k] = '…';
  const json = JSON.stringify(input, null, 2);
  switch (result.language) {
    case 'curl':
      return `curl -X POST https://queue.fal.run/${model.endpoint} \\\n  -H "Authorization: Key $FAL_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${JSON.stringify(input)}'`;
    case 'python':
      return `result = fal_client.subscribe("${model.endpoint}", arguments=${json
        .replace(/\btrue\b/g, 'True')
        .replace(/\bfalse\b/g, 'False')
        .replace(/\bnull\b/g, 'None')})`;
    case 'js':
      return `const result = await fal.subscribe("${model.endpoint}", {\n  input: ${json.replace(/\n/g, '\n  ')},\n});`;
    default:
      return json;
  }
}
