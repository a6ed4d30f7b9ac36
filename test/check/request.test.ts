import { beforeAll, describe, expect, it } from 'vitest';
import { checkRequest } from '../../src/check/request.js';
import type { ModelEndpoint } from '../../src/sources/models.js';
import { shippedSources } from '../helpers/ranking.js';

let models: { get(id: string): ModelEndpoint | undefined; all: readonly ModelEndpoint[] };
beforeAll(async () => {
  const catalog = (await shippedSources()).all.find((c) => c.source.name === 'models')!;
  models = {
    get: (id) => catalog.get(id) as ModelEndpoint | undefined,
    all: catalog.index.entries as ModelEndpoint[],
  };
});

const check = (text: string) => checkRequest(text, models);
const kinds = (text: string) =>
  check(text).problems.map((p) => `${p.kind} ${p.field ?? ''}`.trim());

describe('checkRequest: the shapes a request comes in', () => {
  it('given a cURL command with -d, then its JSON body is checked against the URL’s endpoint', () => {
    const r = check(
      `curl -X POST https://fal.run/fal-ai/flux/dev -H "Authorization: Key $FAL_KEY" -d '{"prompt": "a cat", "num_images": 2}'`,
    );
    expect(r).toMatchObject({ endpoint: 'fal-ai/flux/dev', problems: [], language: 'curl' });
  });

  it('given fal.subscribe with an input object literal (unquoted keys, a variable, a trailing comma), then it is read without running it', () => {
    const r = check(
      'const r = await fal.subscribe("fal-ai/flux/dev", {\n  input: {\n    prompt: `a ${animal}`,\n    seed: mySeed,\n  },\n  logs: true,\n});',
    );
    expect(r).toMatchObject({ endpoint: 'fal-ai/flux/dev', problems: [], language: 'js' });
    expect(r.input).toMatchObject({ prompt: 'a ${animal}' });
  });

  it('given fal.queue.submit and fal.run, then they are read as fal.subscribe is', () => {
    expect(check('fal.queue.submit("fal-ai/flux/dev", { input: { prompt: "x" } })').endpoint).toBe(
      'fal-ai/flux/dev',
    );
    expect(check('await fal.run("fal-ai/flux/dev", { input: { prompt: "x" } })').problems).toEqual(
      [],
    );
  });

  it('given fal_client.subscribe with a Python dict (True, None, single quotes), then it is read', () => {
    const r = check(
      "fal_client.subscribe('fal-ai/flux/dev', arguments={'prompt': 'x', 'enable_safety_checker': True, 'seed': None})",
    );
    expect(r.language).toBe('python');
    expect(r.input).toEqual({ prompt: 'x', enable_safety_checker: true, seed: null });
  });

  it('given bare JSON and a queue URL, or JSON wrapping {"input": …}, then the input is what is checked', () => {
    expect(
      check('{"prompt": "a cat"} sent to https://queue.fal.run/fal-ai/flux/dev').problems,
    ).toEqual([]);
    expect(check('fal-ai/flux/dev {"input": {"prompt": "a cat"}}').problems).toEqual([]);
  });
});

describe('checkRequest: each kind of problem', () => {
  it('given a field named otherwise (camelCase, a shorter name), then unknown-field names the field the endpoint has', () => {
    const r = check(
      'fal-ai/kling-video/v2.1/standard/image-to-video {"prompt": "x", "imageUrl": "https://a/b.png"}',
    );
    expect(r.problems[0]).toMatchObject({ field: 'imageUrl', kind: 'unknown-field' });
    expect(r.problems[0]!.hint).toContain('did you mean image_url?');
    expect(
      kinds('fal-ai/kling-video/v2.1/standard/image-to-video {"prompt": "x", "image": "u"}'),
    ).toEqual(['unknown-field image', 'missing-required image_url']);
  });

  it('given a required input left out, then missing-required says what it is', () => {
    expect(kinds('fal-ai/flux/dev {"seed": 1}')).toEqual(['missing-required prompt']);
  });

  it('given a string where a number goes, or a number where a string value goes, then wrong-type with the default', () => {
    const r = check('fal-ai/flux/dev {"prompt": "x", "num_images": "2"}');
    expect(r.problems).toEqual([
      { field: 'num_images', kind: 'wrong-type', hint: expect.stringContaining('takes a number') },
    ]);
    expect(r.problems[0]!.hint).toContain('default 1');
    expect(
      kinds(
        'fal-ai/kling-video/v2.1/standard/image-to-video {"prompt": "x", "image_url": "u", "duration": 5}',
      ),
    ).toEqual(['wrong-type duration']);
  });

  it('given a value outside the allowed set, then bad-value lists the allowed ones; an image_size object is not a bad value', () => {
    const r = check('fal-ai/flux/dev {"prompt": "x", "output_format": "webp"}');
    expect(r.problems).toEqual([
      { field: 'output_format', kind: 'bad-value', hint: expect.stringContaining('"jpeg", "png"') },
    ]);
    expect(
      check('fal-ai/flux/dev {"prompt": "x", "image_size": {"width": 512, "height": 512}}')
        .problems,
    ).toEqual([]);
  });

  it('given an endpoint id that lost its fal-ai/, has other separators or a typo, then the endpoint meant, with did you mean', () => {
    for (const written of ['flux/dev', 'fal-ai/flux-dev', 'fal-ai/flux/dve']) {
      const r = check(`fal.subscribe("${written}", { input: { prompt: "x" } })`);
      expect(r.endpoint, written).toBe('fal-ai/flux/dev');
      expect(r.problems, written).toEqual([
        {
          field: null,
          kind: 'unknown-endpoint',
          hint: expect.stringContaining('did you mean fal-ai/flux/dev?'),
        },
      ]);
    }
  });

  it('given no endpoint, or one no catalog entry is near, then endpoint null and unknown-endpoint', () => {
    expect(check('{"prompt": "x"}')).toMatchObject({
      endpoint: null,
      problems: [{ kind: 'unknown-endpoint' }],
    });
    expect(check('fal.subscribe("someone/completely-else", {input: {}})').endpoint).toBeNull();
  });
});

describe('checkRequest: hostile input', () => {
  it('given code that would do something if run, then nothing runs and it is read as text', () => {
    const marker = globalThis as { pwned?: boolean };
    const r = check(
      'fal.subscribe("fal-ai/flux/dev", { input: { prompt: (globalThis.pwned = true, "x"), seed: process.exit(1) } })',
    );
    expect(marker.pwned).toBeUndefined();
    expect(r.endpoint).toBe('fal-ai/flux/dev');
  });

  it('given a huge or deeply nested paste, then it is cut at its bound and answered', () => {
    const deep = `fal-ai/flux/dev ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    expect(check(deep).endpoint).toBe('fal-ai/flux/dev');
    const wide = `fal-ai/flux/dev {${Array.from({ length: 5000 }, (_, i) => `"f${i}": 1`).join(',')}}`;
    expect(check(wide).problems.length).toBeLessThanOrEqual(201);
  });
});
