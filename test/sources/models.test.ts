import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../src/sources/models.js';
import type { Collection } from '../../src/sources/source.js';
import { ROOT } from '../helpers/run.js';

let models: Collection;
beforeAll(async () => {
  models = await MODELS.open(path.join(ROOT, MODELS.location.default));
});

const first = (query: string) => models.index.search(query)[0]?.entry.id;

describe('the model catalog searched as people name models', () => {
  it.each([
    ['wan 2.5 preview', /^model:fal-ai\/wan-25-preview\//],
    ['gemini 2.5 flash', /^model:fal-ai\/gemini-25-flash-image/],
    ['stable audio 2.5', /^model:fal-ai\/stable-audio-25\//],
  ])(
    'given a two-digit version of an id written with its dot (%s), then that model comes first',
    (query, expected) => {
      expect(first(query)).toMatch(expected);
    },
  );

  it('given a version typed in full that a longer one begins (ideogram v2), then that version comes before the longer one (v2a)', () => {
    expect(first('ideogram v2')).toBe('model:fal-ai/ideogram/v2');
    expect(first('ideogram v2a')).toBe('model:fal-ai/ideogram/v2a');
  });
});
