import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { renderCard, renderNotice } from '../../src/cards/render.js';
import { LIMITS, type FaqEntry } from '../../src/faq/entry.js';
import { loadFaqDir } from '../../src/faq/load.js';
import { autocompleteChoices, didYouMeanText, nothingFits } from '../../src/bot/faq-text.js';
import type { Ranking } from '../../src/ranking/ranking.js';
import { shippedRanking } from '../helpers/ranking.js';
import { FaqIndex } from '../../src/sources/faq.js';
import { hostileText } from '../helpers/hostile.js';
import { SHIPPED_FAQ } from '../helpers/local.js';

let index: FaqIndex;
let ranking: Ranking;
beforeAll(async () => {
  index = new FaqIndex((await loadFaqDir(SHIPPED_FAQ)).entries);
  ranking = await shippedRanking();
});

const SUPPORT = { SUPPORT_URL: 'https://fal.ai/support', SUPPORT_CHANNEL_ID: undefined };

const MENTION = /@everyone|@here|<@[!&]?\d+>/;
const embedSize = (body: ReturnType<typeof renderCard>) =>
  body.embeds.reduce(
    (n, e) =>
      n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0),
    0,
  );

describe('property: search and cards take any input', () => {
  it('given any typed text, then autocomplete stays inside Discord limits', () => {
    fc.assert(
      fc.property(hostileText, (typed) => {
        const choices = autocompleteChoices(index, typed);
        expect(choices.length).toBeLessThanOrEqual(DISCORD_LIMITS.choices);
        for (const c of choices) {
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.choiceName);
          expect(c.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.choiceValue);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('given any submitted topic, then the reply is a valid card or an inert, in-limit notice', () => {
    fc.assert(
      fc.property(hostileText, (topic) => {
        const resolution = ranking.resolve(topic);
        const body =
          resolution.kind === 'answer'
            ? resolution.hit.source.card(resolution.hit.document, {})
            : renderNotice(didYouMeanText(SUPPORT, topic, resolution.suggestions));
        expect(body.allowed_mentions.parse).toEqual([]);
        expect(body.allowed_mentions.users ?? []).toEqual([]);
        expect(body.content ?? '').not.toMatch(MENTION);
        expect((body.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
        expect(embedSize(body)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
      }),
      { numRuns: 200 },
    );
  });

  it('given any pasted message, then Answer with FAQ offers at most 5 known answers or says nothing fits, inertly', () => {
    fc.assert(
      fc.property(hostileText, (message) => {
        const menu = ranking.menu(message);
        if (menu.kind === 'menu') {
          expect(menu.hits.length).toBeLessThanOrEqual(5);
          for (const h of menu.hits) expect(h.id.length).toBeLessThanOrEqual(100);
        } else {
          const body = renderNotice(nothingFits(SUPPORT, menu));
          expect(body.content ?? '').not.toMatch(MENTION);
          expect((body.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('given any FAQ entry text within the schema, then its card is inside the limits and its text cannot mention', () => {
    const entry = fc.record({
      question: fc.string({ minLength: 1, maxLength: LIMITS.questionChars }),
      answer: fc.oneof(
        fc.string({ minLength: 1, maxLength: LIMITS.answerChars }),
        hostileText.filter((t) => t.length > 0 && t.length <= LIMITS.answerChars),
      ),
    });
    fc.assert(
      fc.property(
        entry,
        fc.option(fc.constant('123456789012345678')),
        ({ question, answer }, mention) => {
          const card = renderCard(
            {
              id: 'x',
              question,
              answer,
              url: 'https://fal.ai/docs',
              keywords: [],
              category: 'c',
              pinned: false,
            } satisfies FaqEntry,
            { mentionUserId: mention ?? undefined },
          );
          const embed = card.embeds[0]!;
          expect(embed.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
          expect(embed.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
          expect(embedSize(card)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
          expect(`${embed.title}\n${embed.description}`).not.toMatch(MENTION);
          expect(card.allowed_mentions).toEqual(
            mention ? { parse: [], users: [mention] } : { parse: [] },
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
