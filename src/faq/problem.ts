/** Something wrong with the FAQ data, located precisely enough to fix it. */
export interface Problem {
  file: string;
  field?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.field ? ` (${p.field})` : ''}: ${p.message}`;
}
