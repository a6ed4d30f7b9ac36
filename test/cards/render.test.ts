import { ButtonStyle, ComponentType, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, truncate } from '../../src/discord/limits.js';
import { DOCS_BUTTON_LABEL, FAL_COLOR, renderCard, renderNotice } from '../../src/cards/render.js';
import type { FaqEntry } from '../../src/faq/entry.js';

const entry: FaqEntry = {
  id: 'rate-limit',
  question: 'Is there a rate limit?',
  keywords: ['429'],
  url: 'https://fal.ai/docs/documentation/model-apis/concurrency-limits',
  category: 'usage',
  pinned: true,
  answer: 'Yes. New accounts start at 2 concurrent requests.',
};

const embedSize = (e: { title?: string; description?: string; footer?: { text: string } }) =>
  (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);

describe('renderCard', () => {
  it('given an entry, then the card links the question to the docs and carries the answer', () => {
    const card = renderCard(entry);
    expect(card.embeds[0]).toMatchObject({
      title: entry.question,
      url: entry.url,
      description: entry.answer,
      color: FAL_COLOR,
    });
    expect(card.embeds[0]!.footer?.text).toMatch(/fal docs/i);
    expect(card.components[0]!.components[0]).toEqual({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: DOCS_BUTTON_LABEL,
      url: entry.url,
    });
    expect(card.allowed_mentions).toEqual({ parse: [] });
    expect(card.content).toBeUndefined();
    expect(card.flags).toBeUndefined();
  });

  it('given a user to mention, then only that user is named and allowed', () => {
    const card = renderCard(entry, { mentionUserId: '123456789012345678' });
    expect(card.content).toBe('<@123456789012345678>');
    expect(card.allowed_mentions).toEqual({ parse: [], users: ['123456789012345678'] });
  });

  it('given private, then the card is ephemeral', () => {
    expect(renderCard(entry, { ephemeral: true }).flags).toBe(MessageFlags.Ephemeral);
  });

  it('given an answer at the 4096 limit plus a long question, then the embed stays inside every limit', () => {
    const card = renderCard({ ...entry, question: 'q'.repeat(100), answer: 'a'.repeat(4096) });
    const embed = card.embeds[0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(embedSize(embed as never)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });

  it('given FAQ text with @everyone and a role mention, then they are rendered inert', () => {
    const card = renderCard({
      ...entry,
      answer: 'Ask @everyone or <@&123456789012345678> or <@123456789012345678>',
    });
    expect(card.embeds[0]!.description).not.toMatch(/@everyone|<@&\d+>|<@\d+>/);
    expect(card.allowed_mentions.parse).toEqual([]);
  });
});

describe('renderNotice', () => {
  it('given text longer than a message allows, then it is cut and stays ephemeral without pings', () => {
    const notice = renderNotice(`@here ${'x'.repeat(3000)}`);
    expect(notice.content!.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(notice.content).not.toContain('@here');
    expect(notice.flags).toBe(MessageFlags.Ephemeral);
    expect(notice.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('truncate', () => {
  it('given text within the limit, then it is unchanged', () => {
    expect(truncate('abc', 3)).toBe('abc');
  });
  it('given longer text, then it ends with an ellipsis at exactly the limit', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
  it('given an emoji at the cut, then no half surrogate pair is left', () => {
    const cut = truncate(`ab😀cdef`, 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});
