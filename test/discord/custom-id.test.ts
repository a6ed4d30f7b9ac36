import { describe, expect, it } from 'vitest';
import {
  customIdsOf,
  decodeCustomId,
  encodeCustomId,
  MAX_CARD_ID,
  type CustomId,
} from '../../src/discord/custom-id.js';

describe('the custom_id codec', () => {
  it.each<CustomId>([
    { kind: 'feedback', helpful: true, entryId: 'rate-limit' },
    { kind: 'feedback', helpful: false, entryId: 'docs:documentation/model-apis/fal-cdn' },
    {
      kind: 'feedback',
      helpful: true,
      entryId: 'model:fal-ai/kling-video/v2.1/pro/image-to-video',
    },
    { kind: 'feedback', helpful: true, entryId: 'changelog:2026-11-webhook-retries' },
    { kind: 'answer', messageId: '123456789012345678' },
  ])('given %j encoded, then it decodes to the same, within Discord’s 100 characters', (id) => {
    const raw = encodeCustomId(id);
    expect(raw.length).toBeLessThanOrEqual(100);
    expect(decodeCustomId(raw)).toEqual(id);
  });

  it.each([
    ['an unknown prefix', 'faq-xx:up:rate-limit'],
    ['a vote that is neither up nor down', 'faq-fb:sideways:rate-limit'],
    ['no id', 'faq-fb:up:'],
    ['an id of another shape', 'faq-fb:up:../../etc/passwd'],
    ['an id with spaces', 'faq-fb:up:rate limit'],
    ['an id too long to have been made', `faq-fb:up:docs:${'a'.repeat(MAX_CARD_ID)}`],
    ['a message id that is no snowflake', 'faq-answer:12345'],
    ['a message id with more after it', 'faq-answer:123456789012345678:1'],
    ['nothing', ''],
  ])('given %s, then it decodes to nothing', (_, raw) => {
    expect(decodeCustomId(raw)).toBeUndefined();
  });

  it('given a message’s rows, then customIdsOf lists its buttons’ and menus’ ids in order, link buttons left out', () => {
    const message = {
      components: [
        {
          components: [
            { type: 2, style: 5, url: 'https://fal.ai' },
            { type: 2, custom_id: 'faq-fb:up:x' },
          ],
        },
        { components: [{ type: 3, custom_id: 'faq-answer:123456789012345678' }] },
      ],
    };
    expect(customIdsOf(message)).toEqual(['faq-fb:up:x', 'faq-answer:123456789012345678']);
  });
});
