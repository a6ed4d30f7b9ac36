import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cards/render.js';
import { loadFaqDir } from '../../src/faq/load.js';
import { copyOfShippedFaq, SHIPPED_FAQ } from '../helpers/local.js';
import { runScript } from '../helpers/run.js';

/** The CLI the way other tools call it (`npm run --silent faq -- …`), minus npm's start-up. */
const faq = (args: string[], input?: string, env: Record<string, string> = {}) =>
  runScript('src/cli/main.ts', args, { env: { ...process.env, FAQ_DIR: '', ...env }, input });

describe('faq ask (the contract other tools call)', () => {
  it('given --json --stdin, then for each line what /faq posts: the answer id or null and the did-you-mean ids', async () => {
    const { code, stdout } = await faq(
      ['ask', '--json', '--stdin'],
      'why am i getting 429\nlock the seed between runs\nzzqqx\n',
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { answer: 'rate-limit', suggestions: expect.arrayContaining(['rate-limit']) },
      { answer: null, suggestions: expect.arrayContaining(['credits-run-out']) },
      { answer: null, suggestions: [] },
    ]);
    // The answer leads the ranking it was picked from.
    expect((lines[0] as { suggestions: string[] }).suggestions[0]).toBe('rate-limit');
  });

  it('given check --json --stdin, then per request the endpoint meant and each problem, [] for a valid one (the contract)', async () => {
    const { code, stdout } = await faq(
      ['check', '--json', '--stdin'],
      [
        `curl https://fal.run/fal-ai/flux/dev -d '{"prompt": "a cat"}'`,
        'fal.subscribe("fal-ai/flux-dev", {\\n  input: { imageUrl: "u" },\\n})',
      ].join('\n') + '\n',
    );
    expect(code).toBe(0);
    const [valid, wrong] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(valid).toEqual({ endpoint: 'fal-ai/flux/dev', problems: [] });
    expect(wrong).toEqual({
      endpoint: 'fal-ai/flux/dev',
      problems: [
        { field: null, kind: 'unknown-endpoint', hint: expect.any(String) },
        { field: 'imageUrl', kind: 'unknown-field', hint: expect.any(String) },
        { field: 'prompt', kind: 'missing-required', hint: expect.any(String) },
      ],
    });
  });

  it('given messages answered by a docs page, a model and nothing, then the ids say which source, [] for nothing', async () => {
    const { code, stdout } = await faq(
      ['ask', '--message', '--json', '--stdin'],
      [
        'calling https://queue.fal.run/fal-ai/flux/dev/requests/abc/status gives me HTTP 401 {"detail": "Unauthorized"}',
        'what is the weather in paris tomorrow, should I take an umbrella',
      ].join('\n') + '\n',
    );
    expect(code).toBe(0);
    const [named, nothing] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { suggestions: string[] });
    expect(named!.suggestions).toContain('model:fal-ai/flux/dev');
    expect(named!.suggestions).toContain('docs:documentation/setting-up/authentication');
    expect(nothing).toEqual({ suggestions: [] });
  });

  it('given --message --json --stdin, then for each message the menu Answer with FAQ offers, a literal \\n being a newline', async () => {
    const { code, stdout } = await faq(
      ['ask', '--message', '--json', '--stdin'],
      'our cron says:\\n```\\ninsufficient balance\\n```\\nwhat now?\nwho is watching the football tonight\n',
    );
    expect(code).toBe(0);
    const [first, second] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { suggestions: string[] });
    expect(first!.suggestions[0]).toBe('credits-run-out');
    expect(first!.suggestions.length).toBeLessThanOrEqual(5);
    expect(second).toEqual({ suggestions: [] });
  });
});

