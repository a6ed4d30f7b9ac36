import { readFile } from 'node:fs/promises';
import { SourceError } from './errors.js';

export const FETCH_TIMEOUT_MS = 15_000;

/** Reads a file, or fetches an http(s) URL with a timeout; failures say what and where. */
export async function readSource(location: string, timeoutMs = FETCH_TIMEOUT_MS): Promise<string> {
  if (!/^https?:\/\//i.test(location)) {
    try {
      return await readFile(location, 'utf8');
    } catch (error) {
      throw new SourceError(
        `cannot read ${location}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  let response: Response;
  try {
    response = await fetch(location, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'text/markdown, text/plain;q=0.9, */*;q=0.1' },
    });
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
    throw new SourceError(`cannot fetch ${location}: ${reason}`);
  }
  if (!response.ok)
    throw new SourceError(
      `cannot fetch ${location}: HTTP ${response.status} ${response.statusText}`.trim(),
    );
  return response.text();
}

/** The page a docs URL's Markdown (`….md`) renders. */
export function pageUrlOf(location: string): string | undefined {
  return /^https?:\/\//i.test(location)
    ? location.replace(/\.mdx?$/i, '').replace(/[?#].*$/, '')
    : undefined;
}
