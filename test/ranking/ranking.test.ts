import { beforeAll, describe, expect, it } from 'vitest';
import { Mappings, parseMappings } from '../../src/ranking/mappings.js';
import type { Ranking } from '../../src/ranking/ranking.js';
import { rankingWith, shippedRanking } from '../helpers/ranking.js';

let shipped: Ranking;
let wordsOnly: Ranking;
beforeAll(async () => {
  shipped = await shippedRanking();
  wordsOnly = await rankingWith();
});

const menuOf = (ranking: Ranking, message: string) => {
  const menu = ranking.menu(message);
  return menu.kind === 'menu' ? menu.hits.map((h) => h.id) : menu.kind;
};
const answerOf = (ranking: Ranking, topic: string) => {
  const r = ranking.resolve(topic);
  return r.kind === 'answer' ? r.hit.id : null;
};

describe('one ranking across the FAQ, the docs and the models', () => {
  it('given a message a docs page answers better than any entry, then the page leads the menu', () => {
    expect(menuOf(wordsOnly, 'how do I verify the webhook signature on my server?')[0]).toBe(
      'docs:documentation/model-apis/inference/webhooks',
    );
  });

  it('given a topic an entry and a page both match, then the entry (written for members) comes first', () => {
    const r = wordsOnly.resolve('cold starts');
    const ids = r.kind === 'answer' ? [r.hit.id] : r.suggestions.map((h) => h.id);
    expect(ids[0]).toBe('cold-starts');
  });

  it.each([
    ['out of credits', 'credits-run-out'],
    ['data retention policy', 'retention'],
  ])(
    'given an entry keyword of several words written as is (%s), then that entry comes first, before others sharing its words',
    (topic, id) => {
      const r = wordsOnly.resolve(topic);
      const ids = r.kind === 'answer' ? [r.hit.id] : r.suggestions.map((h) => h.id);
      expect(ids[0]).toBe(id);
      expect(r.kind === 'answer' ? r.hit.reasons : r.suggestions[0]!.reasons).toContain('hint');
    },
  );

  it('given anything, then the docs page the FAQ is made of is never offered: its entries answer in its place', () => {
    for (const text of ['faq', 'frequently asked questions fal', 'model apis faq'])
      expect(wordsOnly.rank(text).hits.map((h) => h.id)).not.toContain(
        'docs:documentation/model-apis/faq',
      );
  });
});

describe('what a message shows besides its words', () => {
  it('given an endpoint in a queue URL, without fal-ai/ or with a path after it, then that model leads', () => {
    expect(
      menuOf(
        wordsOnly,
        'GET https://queue.fal.run/fal-ai/veo3/requests/abc/status fails with 405',
      )[0],
    ).toBe('model:fal-ai/veo3');
    expect(menuOf(wordsOnly, "Model URL 'https://fal.run/fast-sdxl' Not Found")[0]).toBe(
      'model:fal-ai/fast-sdxl',
    );
  });

  it('given an endpoint written with one typo, then the one model it means is offered; given two as near, neither is guessed', () => {
    expect(menuOf(wordsOnly, 'calling flux-pro/v1.1-ultr gives me a 422 every time')).toContain(
      'model:fal-ai/flux-pro/v1.1-ultra',
    );
    const r = wordsOnly.rank('fal-ai/veo4 please');
    expect(r.hits.filter((h) => h.reasons.includes('endpoint'))).toEqual([]);
  });

  it('given a model named in words in a long message, not as its id, then the menu stands on it and it leads', () => {
    expect(
      menuOf(
        shipped,
        'Flux Pro 1.1 and custom resolutions? On the playground I can set whatever resolution I like, so it would be great to do the same through the API instead of being stuck at 1024',
      )[0],
    ).toBe('model:fal-ai/flux-pro/v1.1');
  });

  it("given fal's error text in a message, then the page a mapping names for it leads; without the mapping, it is not offered", () => {
    const message = 'our n8n GET node polling the result fails with Method Not Allowed';
    expect(menuOf(shipped, message)[0]).toBe('docs:documentation/model-apis/inference/queue');
    expect(menuOf(wordsOnly, message)).not.toContain(
      'docs:documentation/model-apis/inference/queue',
    );
  });

  it('given an HTTP status, then the page mapped to it leads; without the mapping, it is not offered', () => {
    const message = 'my minecraft plugin shows this error: 401';
    expect(menuOf(shipped, message)[0]).toBe('docs:documentation/setting-up/authentication');
    expect(menuOf(wordsOnly, message)).not.toContain(
      'docs:documentation/setting-up/authentication',
    );
  });

  it('given a refund or an admin lock, then Answer with FAQ says people must settle it instead of offering pages', () => {
    expect(
      shipped.menu('my account was locked by an administrator, I want a refund'),
    ).toMatchObject({
      kind: 'support',
    });
  });
});

