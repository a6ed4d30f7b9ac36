import { describe, expect, it } from 'vitest';
import { explainFatalClose } from '../../src/bot/gateway-close.js';

describe('explainFatalClose', () => {
  it('given a reset token (4004), then the message names the code and DISCORD_TOKEN', () => {
    expect(explainFatalClose(4004)).toMatch(
      /^Discord closed the gateway for good \(4004 AuthenticationFailed\): .*DISCORD_TOKEN/,
    );
  });

  it('given a code with no advice of its own, then it still names the code and says the bot cannot reconnect', () => {
    expect(explainFatalClose(4012)).toBe(
      'Discord closed the gateway for good (4012 InvalidAPIVersion): the bot cannot reconnect by itself.',
    );
    expect(explainFatalClose(4999)).toContain('(4999 unknown)');
  });
});
