import path from 'node:path';

/** Something wrong with the FAQ data, located precisely enough to fix it. */
export interface Problem {
  file: string;
  /** The line of the file it is on, counted from the file's first line (editors' numbering). */
  line?: number;
  field?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}${p.field ? ` (${p.field})` : ''}: ${p.message}`;
}

/** `file` as named inside the FAQ folder `dir` (as it is, when it lies outside). */
export function fileInside(dir: string, file: string): string {
  const relative = path.relative(dir, file);
  const outside = relative.startsWith('..') || path.isAbsolute(relative);
  return relative === '' ? '(FAQ directory)' : outside ? file : relative;
}

/**
 * The problem as moderators read it in Discord: the file named inside the FAQ folder. Where that
 * folder sits on the host is not theirs to know, and the full path only buries the file name.
 */
export function formatProblemInside(dir: string, p: Problem): string {
  const inside = fileInside(dir, p.file);
  // A read error quotes the path it was given; other messages name files by their base name.
  return formatProblem({ ...p, file: inside, message: p.message.replaceAll(p.file, inside) });
}