describe('faq format and import from scratch', () => {
  it('given a block-style keywords list, then validate accepts it and format writes the canonical form', async () => {
    const dir = await copyOfShippedFaq();
    const file = path.join(dir, 'invoice.md');
    const text = await readFile(file, 'utf8');
    const items = /keywords: \[(.*)\]\n/
      .exec(text)![1]!
      .split(',')
      .map((k) => k.trim());
    await writeFile(
      file,
      text.replace(/keywords: \[.*\]\n/, `keywords:\n${items.map((k) => `  - ${k}\n`).join('')}`),
    );
    expect((await faq(['validate', '--dir', dir])).code).toBe(0);
    const check = await faq(['format', '--check', '--dir', dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`${file}: not in the canonical form\n  @@ line 2 @@`);
    // What differs: the list as it is, and the one line it becomes.
    expect(check.stdout).toContain(`\n  -keywords:\n  -  - ${items[0]}\n`);
    expect(check.stdout).toContain(`\n  +keywords: [${items.slice(0, 3).join(', ')}, `);
    expect((await faq(['format', '--dir', dir])).stdout).toContain('Formatted 1 of 15 entries');
    expect(await readFile(file, 'utf8')).toBe(
      await readFile(path.join(SHIPPED_FAQ, 'invoice.md'), 'utf8'),
    );
  });

  it('given a new folder, then import creates the entries', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'faq-new-')), 'faq-data');
    const result = await faq(['import', 'test/fixtures/fal-faq-current.mdx', '--dir', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Wrote 15 files');
    expect((await faq(['validate', '--dir', dir])).code).toBe(0);
  });

  it('given an Accordion without a title, then import fails naming its line; given a bad --base, before reading anything', async () => {
    const dir = await copyOfShippedFaq();
    const source = path.join(dir, '..', `bad-${Date.now()}.mdx`);
    await writeFile(
      source,
      '<AccordionGroup>\n  <Accordion title="Q?">\n  A\n  </Accordion>\n  <Accordion>\n  B\n  </Accordion>\n</AccordionGroup>\n',
    );
    const missing = await faq(['import', source, '--dir', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${source}:5: an <Accordion> has no title`);
    const base = await faq([
      'import',
      'https://127.0.0.1:9/never.md',
      '--base',
      'notaurl',
      '--dir',
      dir,
    ]);
    expect(base.code).toBe(1);
    expect(base.stderr).toContain('--base "notaurl" is not an absolute http(s) URL');
  });
});

describe('faq search', () => {
  it('given --json and a query, then one JSON array of {id, question, url, score}, best first', async () => {
    const { code, stdout } = await faq(['search', '--json', 'rate limti']);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as {
      id: string;
      question: string;
      url: string;
      score: number;
    }[];
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(results[0]).toEqual({
      id: 'rate-limit',
      question: 'Is there a rate limit?',
      url: expect.stringMatching(/^https:/),
      score: expect.any(Number),
    });
    expect(Object.keys(results[0]!).sort()).toEqual(['id', 'question', 'score', 'url']);
  });

  it('given --stdin, then one JSON array a line, in order', async () => {
    const { code, stdout } = await faq(
      ['search', '--json', '--stdin'],
      'cold strat\n\ngithub email\n',
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string }[]);
    expect(lines).toHaveLength(3);
    expect(lines[0]![0]!.id).toBe('cold-starts');
    expect(lines[1]!.length).toBeGreaterThan(0);
    expect(lines[2]![0]!.id).toBe('github-code');
  });
});

describe('faq validate', () => {
  it('given the shipped data, then exit 0 with a one-line summary', async () => {
    const { code, stdout } = await faq(['validate']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(/^OK: 15 entries in faq-data/);
  });

  it('given a broken directory, then exit 1 and every problem naming its file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-bad-'));
    await writeFile(
      path.join(dir, 'one.md'),
      '---\nquestion: One?\nurl: /relative\ncategory: x\n---\nAnswer',
    );
    await writeFile(
      path.join(dir, 'two.md'),
      '---\nquestion: Two?\nurl: https://fal.ai/docs\ncategory: x\n---\n',
    );
    const { code, stderr } = await faq(['validate', '--dir', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${path.join(dir, 'one.md')}:3 (url)`);
    expect(stderr).toContain(`${path.join(dir, 'two.md')}:6 (answer)`);
  });
});

describe('faq card', () => {
  it('given an id and --json, then exactly the body the bot sends', async () => {
    const { code, stdout } = await faq(['card', 'credits-expire', '--json']);
    expect(code).toBe(0);
    const entry = (await loadFaqDir(SHIPPED_FAQ)).entries.find((e) => e.id === 'credits-expire')!;
    expect(JSON.parse(stdout)).toEqual(renderCard(entry, { feedback: true }));
    expect(Object.keys(JSON.parse(stdout) as object).sort()).toEqual([
      'allowed_mentions',
      'components',
      'embeds',
    ]);
  });

  it('given --mention with a user id, then the body pings that user only', async () => {
    const id = '123456789012345678';
    const { code, stdout } = await faq(['card', 'invoice', '--json', '--mention', id]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      content: `<@${id}>`,
      allowed_mentions: { parse: [], users: [id] },
    });
  });

  it('given FEEDBACK_BUTTONS=false, then the body has only the docs button, as the bot would send', async () => {
    const { stdout } = await faq(['card', 'credits-expire', '--json'], undefined, {
      FEEDBACK_BUTTONS: 'false',
    });
    const body = JSON.parse(stdout) as { components: { components: { style: number }[] }[] };
    expect(body.components[0]!.components.map((c) => c.style)).toEqual([5]);
  });

  it('given an unknown id, then exit 1 with suggestions', async () => {
    const { code, stderr } = await faq(['card', 'credits']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/No entry "credits".*Did you mean: credits-/);
  });

  it.each([
    ['an unknown command', ['frobnicate'], 'unknown command "frobnicate"'],
    ['import without a source', ['import'], 'import takes one file or URL'],
    ['import with two sources', ['import', 'a.md', 'b.md'], 'import takes one file or URL'],
    [
      'a mention that is not a user id',
      ['card', 'invoice', '--mention', '@bob'],
      '--mention takes a Discord user id',
    ],
  ])('given %s, then exit 2 with what is wrong and the usage', async (_, args, message) => {
    const { code, stderr } = await faq(args);
    expect(code).toBe(2);
    expect(stderr).toContain(`faq: ${message}`);
    expect(stderr).toContain('Usage:');
  });
});

describe('faq import --check', () => {
  it('given the current docs source against the shipped data, then exit 0 (in sync)', async () => {
    const { code, stdout } = await faq(['import', 'test/fixtures/fal-faq-current.mdx', '--check']);
    expect(code).toBe(0);
    expect(stdout).toContain('In sync with the docs.');
  });

  it('given the older page against a copy, then exit 1 with what drifted on stderr', async () => {
    const dir = await copyOfShippedFaq();
    const { code, stderr } = await faq([
      'import',
      'test/fixtures/fal-faq-rendered-old.md',
      '--dir',
      dir,
      '--check',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/updated: {3}11/);
    expect(stderr).toContain('Out of sync');
  });
});
