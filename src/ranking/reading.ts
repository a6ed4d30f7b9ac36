/**
 * What a member's message says besides its words: the model endpoints, HTTP statuses and links it
 * names. Pure and bounded: only the first `MAX_READ_CHARS` characters are read.
 */

export const MAX_READ_CHARS = 4000;

/** HTTP statuses a member quotes from an error (fal's APIs answer with these). */
const STATUSES = new Set([
  400, 401, 402, 403, 404, 405, 408, 409, 410, 413, 415, 422, 429, 500, 502, 503, 504,
]);

export interface Reading {
  /** The message with its links and endpoint ids taken out: what is left to search by words. */
  prose: string;
  /** Paths that look like endpoint ids (`fal-ai/flux/dev`, from a fal.run or fal.ai/models link too). */
  paths: string[];
  /** Docs page paths linked (`documentation/model-apis/queue`). */
  docsPaths: string[];
  statuses: number[];
  /** Whether most of its letters are of a script other than Latin: the index speaks English. */
  foreign: boolean;
}

const URL = /<?https?:\/\/[^\s<>"'`)\]]+>?/giu;
/** `owner/name[/more]` written out bare, as in `fal-ai/flux/dev` or `fal-ai/veo3`. */
const PATH = /(?<![\w./@:-])[a-z0-9][\w.-]*\/[\w.-]+(?:\/[\w.-]+)*/giu;
const FAL_RUN = /^(?:queue\.|rest\.|ws\.)?fal\.run$/i;

export function readMessage(text: string): Reading {
  const message = text.slice(0, MAX_READ_CHARS);
  const paths: string[] = [];
  const docsPaths: string[] = [];
  let prose = message.replace(URL, (raw) => {
    const url = safeUrl(raw.replace(/^<|>$/g, '').replace(/[.,;:!?]+$/, ''));
    if (!url) return ' ';
    const path = url.pathname.replace(/^\/+|\/+$/g, '');
    if (FAL_RUN.test(url.hostname)) paths.push(path);
    else if (/(^|\.)fal\.ai$/i.test(url.hostname)) {
      if (path.startsWith('models/')) paths.push(path.slice('models/'.length));
      else if (path.startsWith('docs/')) docsPaths.push(path.slice('docs/'.length));
    }
    return ' ';
  });
  prose = prose.replace(PATH, (path) => {
    // A file path or a MIME type is not an endpoint; an npm scope (`@fal-ai/client`) is excluded above.
    if (
      /\.(?:[cm]?[jt]sx?|py|json|ya?ml|md|txt|html?|css|safetensors|ckpt|bin|png|jpe?g|webp|gif|mp[34]|wav)$/i.test(
        path,
      )
    )
      return path;
    paths.push(path.replace(/[.,;:!?]+$/, ''));
    return ' ';
  });
  return {
    prose,
    paths,
    docsPaths,
    statuses: statusesIn(message),
    foreign: isForeign(message),
  };
}

function safeUrl(raw: string): globalThis.URL | undefined {
  try {
    return new globalThis.URL(raw);
  } catch {
    return undefined;
  }
}

/**
 * Three-digit numbers that are HTTP statuses fal answers with, said as one: after "HTTP",
 * "status", "error", "code", a colon or an opening quote or bracket, or before a status's name,
 * "error" or closing punctuation. "~500 jobs", "$40,500" and "1024x1024" are not statuses.
 */
const STATUS = /(?<![\w$€£~.,-])([45]\d\d)(?![\w.,]\d)/giu;
const BEFORE =
  /\b(?:https?|status|error|code|returns?|returned|got|gets?|getting|an?|with|failed|fails?)\W{0,3}$|[:'"([{]\s*$/iu;
const AFTER =
  /^\s*(?:[)\]'",.;!?}]|$|-|error|status|unauthori[sz]ed|forbidden|not found|method|internal|bad|service|too many|unprocessable|payment|gateway|timeout|conflict|request)/iu;

function statusesIn(text: string): number[] {
  const found = new Set<number>();
  for (const match of text.matchAll(STATUS)) {
    const status = Number(match[1]);
    if (!STATUSES.has(status)) continue;
    const before = text.slice(Math.max(0, match.index - 24), match.index);
    const after = text.slice(match.index + 3, match.index + 24);
    if (BEFORE.test(before) || AFTER.test(after)) found.add(status);
  }
  return [...found];
}

/** More than half the letters outside the Latin script: a message the index cannot read. */
function isForeign(text: string): boolean {
  // Every letter below U+0250 is Latin: most messages are read without a look at each character.
  if (!/[^\t-\u024f]/.test(text)) return false;
  let latin = 0;
  let other = 0;
  for (const char of text) {
    if (/\p{Script=Latin}/u.test(char)) latin++;
    else if (/\p{L}/u.test(char)) other++;
  }
  return other > 0 && other * 2 >= latin;
}
