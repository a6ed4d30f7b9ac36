import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFaqDir, validateFiles } from '../../src/faq/load.js';
import { formatProblem } from '../../src/faq/problem.js';
import { LIMITS } from '../../src/faq/entry.js';
import { SHIPPED_FAQ } from '../helpers/local.js';
import { ROOT } from '../helpers/run.js';
import { execFile } from 'node:child_process';

const entry = (fields: Record<string, string>, answer = 'An answer.') =>
  `---\n${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n${answer}\n`;

const valid = {
  question: 'Is there a rate limit?',
  keywords: '[concurrency]',
  url: 'https://fal.ai/docs/x',
  category: 'usage',
};

const problemsOf = (files: Record<string, string>) =>
  validateFiles(
    Object.entries(files).map(([file, text]) => ({ file: `faq-data/${file}`, text })),
  ).problems.map(formatProblem);

describe('validateFiles: one problem, one clear line, naming file and field', () => {
  it('given fields of the wrong type or missing, then each says what it must be', () => {
    const text = '---\nquestion: [1, 2]\nkeywords: rate\ncategory: x\n---\nAn answer.\n';
    expect(problemsOf({ 'a.md': text })).toEqual([
      'faq-data/a.md:2 (question): must be text',
      'faq-data/a.md:3 (keywords): must be a list, such as [concurrency, "429"]',
      'faq-data/a.md (url): is required',
    ]);
  });

  it('given malformed YAML, then it is said once, whole', () => {
    const found = problemsOf({
      'a.md': '---\nquestion: Q?\nkeywords: [[[\nurl: https://fal.ai/x\ncategory: x\n---\nA\n',
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^faq-data\/a\.md:\d+ \(front matter\): malformed YAML: .*[^:]$/);
  });

  it('given a relative link in an answer, then it is refused: Discord cannot open it', () => {
    expect(problemsOf({ 'a.md': entry(valid, 'See [the limits](/docs/concurrency).') })).toEqual([
      'faq-data/a.md:7 (answer): has a relative link "/docs/concurrency": links must be absolute (https://fal.ai/docs/…), Discord cannot open others',
    ]);
  });

  it('given a copied file, then its shared keywords are one line, not one each', () => {
    const keywords = '[alpha, beta, gamma, delta, epsilon, zeta, eta]';
    const found = problemsOf({
      'a.md': entry({ ...valid, keywords }),
      'b.md': entry({ ...valid, question: 'Another question?', keywords }),
    });
    expect(found).toEqual([
      'faq-data/b.md:3 (keywords): keywords "alpha", "beta", "gamma", "delta", "epsilon" and 2 more are also in a.md',
    ]);
  });
});

describe('validateFiles', () => {
  it('given a valid entry, then it is returned with its id from the file name', () => {
    const { entries, problems } = validateFiles([
      { file: 'faq-data/rate-limit.md', text: entry(valid) },
    ]);
    expect(problems).toEqual([]);
    expect(entries[0]).toMatchObject({
      id: 'rate-limit',
      question: 'Is there a rate limit?',
      keywords: ['concurrency'],
      pinned: false,
      answer: 'An answer.',
    });
  });

  it.each([
    ['a missing question', { ...valid, question: undefined }, 'a.md (question)'],
    ['an empty question', { ...valid, question: '""' }, 'a.md:2 (question)'],
    [
      'a question over 100 characters',
      { ...valid, question: 'q'.repeat(101) },
      'a.md:2 (question): must be at most 100',
    ],
    [
      'a relative url',
      { ...valid, url: '/documentation/x' },
      'a.md:4 (url): must be an absolute https URL',
    ],
    [
      'an http url',
      { ...valid, url: 'http://fal.ai/docs' },
      'a.md:4 (url): must be an absolute https URL',
    ],
    [
      'a url over 512 characters',
      { ...valid, url: `https://fal.ai/docs/${'a'.repeat(493)}` },
      "a.md:4 (url): must be at most 512 characters (Discord's limit for the docs button)",
    ],
    [
      'an uppercase keyword',
      { ...valid, keywords: '[Concurrency]' },
      'a.md:3 (keywords.0): must be lowercase',
    ],
    ['an unknown field', { ...valid, pined: 'true' }, 'a.md:6 (pined): unknown field'],
    ['a missing category', { ...valid, category: undefined }, 'a.md (category)'],
  ])('given %s, then the problem names the file and field', (_, fields, expected) => {
    const clean = Object.fromEntries(
      Object.entries(fields).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    expect(problemsOf({ 'a.md': entry(clean) }).join('\n')).toContain(`faq-data/${expected}`);
  });

  it('given an empty answer, then the answer field is named', () => {
    expect(problemsOf({ 'a.md': entry(valid, '   ') })).toEqual([
      'faq-data/a.md:7 (answer): must not be empty',
    ]);
  });

  it('given an answer over 4096 characters, then it is refused', () => {
    expect(problemsOf({ 'a.md': entry(valid, 'x'.repeat(4097)) })[0]).toContain(
      '(answer): must be at most 4096',
    );
  });

  it('given malformed YAML, then the problem says so and names the file', () => {
    const [problem] = problemsOf({ 'a.md': '---\nquestion: [unclosed\n---\nAnswer' });
    expect(problem).toMatch(/^faq-data\/a\.md:2 \(front matter\): malformed YAML/);
  });

  it('given no front matter, then the problem says how a file must start', () => {
    expect(problemsOf({ 'a.md': 'Just text' })[0]).toContain('must start with a --- block');
  });

  it('given a file name that is not kebab-case, then the id is refused', () => {
    expect(problemsOf({ 'Rate_Limit.md': entry(valid) })[0]).toContain('(id)');
  });

  it('given a file name longer than 80 characters, then the id is refused, naming the limit', () => {
    const long = `${'a'.repeat(40)}-${'b'.repeat(40)}`;
    expect(problemsOf({ [`${long}.md`]: entry(valid) })).toEqual([
      `faq-data/${long}.md (id): file name "${long}" is 81 characters; at most 80 (Discord carries it in autocomplete values and button ids)`,
    ]);
    expect(problemsOf({ [`${long.slice(1)}.md`]: entry(valid) })).toEqual([]);
  });

  it('given two files with the same id (a.md and a.MD), then the duplicate id is named', () => {
    const problems = problemsOf({
      'a.md': entry(valid),
      'a.MD': entry({ ...valid, question: 'Other?', keywords: '[x]' }),
    });
    expect(problems).toEqual(['faq-data/a.MD (id): id "a" is also in a.md']);
  });

  it('given the same question twice, then the second file is named with the first', () => {
    const problems = problemsOf({
      'a.md': entry(valid),
      'b.md': entry({ ...valid, question: 'is there a  RATE limit?', keywords: '[other]' }),
    });
    expect(problems).toEqual([
      'faq-data/b.md:2 (question): question "is there a rate limit?" is also in a.md',
    ]);
  });

  it("given a file with a broken field that also repeats another file's question and keyword, then one pass lists all three, each with its line", () => {
    const problems = problemsOf({
      'a.md': entry(valid),
      'b.md': entry({ ...valid, url: 'http://fal.ai/docs' }),
    });
    expect(problems).toEqual([
      'faq-data/b.md:4 (url): must be an absolute https URL',
      'faq-data/b.md:2 (question): question "is there a rate limit?" is also in a.md',
      'faq-data/b.md:3 (keywords): keyword "concurrency" is also in a.md',
    ]);
  });

  it("given malformed YAML below the first lines of a file, then its line counts from the file's first line", () => {
    const [problem] = problemsOf({
      'a.md': '---\nquestion: Q?\nurl: https://fal.ai/x\ncategory: x\nquestion: again\n---\nA\n',
    });
    expect(problem).toBe('faq-data/a.md:5 (front matter): malformed YAML: Map keys must be unique');
  });

  it('given a keyword shared by two entries, then it is refused', () => {
    const problems = problemsOf({
      'a.md': entry(valid),
      'b.md': entry({ ...valid, question: 'Other?' }),
    });
    expect(problems).toEqual(['faq-data/b.md:3 (keywords): keyword "concurrency" is also in a.md']);
  });

  it('given more than 25 pinned entries, then it is refused', () => {
    const files = Object.fromEntries(
      Array.from({ length: 26 }, (_, i) => [
        `q${i}.md`,
        entry({ ...valid, question: `Question ${i}?`, keywords: `[k${i}]`, pinned: 'true' }),
      ]),
    );
    expect(problemsOf(files).join('\n')).toContain('26 entries are pinned; at most 25');
  });

  it('given one bad file among good ones, then no entry is returned (never half a FAQ)', () => {
    const result = validateFiles([
      { file: 'faq-data/a.md', text: entry(valid) },
      {
        file: 'faq-data/b.md',
        text: entry({ ...valid, question: 'B?', keywords: '[b]', url: 'nope' }),
      },
    ]);
    expect(result.entries).toEqual([]);
    expect(result.problems).toHaveLength(1);
  });
});

describe('loadFaqDir', () => {
  it('given the shipped data, then the 15 questions of the current fal FAQ load', async () => {
    const { entries, problems } = await loadFaqDir(SHIPPED_FAQ);
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(15);
    for (const e of entries) {
      expect(e.url).toMatch(/^https:\/\//);
      expect(e.answer).not.toMatch(/\]\(\//);
    }
  });

  it('given the shipped FAQ folder’s README, then no line of it reads as a front-matter field (tools that take every .md there for an entry find no question in it)', async () => {
    const readme = await readFile(path.join(SHIPPED_FAQ, 'README.md'), 'utf8');
    expect(readme.match(/^(question|keywords|url|category):/gm)).toBeNull();
  });

  it('given a directory with editor swap files and a README, then only <id>.md files are read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-'));
    await writeFile(path.join(dir, 'a.md'), entry(valid));
    await writeFile(path.join(dir, '.a.md.swp'), 'garbage');
    await writeFile(path.join(dir, 'notes.txt'), 'garbage');
    await writeFile(path.join(dir, 'README.md'), '# Editing the FAQ\n\nNo front matter here.\n');
    const { entries, problems } = await loadFaqDir(dir);
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.id)).toEqual(['a']);
  });

  it('given a directory that does not exist, then the problem names it', async () => {
    const { problems } = await loadFaqDir('/nonexistent/faq');
    expect(formatProblem(problems[0]!)).toMatch(
      /^\/nonexistent\/faq: cannot read the FAQ directory/,
    );
  });

  it('given an entry that cannot be read, then the problem names that file and no entries are returned', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-'));
    await writeFile(path.join(dir, 'a.md'), entry(valid));
    // A folder named like an entry: listed, but reading it fails as a vanished file would.
    await mkdir(path.join(dir, 'b.md'));
    const { entries, problems } = await loadFaqDir(dir);
    expect(entries).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(new RegExp(`^${path.join(dir, 'b.md')}: cannot read the file: EISDIR`)),
    ]);
  });

  it('given an unreadable entry and a broken one, then both are named in one pass', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-'));
    await writeFile(path.join(dir, 'a.md'), entry(valid));
    await mkdir(path.join(dir, 'b.md'));
    await writeFile(path.join(dir, 'c.md'), 'no front matter here');
    const { entries, problems } = await loadFaqDir(dir);
    expect(entries).toEqual([]);
    expect(problems.map((p) => [path.basename(p.file), p.message.split(':')[0]])).toEqual([
      ['b.md', 'cannot read the file'],
      ['c.md', 'missing front matter'],
    ]);
  });

  it('given no entry can be read, then only the unreadable files are named (not "no entries")', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-'));
    await mkdir(path.join(dir, 'a.md'));
    const { problems } = await loadFaqDir(dir);
    expect(problems.map((p) => path.basename(p.file))).toEqual(['a.md']);
  });

  it('given an entry file over the size limit, then it is refused by name without being read whole', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-'));
    await writeFile(path.join(dir, 'a.md'), entry(valid));
    const huge = `---\nquestion: Big?\nkeywords: [${'k, '.repeat(LIMITS.fileBytes)}k]\n---\nA`;
    await writeFile(path.join(dir, 'big.md'), huge);
    await symlink('/dev/zero', path.join(dir, 'zero.md'));
    const { entries, problems } = await loadFaqDir(dir);
    expect(entries).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      `${path.join(dir, 'big.md')}: is over 64 KiB: an entry is one question and an answer of at most 4096 characters`,
      `${path.join(dir, 'zero.md')}: is over 64 KiB: an entry is one question and an answer of at most 4096 characters`,
    ]);
  });

  it('given more keywords than allowed, or one too long, then the field is named', () => {
    const many = `[${Array.from({ length: LIMITS.keywords + 1 }, (_, i) => `k${i}`).join(', ')}]`;
    expect(problemsOf({ 'a.md': entry({ ...valid, keywords: many }) })).toEqual([
      'faq-data/a.md:3 (keywords): must be at most 50 keywords',
    ]);
    expect(problemsOf({ 'a.md': entry({ ...valid, keywords: `[${'x'.repeat(61)}]` }) })).toEqual([
      'faq-data/a.md:3 (keywords.0): must be at most 60 characters each',
    ]);
  });

  it('given thousands of entry files and few file descriptors, then they all load (never all open at once)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-many-'));
    const count = 3000;
    for (let i = 0; i < count; i++)
      await writeFile(
        path.join(dir, `q-${i}.md`),
        entry({ question: `Question ${i}?`, url: 'https://fal.ai/docs/x', category: 'c' }),
      );
    const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        'bash',
        [
          '-c',
          `ulimit -n 256 && exec node_modules/.bin/tsx src/cli/main.ts validate --dir "$0"`,
          dir,
        ],
        { cwd: ROOT, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({
            code: error ? Number((error as { code?: number }).code ?? 1) : 0,
            stdout,
            stderr,
          }),
      ),
    );
    expect(out.stderr).not.toContain('EMFILE');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(String(count));
  }, 60_000);
});
