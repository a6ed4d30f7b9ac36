import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, formatProblemInside } from '../../src/faq/problem.js';

const dir = path.resolve('/srv/fal-faq-bot/faq-data');

describe('formatProblemInside', () => {
  it('given a file in the FAQ folder, then it is named inside the folder, the host path nowhere', () => {
    const file = path.join(dir, 'credits.md');
    const text = formatProblemInside(dir, {
      file,
      message: `cannot read the file: EACCES: permission denied, open '${file}'`,
    });
    expect(text).toBe(
      "credits.md: cannot read the file: EACCES: permission denied, open 'credits.md'",
    );
  });

  it('given the folder given as a relative path, then files are named inside it all the same', () => {
    const text = formatProblemInside('faq-data/', {
      file: path.join('faq-data', 'b.md'),
      field: 'question',
      message: 'question "x" is also in a.md',
    });
    expect(text).toBe('b.md (question): question "x" is also in a.md');
  });

  it('given the folder itself, then it is called the FAQ directory', () => {
    const text = formatProblemInside(dir, {
      file: dir,
      message: `cannot read the FAQ directory: ENOENT: no such file or directory, scandir '${dir}'`,
    });
    expect(text).toBe(
      "(FAQ directory): cannot read the FAQ directory: ENOENT: no such file or directory, scandir '(FAQ directory)'",
    );
  });

  it('given a problem not about one file in the folder, then it reads as formatProblem has it', () => {
    for (const p of [
      { file: '(FAQ directory)', message: 'no entries: add at least one <id>.md file' },
      { file: 'a.md, b.md', field: 'pinned', message: '2 entries are pinned' },
    ])
      expect(formatProblemInside(dir, p)).toBe(formatProblem(p));
  });
});
