import { InteractionType, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { renderCard, type MessageBody } from '../../src/cards/render.js';
import type { StoredMessage, User } from '../../src/emulator/state.js';
import type { FaqEntry } from '../../src/faq/entry.js';
import {
  buildFeed,
  FEED_LENGTH,
  faqEntryOfCard,
  previewOf,
  type InteractionSummary,
  type PreviewSource,
} from '../../src/web/feed.js';

const entry: FaqEntry = {
  id: 'rate-limit',
  question: 'Is there a rate limit?',
  keywords: [],
  url: 'https://fal.ai/docs/documentation/model-apis/concurrency-limits',
  category: 'usage',
  pinned: false,
  answer: 'Yes. New accounts start at 2 concurrent requests.',
};
const edited: FaqEntry = { ...entry, answer: 'Yes: 10 concurrent requests to start.' };
const bot: User = {
  id: '1',
  username: 'fal FAQ',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
};
const you = '2';
const other = '3';

let next = 100;
function posted(body: MessageBody, extra: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id: String(next++),
    channel_id: '9',
    author: bot,
    content: body.content ?? '',
    embeds: body.embeds,
    components: body.components,
    flags: body.flags ?? 0,
    allowed_mentions: body.allowed_mentions,
    resolved: { mentions: [], mention_roles: [], mention_everyone: false },
    pinned: false,
    timestamp: '2026-12-02T08:00:00.000Z',
    edited_timestamp: null,
    deleted: false,
    ...extra,
  } as StoredMessage;
}

const faq = (entries: FaqEntry[], problems: PreviewSource['problems'] = []): PreviewSource => ({
  dir: '/faq',
  get: (id) => entries.find((e) => e.id === id),
  problems,
});

const feedOf = (
  messages: StoredMessage[],
  interactions: Record<string, InteractionSummary>,
  source = faq([entry]),
) =>
  buildFeed({
    channel: 'general',
    moderator: false,
    viewerId: you,
    messages,
    users: new Map([
      [you, 'you'],
      [other, 'bob'],
      [bot.id, 'fal FAQ'],
    ]),
    interactionOf: (id) => interactions[id],
    entryOf: (m) => faqEntryOfCard(m, [entry]),
    faq: source,
  });

describe('buildFeed', () => {
  it('given thousands of cards in the channel, then only the newest 50 are built, not every card each time it is drawn', () => {
    const cards = Array.from({ length: 3000 }, () => posted(renderCard(entry, { feedback: true })));
    const built: string[] = [];
    const feed = buildFeed({
      channel: 'general',
      moderator: false,
      viewerId: you,
      messages: cards,
      users: new Map(),
      interactionOf: () => undefined,
      entryOf: (m) => (built.push(m.id), faqEntryOfCard(m, [entry])),
      faq: faq([entry]),
    });
    expect(feed.items.map((i) => i.id)).toEqual(cards.slice(-FEED_LENGTH).map((m) => m.id));
    expect(built).toHaveLength(FEED_LENGTH);
  });

  it('given private replies to you and to someone else, then only yours are in your view, marked private', () => {
    const mine = posted(renderCard(entry, { ephemeral: true }), { interactionId: 'a' });
    const theirs = posted(renderCard(entry, { ephemeral: true }), { interactionId: 'b' });
    const feed = feedOf([mine, theirs], {
      a: { type: InteractionType.ApplicationCommand, name: 'faq', userId: you },
      b: { type: InteractionType.ApplicationCommand, name: 'faq', userId: other },
    });
    expect(feed.items.map((i) => i.id)).toEqual([mine.id]);
    expect(feed.items[0]).toMatchObject({ ephemeral: true, command: { name: 'faq', by: 'you' } });
  });

  it('given a reply to a member’s message, then it shows what it replies to; a deferred reply not yet done shows as loading', () => {
    const question = posted(
      { content: 'how do I pay by invoice?', embeds: [], components: [], allowed_mentions: {} },
      { author: { ...bot, id: other, username: 'bob', bot: false } },
    );
    const reply = posted(renderCard(entry, { feedback: true }), {
      message_reference: { message_id: question.id, channel_id: '9' },
    });
    const thinking = posted(
      { embeds: [], components: [], allowed_mentions: {}, flags: MessageFlags.Loading },
      { interactionId: 'c' },
    );
    const feed = feedOf([question, reply, thinking], {
      c: { type: InteractionType.ApplicationCommand, name: 'faq-admin stats', userId: you },
    });
    expect(feed.items[1]!.replyTo).toEqual({ author: 'bob', content: 'how do I pay by invoice?' });
    expect(feed.items[2]).toMatchObject({ loading: true, command: { name: 'faq-admin stats' } });
    expect(feed.users[other]).toBe('bob');
  });
});

