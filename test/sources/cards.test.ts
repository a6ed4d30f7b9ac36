import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateMessage } from '../../src/emulator/validate.js';
import { Catalog } from '../../src/sources/catalog.js';
import { DOCS, sectionFor, type DocsPage } from '../../src/sources/docs.js';
import { MODELS, type ModelEndpoint } from '../../src/sources/models.js';
import { ROOT } from '../helpers/run.js';
import { schemaViolations } from '../helpers/openapi.js';

let docs: Catalog<DocsPage>;
let models: Catalog<ModelEndpoint>;
beforeAll(async () => {
  docs = await Catalog.open(DOCS, path.join(ROOT, 'snapshots/docs.json'));
  models = await Catalog.open(MODELS, path.join(ROOT, 'snapshots/models.json'));
});

/** A card as a channel message body, checked as Discord would and against its API schema. */
function problems(body: object): unknown[] {
  const found: unknown[] = [];
  try {
    validateMessage(body);
  } catch (error) {
    found.push((error as Error).message);
  }
  const request = {
    method: 'POST',
    path: '/channels/123456789012345678/messages',
    query: {},
    status: 200,
    at: 0,
    body,
  };
  found.push(...schemaViolations([request]));
  return found;
}

describe('the shipped snapshots', () => {
  it('given the model catalog, then it has every endpoint of @fal-ai/client 1.10.1', () => {
    expect(models.index.entries.length).toBe(1207);
    expect(models.get('model:fal-ai/flux/dev')?.task).toBe('text-to-image');
  });

  it('given the docs index, then it has every page llms.txt lists', () => {
    expect(docs.index.entries.length).toBe(193);
    expect(docs.get('docs:documentation/serverless')?.url).toBe(
      'https://fal.ai/docs/documentation/serverless',
    );
  });
});

describe('cards of every document', () => {
  it('given each of the 1,207 model endpoints, then its card (public, with a mention, and private) is within Discord’s limits and schema', () => {
    const bad: string[] = [];
    for (const model of models.index.entries) {
      for (const options of [
        { feedback: true, mentionUserId: '123456789012345678' },
        { ephemeral: true },
      ]) {
        const found = problems(MODELS.card(model, options));
        if (found.length > 0) bad.push(`${model.endpoint}: ${JSON.stringify(found).slice(0, 300)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('given each docs page, then its card is within Discord’s limits and schema', () => {
    const bad = docs.index.entries
      .map((page) => [page.id, problems(DOCS.card(page, { feedback: true }))] as const)
      .filter(([, found]) => found.length > 0);
    expect(bad).toEqual([]);
  });

  it('given a model card, then it has the id linked to its page, what it does, its inputs, both calls and both buttons', () => {
    const card = MODELS.card(models.get('model:fal-ai/flux/dev')!, { feedback: true });
    const embed = card.embeds[0]!;
    expect(embed.title).toBe('fal-ai/flux/dev');
    expect(embed.url).toBe('https://fal.ai/models/fal-ai/flux/dev');
    expect(embed.description).toContain('**text to image**');
    expect(embed.description).toContain('**Required inputs**\n• `prompt`');
    expect(embed.description).toMatch(/`image_size` \(`square_hd` · .*default `landscape_4_3`/);
    expect(embed.description).toContain(
      'fal.subscribe("fal-ai/flux/dev", {\n  input: {\n    prompt: "a photo of …",',
    );
    expect(embed.description).toContain(
      'fal_client.subscribe("fal-ai/flux/dev", arguments={"prompt": "a photo of …"})',
    );
    const buttons = card.components[0]!.components as {
      label?: string;
      url?: string;
      custom_id?: string;
    }[];
    expect(buttons.map((b) => b.label)).toEqual(['Model page', 'API', 'Helpful', 'Not helpful']);
    expect(buttons[1]!.url).toBe('https://fal.ai/models/fal-ai/flux/dev/api');
    expect(buttons[2]!.custom_id).toBe('faq-fb:up:model:fal-ai/flux/dev');
  });

  it('given the model with the most inputs, then its card shows what fits and says how many more', () => {
    const most = [...models.index.entries].sort((a, b) => b.inputs.length - a.inputs.length)[0]!;
    const description = MODELS.card(most, {}).embeds[0]!.description!;
    expect(description).toMatch(/…and \d+ more \(see the API page\)/);
    expect(description.length).toBeLessThanOrEqual(4096);
  });

  it('given a docs page, then its card links the page, says where it sits in the docs, and opens in the docs', () => {
    const card = DOCS.card(docs.get('docs:documentation/model-apis/fal-cdn')!, {});
    expect(card.embeds[0]).toMatchObject({
      title: 'fal CDN',
      url: 'https://fal.ai/docs/documentation/model-apis/fal-cdn',
    });
    expect(card.embeds[0]!.description).toContain('**In the docs:** Documentation › Model APIs');
    expect(card.embeds[0]!.description).toContain('**On this page:** Uploading Files');
  });

  it('given a query about a section, then that section is found; given one that says only the title, none', () => {
    const page = docs.get('docs:documentation/model-apis/concurrency-limits')!;
    expect(sectionFor(page, 'per-endpoint limit')).toEqual({
      title: 'Per-Endpoint Limits',
      anchor: 'per-endpoint-limits',
    });
    expect(sectionFor(page, 'concurrency limits')).toBeUndefined();
  });
});
