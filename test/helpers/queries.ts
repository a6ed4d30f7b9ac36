import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The rows of a fixture TSV (query, label, …), without blank lines and `#` comments. */
export function fixtureRows(name: string): string[][] {
  return readFileSync(path.resolve(import.meta.dirname, '../fixtures', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

/** What people type, keystroke by keystroke: every prefix of every dev query. */
export function typedQueries(): string[] {
  return fixtureRows('dev-queries.tsv')
    .map((row) => row[0]!)
    .flatMap((q) => Array.from({ length: q.length + 1 }, (_, i) => q.slice(0, i)));
}
