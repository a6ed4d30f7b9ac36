import { readRegularFile } from '../files.js';
import { SourceError } from './errors.js';

export const FETCH_TIMEOUT_MS = 15_000;
/** What one source may be (the FAQ page, an llms.txt): far above fal's (a 40 KB llms.txt). */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

export interface ReadOptions {
  /** How long a fetch may take, its body included. */
  timeoutMs?: number;
  /** Read no further than this: past it the read fails, saying so. */
  maxBytes?: number;
}

/**
 * Reads a file, or fetches an http(s) URL, within a size and (for a fetch) a time bound; the body
 * is decoded with the charset the response names. Failures say what, where and why.
 */
export async function readSource(
  location: string,
  { timeoutMs = FETCH_TIMEOUT_MS, maxBytes = MAX_SOURCE_BYTES }: ReadOptions = {},
): Promise<string> {
  if (!/^https?:\/\//i.test(location)) return readLocal(location, maxBytes);
  const fail = (reason: string) => new SourceError(`cannot fetch ${location}: ${reason}`);
  const why = (error: unknown) =>
    ['TimeoutError', 'AbortError'].includes((error as Error).name)
      ? `no answer within ${Number((timeoutMs / 1000).toFixed(1))} s`
      : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
  let response: Response;
  try {
    response = await fetch(location, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'text/markdown, text/plain;q=0.9, */*;q=0.1' },
    });
  } catch (error) {
    throw fail(why(error));
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw fail(`HTTP ${response.status} ${response.statusText}`.trim());
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw fail(`${declared} bytes; at most ${maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // The timeout's signal aborts a body that stalls: the loop then throws, and says so.
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      // Leaving the loop cancels the body: nothing more is read.
      if (size > maxBytes) throw new Error(`over ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    throw fail(why(error));
  }
  return decode(Buffer.concat(chunks), response.headers.get('content-type'), location);
}

async function readLocal(location: string, maxBytes: number): Promise<string> {
  try {
    return await readRegularFile(location, maxBytes);
  } catch (error) {
    throw new SourceError(
      `cannot read ${location}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** The body in the charset its Content-Type names (UTF-8 when it names none). */
function decode(body: Buffer, contentType: string | null, location: string): string {
  const charset = /charset="?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    throw new SourceError(`cannot fetch ${location}: unknown charset "${charset}"`);
  }
}

/** The page a docs URL's Markdown (`….md`) renders. */
export function pageUrlOf(location: string): string | undefined {
  return /^https?:\/\//i.test(location)
    ? location.replace(/\.mdx?$/i, '').replace(/[?#].*$/, '')
    : undefined;
}