describe('the Answer-with-FAQ menu', () => {
  it('given a long chatty message, then the entry is offered first although its words are spread thin', () => {
    const menu = shipped.menu(
      'hey 👋 quick q, our nightly cron started throwing an insufficient balance error and everything stopped, what state is the account in now and how do I get it working again? thanks!!',
    );
    expect(menu.kind === 'menu' && menu.hits[0]!.id).toBe('credits-run-out');
    expect(menu.kind === 'menu' && menu.hits[0]!.words).toBeLessThan(0.3);
  });

  it('given a message about several things, then at most 5 options, the best first', () => {
    const menu = shipped.menu(
      'my requests fail with 429 and credits run out, is there an invoice or a discount?',
    );
    if (menu.kind !== 'menu') throw new Error(menu.kind);
    expect(menu.hits.length).toBeGreaterThan(1);
    expect(menu.hits.length).toBeLessThanOrEqual(5);
    for (const [i, h] of menu.hits.entries())
      if (i > 0) expect(h.score).toBeLessThanOrEqual(menu.hits[i - 1]!.score);
  });
});

describe('knowing when it knows nothing', () => {
  it('given a long message with one stray word the sources know, then nothing fits', () => {
    const message =
      'does anyone here follow football? watching the match tonight with friends, great weather, pizza ordered, cannot wait for kickoff, then sleep';
    expect(shipped.rank(message).hits.length).toBeGreaterThan(0);
    expect(menuOf(shipped, message)).toBe('nothing');
  });

  it('given a message nothing answers, then nothing fits', () => {
    expect(menuOf(shipped, 'who is watching the football tonight? ⚽')).toBe('nothing');
    expect(
      menuOf(
        shipped,
        'Implement streaming for the Dart client: the docs state that the Dart (Flutter) client does not have streaming implemented.',
      ),
    ).toBe('nothing');
  });

  it('given a long message whose only shared words are ones half the sources use, then nothing fits', () => {
    expect(
      menuOf(
        shipped,
        'is there a chance to add a Model List endpoint with a filter, right now the sdk only supports inferencing and not getting the model lists',
      ),
    ).toBe('nothing');
  });

  it('given one shared common word, or words the FAQ never uses beside one it does, then /faq posts no card', () => {
    for (const topic of ['rate', 'public', 'expire', 'api key', 'lock the seed between runs'])
      expect(answerOf(shipped, topic), topic).toBeNull();
  });

  it('given a message in a language the index does not speak, then no card and no menu from its stray English words', () => {
    expect(answerOf(shipped, 'fal.ai API key，这个是付费的吗？求解答')).toBeNull();
    expect(shipped.menu('fal.ai API key，这个是付费的吗？求解答')).toMatchObject({
      kind: 'nothing',
      reason: 'foreign',
    });
    expect(
      answerOf(shipped, 'minhas credits expiram quando? não consigo achar isso na documentação'),
    ).toBeNull();
  });

  it('given a topic that is an error text or an endpoint, then /faq answers with what it names', () => {
    expect(answerOf(shipped, 'User is locked')).toBe('credits-run-out');
    expect(answerOf(shipped, 'fal-ai/flux/dev')).toBe('model:fal-ai/flux/dev');
  });
});

describe('a rule of a moderator', () => {
  it('given a phrase mapped to an answer, then a message with it gets that answer first', async () => {
    const rules = parseMappings(
      'm.yaml',
      '- phrases: [sticker pack export]\n  answers: [docs:documentation/model-apis/fal-cdn]\n',
      () => true,
    ).rules;
    const ranking = await rankingWith(new Mappings(rules));
    expect(menuOf(ranking, 'how do I do a sticker pack export from my app')[0]).toBe(
      'docs:documentation/model-apis/fal-cdn',
    );
  });
});
