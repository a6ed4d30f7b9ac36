import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageHeadings, parseLlmsTxt } from '../../src/importer/llms-txt.js';
import { readEndpoints } from '../../src/importer/read-endpoints.js';
import { importDocs } from '../../src/importer/snapshots.js';
import { ROOT, runScript } from '../helpers/run.js';

const LLMS = `# fal: Documentation

> ## Agent Instructions
> - [Examples](https://fal.ai/docs/examples/index.md): only in the blockquote

## Documentation

- [Quick Start](https://fal.ai/docs/documentation/quickstart.md): Get started with fal in minutes

### Serverless

- [Introduction](https://fal.ai/docs/documentation/serverless/index.md): What fal Serverless is

#### Development

##### Files

- [Optimizing Costs](https://fal.ai/docs/documentation/serverless/optimizations/optimizing-costs.md)

### Model APIs

- [fal CDN](https://fal.ai/docs/documentation/model-apis/fal-cdn.md): Upload files
`;

describe('parseLlmsTxt', () => {
  it('given nested sections, then each page has its title, human URL, description and section path; the blockquote is not the index', () => {
    const pages = parseLlmsTxt(LLMS);
    expect(pages.map((p) => [p.id, p.url, p.description, p.section.join(' › ')])).toEqual([
      [
        'docs:documentation/quickstart',
        'https://fal.ai/docs/documentation/quickstart',
        'Get started with fal in minutes',
        'Documentation',
      ],
      [
        'docs:documentation/serverless',
        'https://fal.ai/docs/documentation/serverless',
        'What fal Serverless is',
        'Documentation › Serverless',
      ],
      [
        'docs:documentation/serverless/optimizations/optimizing-costs',
        'https://fal.ai/docs/documentation/serverless/optimizations/optimizing-costs',
        '',
        'Documentation › Serverless › Development › Files',
      ],
      [
        'docs:documentation/model-apis/fal-cdn',
        'https://fal.ai/docs/documentation/model-apis/fal-cdn',
        'Upload files',
        'Documentation › Model APIs',
      ],
    ]);
  });

  it('given the real llms.txt, then its 193 listed pages', async () => {
    const pages = parseLlmsTxt(
      await readFile(path.join(ROOT, 'test/fixtures/docs/llms.txt'), 'utf8'),
    );
    expect(pages).toHaveLength(193);
  });
});

describe('pageHeadings', () => {
  it('given a page, then its H2/H3 and accordion titles with their anchors; not the banner, not code comments', () => {
    const md =
      '> ## Documentation Index\n> Fetch…\n\n# Page\n\n## Uploading Files\n\n```python\n# not a heading\n```\n\n### Data URIs\n\n<Accordion title="Is there a rate limit?">\nYes.\n</Accordion>\n';
    expect(pageHeadings(md)).toEqual([
      { title: 'Uploading Files', anchor: 'uploading-files' },
      { title: 'Data URIs', anchor: 'data-uris' },
      { title: 'Is there a rate limit?', anchor: 'is-there-a-rate-limit' },
    ]);
  });
});

describe('readEndpoints (TypeScript compiler API)', () => {
  const source = `
export type SharedInput = {
    /**
     * The prompt. Default value: \`"a cat"\`
     */
    prompt: string;
};
export type AInput = SharedInput & {
    /**
     * The size. Default value: \`"square"\`
     */
    image_size?: "square" | "portrait";
    /** Seed. */
    seed?: number;
};
export type BInput = AInput;
export type AOutput = { images: Array<unknown>; seed: number };
export type EndpointTypeMap = {
    "fal-ai/a/text-to-image": { input: AInput; output: AOutput };
    "owner/b": { input: BInput; output: { video: unknown } };
};`;

  it('given aliases, intersections, JSDoc defaults and literal unions, then each endpoint gets its inputs, required first-class', () => {
    const [a, b] = readEndpoints(source);
    expect(a).toEqual({
      id: 'model:fal-ai/a/text-to-image',
      endpoint: 'fal-ai/a/text-to-image',
      task: 'text-to-image',
      inputs: [
        {
          name: 'prompt',
          required: true,
          type: 'string',
          description: 'The prompt.',
          default: '"a cat"',
        },
        {
          name: 'image_size',
          required: false,
          type: '"square" | "portrait"',
          description: 'The size.',
          default: '"square"',
          values: ['square', 'portrait'],
        },
        { name: 'seed', required: false, type: 'number', description: 'Seed.' },
      ],
      outputs: ['images', 'seed'],
    });
    expect(b!.inputs.map((i) => i.name)).toEqual(['prompt', 'image_size', 'seed']);
    expect(b!.task).toBe('text-to-video');
  });
});