describe('previewOf (the live preview of an FAQ card)', () => {
  it('given a card whose file has not changed, then it is shown as posted, with no note', () => {
    const card = posted(renderCard(entry, { feedback: true }));
    const shown = previewOf(card, entry.id, faq([entry]));
    expect(shown.body).toBeUndefined();
    expect(shown.shown).toEqual({ file: 'rate-limit.md' });
  });

  it('given the file edited since, then the card is drawn from it again with the same options, and a note says Discord would not change it', () => {
    const card = posted(renderCard(entry, { feedback: true, mentionUserId: other }));
    const shown = previewOf(card, entry.id, faq([edited]));
    expect(shown.body).toEqual(renderCard(edited, { feedback: true, mentionUserId: other }));
    expect(shown.shown.note).toMatch(/rate-limit\.md changed.*pinned one is updated by the bot/);
  });

  it('given a pinned card, then it is shown as Discord has it: the bot edits pinned cards itself', () => {
    const card = posted(renderCard(entry), { pinned: true });
    expect(previewOf(card, entry.id, faq([edited])).body).toBeUndefined();
  });

  it('given the entry removed, then the card shows as retired', () => {
    const card = posted(renderCard(entry, { ephemeral: true }));
    const shown = previewOf(card, entry.id, faq([]));
    expect(shown.body?.embeds[0]!.title).toBe('No longer in the FAQ: Is there a rate limit?');
    expect(shown.body?.flags).toBe(MessageFlags.Ephemeral);
    expect(shown.shown.note).toMatch(/removed/);
  });

  it('given the last reload refused for this file, then its problems are shown, and not another file’s', () => {
    const card = posted(renderCard(entry));
    const problems = [
      { file: '/faq/rate-limit.md', field: 'question', message: 'must not be empty' },
      { file: '/faq/invoice.md', message: 'cannot be read' },
    ];
    const shown = previewOf(card, entry.id, faq([entry], problems));
    expect(shown.shown.problems).toEqual(['rate-limit.md (question): must not be empty']);
    expect(shown.shown.note).toMatch(/refused/);
    expect(previewOf(card, 'invoice', faq([entry], problems)).shown.problems).toEqual([
      'invoice.md: cannot be read',
    ]);
  });
});

describe('faqEntryOfCard', () => {
  it('given a public card, then its feedback buttons name the entry; a docs card is no FAQ entry', () => {
    expect(faqEntryOfCard(posted(renderCard(entry, { feedback: true })), [])).toBe(entry.id);
    const docs = posted(renderCard({ ...entry, id: 'x' }, { feedback: true }));
    (docs.components[0] as { components: { custom_id?: string }[] }).components[1]!.custom_id =
      'faq-fb:up:docs:documentation/model-apis/fal-cdn';
    expect(faqEntryOfCard(docs, [entry])).toBeUndefined();
  });

  it('given a private card (no buttons), then the entry with its title and link', () => {
    expect(faqEntryOfCard(posted(renderCard(entry, { ephemeral: true })), [entry])).toBe(entry.id);
    expect(
      faqEntryOfCard(posted(renderCard({ ...entry, question: 'Other?' }, { ephemeral: true })), [
        entry,
      ]),
    ).toBeUndefined();
  });
});
