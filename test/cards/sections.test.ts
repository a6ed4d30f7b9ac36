import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitList, renderSections } from '../../src/cards/sections.js';
import { hostileText } from '../helpers/hostile.js';

describe('renderSections', () => {
  it('given sections that fit, then every row is shown in order, and an empty section says so', () => {
    expect(
      renderSections(
        'Header:',
        [
          { title: 'One', rows: ['a', 'b'] },
          { title: 'Two', rows: [] },
        ],
        2000,
      ),
    ).toBe('Header:\n\n**One**\na\nb\n\n**Two**\n_nothing yet_');
  });

  it('given a first section too long for its share, then its overflow is counted and the sections after it are still shown', () => {
    const long = Array.from({ length: 10 }, (_, i) => `${i}× "${'x'.repeat(200)}"`);
    const text = renderSections(
      'FAQ usage:',
      [
        { title: 'Gaps', rows: long },
        { title: 'Pinned cards', rows: ['3 pinned, all up to date.'] },
      ],
      2000,
    );
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).toMatch(/\n…and \d+ more\.\n\n\*\*Pinned cards\*\*\n3 pinned, all up to date\.$/);
    expect(text).toContain(long[0]);
  });

  it('given short sections beside a long one, then the long one gets the room they leave', () => {
    const long = Array.from({ length: 10 }, (_, i) => `${i} ${'x'.repeat(200)}`);
    const text = renderSections(
      'H',
      [
        { title: 'Short', rows: ['a'] },
        { title: 'Long', rows: long },
        { title: 'Empty', rows: [] },
      ],
      2000,
    );
    expect(text.length).toBeLessThanOrEqual(2000);
    // An equal share (about 660 characters) would hold 3 of these rows.
    expect(long.filter((row) => text.includes(row))).toHaveLength(9);
    expect(text).toContain('…and 1 more.\n\n**Empty**\n_nothing yet_');
  });

  it('given one row longer than its section share, then it is cut, not dropped', () => {
    const text = renderSections('H', [{ title: 'T', rows: ['y'.repeat(500)] }], 100);
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^H\n\n\*\*T\*\*\ny+…$/);
  });

  it('given rows with mention syntax, then they are defused before fitting, and the text still fits', () => {
    const rows = Array.from({ length: 50 }, () => '@everyone <@&123456789012345678>');
    const text = renderSections('H', [{ title: 'T', rows }], 300);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).not.toMatch(/@everyone|<@&\d+>/);
    expect(text).toContain('@\u200beveryone');
  });

  it('property: given any sections, then the text fits and keeps every title', () => {
    const section = fc.record({
      title: fc.string({ minLength: 1, maxLength: 40 }),
      rows: fc.array(hostileText, { maxLength: 30 }),
    });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 100 }),
        fc.array(section, { minLength: 1, maxLength: 5 }),
        (header, sections) => {
          const text = renderSections(header, sections, 2000);
          expect(text.length).toBeLessThanOrEqual(2000);
          for (const s of sections) expect(text).toContain(`**${s.title}**`);
        },
      ),
    );
  });
});

describe('fitList', () => {
  it('given items that fit, then all of them, comma-separated', () => {
    expect(fitList(['invoice', 'rate-limit'], 300)).toBe('invoice, rate-limit');
  });

  it('given more than fits, then those that fit and a count of the rest, inside the limit', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `entry-${i}`);
    const text = fitList(ids, 100);
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^entry-0, entry-1, .*, …and \d+ more$/);
    const shown = text.split(', ').length - 1;
    expect(text).toContain(`…and ${100 - shown} more`);
  });

  it('property: given any items, then the list fits', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 200 }), (items) => {
        expect(fitList(items, 300).length).toBeLessThanOrEqual(300);
      }),
    );
  });
});
