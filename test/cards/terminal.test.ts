import { describe, expect, it } from 'vitest';
import { renderCard, renderNotice } from '../../src/cards/render.js';
import { cardToText } from '../../src/cards/terminal.js';
import type { FaqEntry } from '../../src/faq/entry.js';

const entry = (answer: string): FaqEntry => ({
  id: 'credits-expire',
  question: 'Do my credits expire?',
  keywords: [],
  url: 'https://fal.ai/docs/documentation/model-apis/faq',
  category: 'billing',
  pinned: false,
  answer,
});

describe('cardToText', () => {
  it('given an answer with a masked link, then the terminal shows its text followed by the address', () => {
    const text = cardToText(
      renderCard(entry('Check the [billing dashboard](https://fal.ai/dashboard/billing) today.')),
    );
    expect(text).toContain(
      '│ Check the billing dashboard (https://fal.ai/dashboard/billing) today.',
    );
    expect(text).not.toContain('](');
  });

  it('given a link in angle brackets, then the brackets are dropped like Discord drops them', () => {
    const text = cardToText(renderCard(entry('See [the docs](<https://fal.ai/docs>).')));
    expect(text).toContain('│ See the docs (https://fal.ai/docs).');
  });

  it('given typed text whose link syntax was escaped, then it is shown as typed, not as a link', () => {
    const text = cardToText(
      renderNotice('No exact match for "\\[docs](https://evil.example) \\*\\*x\\*\\*".'),
    );
    expect(text).toContain('No exact match for "[docs](https://evil.example) **x**".');
  });
});

describe('cardToText in a narrow terminal', () => {
  it('given a width, then no line of the card is wider (but for an address, which is not broken)', async () => {
    const { FaqLibrary } = await import('../../src/sources/faq.js');
    const { renderCard } = await import('../../src/cards/render.js');
    const { SHIPPED_FAQ } = await import('../helpers/local.js');
    const library = await FaqLibrary.open(SHIPPED_FAQ);
    const text = cardToText(renderCard(library.get('rate-limit')!), new Map(), 40);
    const box = text.split('\n').filter((l) => l.startsWith('│') || l.startsWith('┌'));
    expect(box.length).toBeGreaterThan(5);
    for (const line of box.filter((l) => !l.includes('https://')))
      expect(line.length).toBeLessThanOrEqual(40);
  });
});