/** The CLI as other tools call it, with the snapshots in a temporary folder. */
const faq = (args: string[], env: Record<string, string>, input?: string) =>
  runScript('src/cli/main.ts', args, { env: { ...process.env, FAQ_DIR: '', ...env }, input });

describe('faq import-docs', () => {
  let server: Server;
  let base: string;
  const served: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      served.push(req.url!);
      // The index names the docs' own addresses; the pages are read from the index's host.
      if (req.url === '/docs/llms.txt') return res.end(LLMS);
      // An index whose pages never answer, and which lists a page on another site.
      if (req.url === '/slow/llms.txt')
        return res.end(`${LLMS}\n- [Elsewhere](https://elsewhere.example/page.md): not the docs\n`);
      if (req.url?.startsWith('/slow/')) return res.writeHead(200).write('# never ends\n');
      if (req.url === '/docs/documentation/model-apis/fal-cdn.md')
        return res.end('# fal CDN\n\n## Uploading Files\n');
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    // The pages that never answer hold their connections open.
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  it('given a file, then it writes the snapshot, says what was added, and --check then finds no drift', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-docs-'));
    const llms = path.join(dir, 'llms.txt');
    await writeFile(llms, LLMS);
    const env = { DOCS_SNAPSHOT: path.join(dir, 'docs.json') };
    const first = await faq(['import-docs', llms], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('added    4: docs:documentation/quickstart');
    expect(JSON.parse(await readFile(env.DOCS_SNAPSHOT, 'utf8')).documents).toHaveLength(4);
    expect((await faq(['import-docs', llms, '--check'], env)).code).toBe(0);
    // The docs move on: --check says so, exits 1 and writes nothing.
    await writeFile(llms, LLMS.replace('Upload files', 'Upload files to the CDN'));
    const before = await readFile(env.DOCS_SNAPSHOT, 'utf8');
    const drift = await faq(['import-docs', llms, '--check'], env);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('changed  1: docs:documentation/model-apis/fal-cdn');
    expect(await readFile(env.DOCS_SNAPSHOT, 'utf8')).toBe(before);
  });

  it('given an llms.txt with a page the bot would refuse (an http link, an id too long for a button), then it is skipped saying why and the rest is written, as the bot reads it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-docs-'));
    const llms = path.join(dir, 'llms.txt');
    const long = `documentation/${'a'.repeat(80)}`;
    await writeFile(
      llms,
      `${LLMS}\n- [Insecure](http://fal.ai/docs/documentation/insecure.md): over http\n- [Long](https://fal.ai/docs/${long}.md): too long an id\n`,
    );
    const env = { DOCS_SNAPSHOT: path.join(dir, 'docs.json') };
    const result = await faq(['import-docs', llms], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "skipped 1 not on the docs' own site (https://fal.ai/docs/): http://fal.ai/docs/documentation/insecure",
    );
    expect(result.stdout).toContain(`skipped 1 the bot would refuse: ${llms}:25: id: docs:`);
    expect(result.stdout).toContain(`id: docs:${long} is 99 characters; at most 88`);
    const written = JSON.parse(await readFile(env.DOCS_SNAPSHOT, 'utf8')) as {
      documents: unknown[];
    };
    expect(written.documents).toHaveLength(4);
    // What was written is what the bot serves: it reads back without a problem.
    const served = await faq(['search', '--source', 'docs', '--json', 'quick start'], env);
    expect(served.code).toBe(0);
    expect(JSON.parse(served.stdout)[0].id).toBe('docs:documentation/quickstart');
  });

  it('given --refresh, then it writes under DATA_DIR, leaves the shipped snapshot as it was, compares with what is served, and the CLI then answers from the refresh', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-docs-'));
    const llms = path.join(dir, 'llms.txt');
    await writeFile(llms, LLMS);
    const env = { DOCS_SNAPSHOT: path.join(dir, 'docs.json'), DATA_DIR: path.join(dir, 'data') };
    expect((await faq(['import-docs', llms], env)).code).toBe(0);
    const shipped = await readFile(env.DOCS_SNAPSHOT, 'utf8');
    await writeFile(llms, LLMS.replace('[Quick Start]', '[Quick Start in five minutes]'));
    const refreshed = await faq(['import-docs', llms, '--refresh'], env);
    expect(refreshed.code).toBe(0);
    const file = path.join(env.DATA_DIR, 'snapshots', 'docs.json');
    // Compared with the shipped snapshot the bot serves, not with an empty first refresh.
    expect(refreshed.stdout).toContain('changed  1: docs:documentation/quickstart');
    expect(refreshed.stdout).toContain(`wrote ${file}`);
    expect(await readFile(env.DOCS_SNAPSHOT, 'utf8')).toBe(shipped);
    const served = await faq(['search', '--source', 'docs', '--json', 'quick start'], env);
    expect(JSON.parse(served.stdout)[0].title).toBe('Quick Start in five minutes');
  });

  it('given an import that loses most of the pages, then it is refused and nothing written, unless --allow-shrink', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-docs-'));
    const llms = path.join(dir, 'llms.txt');
    await writeFile(llms, LLMS);
    const env = { DOCS_SNAPSHOT: path.join(dir, 'docs.json') };
    expect((await faq(['import-docs', llms], env)).code).toBe(0);
    const before = await readFile(env.DOCS_SNAPSHOT, 'utf8');
    await writeFile(
      llms,
      '## Docs\n\n- [Only](https://fal.ai/docs/documentation/only.md): one page\n',
    );
    const refused = await faq(['import-docs', llms], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('docs: 1 from');
    expect(refused.stdout).toContain('has 4: refused');
    expect(refused.stdout).toContain('--allow-shrink');
    expect(await readFile(env.DOCS_SNAPSHOT, 'utf8')).toBe(before);
    const allowed = await faq(['import-docs', llms, '--allow-shrink'], env);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(await readFile(env.DOCS_SNAPSHOT, 'utf8')).documents).toHaveLength(1);
  });

  it('given an llms.txt of more pages than a snapshot holds, then nothing is written and it says why', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-docs-'));
    const llms = path.join(dir, 'llms.txt');
    const lines = Array.from(
      { length: 20_001 },
      (_, i) => `- [Page ${i}](https://fal.ai/docs/documentation/p${i}.md): page ${i}`,
    );
    await writeFile(llms, `## Docs\n\n${lines.join('\n')}\n`);
    const env = { DOCS_SNAPSHOT: path.join(dir, 'docs.json') };
    const result = await faq(['import-docs', llms], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('20001 docs documents; a snapshot holds at most 20000');
    await expect(readFile(env.DOCS_SNAPSHOT, 'utf8')).rejects.toThrow('ENOENT');
  });

  it('given pages that never answer, then --pages stops at the run’s deadline, keeping their entries; a page on another host is not fetched nor listed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-docs-'));
    const started = performance.now();
    const report = await importDocs({
      location: `${base}/slow/llms.txt`,
      file: path.join(dir, 'docs.json'),
      check: false,
      pages: true,
      pagesDeadlineMs: 600,
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(report.code).toBe(0);
    expect(report.lines.join('\n')).toContain('sections read for 0 of 4 pages');
    expect(report.lines.join('\n')).toMatch(/not read: the run's 0.6 s were up|no answer within/);
    expect(report.lines.join('\n')).toContain(
      "skipped 1 not on the docs' own site (https://fal.ai/docs/): https://elsewhere.example/page",
    );
    expect(served.filter((url) => url.includes('elsewhere'))).toEqual([]);
    const pages = JSON.parse(await readFile(path.join(dir, 'docs.json'), 'utf8')).documents;
    expect(pages).toHaveLength(4);
  });

  it('given a URL on 127.0.0.1 and --pages, then each page’s Markdown gives its sections, and a page that cannot be fetched keeps its entry', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-docs-'));
    const env = { DOCS_SNAPSHOT: path.join(dir, 'docs.json') };
    const result = await faq(['import-docs', `${base}/docs/llms.txt`, '--pages'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sections read for 1 of 4 pages');
    const pages = JSON.parse(await readFile(env.DOCS_SNAPSHOT, 'utf8')).documents as {
      url: string;
      headings: unknown[];
    }[];
    expect(pages).toHaveLength(4);
    expect(pages.find((p) => p.url.endsWith('/fal-cdn'))!.headings).toEqual([
      { title: 'Uploading Files', anchor: 'uploading-files' },
    ]);
    expect(served).toContain('/docs/documentation/model-apis/fal-cdn.md');
  });

  it('given a URL that does not answer, then it fails naming it and writes nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-docs-'));
    const result = await faq(['import-docs', `${base}/docs/missing.txt`], {
      DOCS_SNAPSHOT: path.join(dir, 'docs.json'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${base}/docs/missing.txt: HTTP 404`);
  });
});

describe('faq import-models', () => {
  it('given the installed @fal-ai/client, then --check finds the shipped snapshot current; a stale one exits 1 untouched', async () => {
    expect((await faq(['import-models', '--check'], {})).code).toBe(0);
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-models-'));
    const stale = path.join(dir, 'models.json');
    await copyFile(path.join(ROOT, 'snapshots/models.json'), stale);
    const text = (await readFile(stale, 'utf8')).replace(
      /\n {4}\{"id":"model:fal-ai\/flux\/dev"[^\n]*/,
      '',
    );
    await writeFile(
      stale,
      text.replace(',\n    {"id":"model:fal-ai/flux/dev-', '\n    ,{"id":"model:fal-ai/flux/dev-'),
    );
    const result = await faq(['import-models', '--check'], { MODELS_SNAPSHOT: stale });
    expect(result.stdout).toMatch(/added {4}1: model:fal-ai\/flux\/dev\b/);
    expect(result.code).toBe(1);
  });
});

describe('faq search --source (the contract other tools call)', () => {
  it('given --source docs|models --json --stdin, then one array a line of {id, title, url, score}, best first', async () => {
    const docs = await faq(['search', '--source', 'docs', '--json', '--stdin'], {}, 'fal cdn\n');
    const [hit] = JSON.parse(docs.stdout.trim()) as {
      id: string;
      title: string;
      url: string;
      score: number;
    }[];
    expect(hit).toEqual({
      id: 'docs:documentation/model-apis/fal-cdn',
      title: 'fal CDN',
      url: 'https://fal.ai/docs/documentation/model-apis/fal-cdn',
      score: expect.any(Number),
    });
    const models = await faq(
      ['search', '--source', 'models', '--json', '--stdin'],
      {},
      'flux dev\nveo3 fast\n',
    );
    const lines = models.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; url: string }[]);
    expect(lines[0]![0]).toMatchObject({
      id: 'model:fal-ai/flux/dev',
      url: 'https://fal.ai/models/fal-ai/flux/dev',
    });
    expect(lines[1]![0]!.id).toBe('model:fal-ai/veo3/fast');
    expect(lines[0]!.length).toBeLessThanOrEqual(25);
  });

  it('given card --source models <id> --json, then the exact message body', async () => {
    const result = await faq(['card', '--source', 'models', 'model:fal-ai/flux/dev', '--json'], {});
    const body = JSON.parse(result.stdout) as { embeds: { title: string }[] };
    expect(body.embeds[0]!.title).toBe('fal-ai/flux/dev');
  });
});
