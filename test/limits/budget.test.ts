import { describe, expect, it } from 'vitest';
import { SlidingBudget } from '../../src/limits/budget.js';

/** A clock the test moves by hand. */
const clock = () => {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('SlidingBudget', () => {
  it('given the limit used up, then the next use is refused until the first one leaves the window', () => {
    const c = clock();
    const budget = new SlidingBudget(2, 60_000, c.now);
    expect(budget.take('ana')).toBe(true);
    c.advance(10_000);
    expect(budget.take('ana')).toBe(true);
    expect(budget.take('ana')).toBe(false);
    expect(budget.allows('ana')).toBe(false);
    // Another member has a budget of their own.
    expect(budget.take('bob')).toBe(true);
    c.advance(49_999);
    expect(budget.take('ana')).toBe(false);
    c.advance(1);
    // The first use is 60 s old: one place is free again, and only one.
    expect(budget.take('ana')).toBe(true);
    expect(budget.take('ana')).toBe(false);
  });

  it('given a use given back, then it does not count; given a limit of 0, then there is no limit', () => {
    const c = clock();
    const budget = new SlidingBudget(1, 60_000, c.now);
    expect(budget.take('ana')).toBe(true);
    budget.giveBack('ana');
    expect(budget.allows('ana')).toBe(true);
    const unlimited = new SlidingBudget(0, 60_000, c.now);
    for (let i = 0; i < 100; i++) expect(unlimited.take('ana')).toBe(true);
  });

  it('given a refused use, then it is not counted: the window is measured from the uses that were taken', () => {
    const c = clock();
    const budget = new SlidingBudget(1, 1_000, c.now);
    expect(budget.take('ana')).toBe(true);
    c.advance(900);
    expect(budget.take('ana')).toBe(false);
    c.advance(100);
    expect(budget.take('ana')).toBe(true);
  });
});
