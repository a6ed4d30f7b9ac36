import { describe, expect, it } from 'vitest';
import { ChannelCooldown } from '../../src/limits/cooldown.js';

const clock = () => {
  let t = 5_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('ChannelCooldown', () => {
  it('given a card posted in a channel, then the same card there is recent until the cooldown passes; elsewhere it is not', async () => {
    const c = clock();
    const cooldown = new ChannelCooldown(60, () => undefined, c.now);
    const first = await cooldown.claim('c1', 'rate-limit');
    expect(first.kind).toBe('go');
    if (first.kind === 'go') first.posted('m1');
    expect(await cooldown.claim('c1', 'rate-limit')).toEqual({ kind: 'recent', messageId: 'm1' });
    expect((await cooldown.claim('c2', 'rate-limit')).kind).toBe('go');
    expect((await cooldown.claim('c1', 'invoice')).kind).toBe('go');
    c.advance(59_999);
    expect((await cooldown.claim('c1', 'rate-limit')).kind).toBe('recent');
    c.advance(1);
    expect((await cooldown.claim('c1', 'rate-limit')).kind).toBe('go');
  });

  it('given two claims at once, then one posts and the other gets its message once posted', async () => {
    const cooldown = new ChannelCooldown(60, () => undefined, clock().now);
    const [a, b] = [cooldown.claim('c1', 'x'), cooldown.claim('c1', 'x')];
    const first = await a;
    if (first.kind !== 'go') throw new Error('the first claim must go');
    first.posted('m9');
    expect(await b).toEqual({ kind: 'recent', messageId: 'm9' });
  });

  it('given a post that failed, then the card may be posted again at once', async () => {
    const cooldown = new ChannelCooldown(60, () => undefined, clock().now);
    const first = await cooldown.claim('c1', 'x');
    if (first.kind !== 'go') throw new Error('the first claim must go');
    first.failed();
    expect((await cooldown.claim('c1', 'x')).kind).toBe('go');
  });

  it('given a post recorded before a restart, then it counts; given 0 seconds, then there is no cooldown', async () => {
    const c = clock();
    const remembered = new ChannelCooldown(
      60,
      (channel, entry) => (channel === 'c1' && entry === 'x' ? 'm0' : undefined),
      c.now,
    );
    expect(await remembered.claim('c1', 'x')).toEqual({ kind: 'recent', messageId: 'm0' });
    const none = new ChannelCooldown(0, () => 'm0', c.now);
    expect((await none.claim('c1', 'x')).kind).toBe('go');
    expect((await none.claim('c1', 'x')).kind).toBe('go');
  });
});
