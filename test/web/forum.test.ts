import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebSandbox, type WebSandbox } from '../helpers/web.js';

let sandbox: WebSandbox;
beforeAll(async () => {
  sandbox = await startWebSandbox();
});
afterAll(async () => sandbox?.close());

describe('the web sandbox’s help forum', () => {
  it('given /post with a title and a first message, then the page shows the post, the bot’s reply and its buttons', async () => {
    await sandbox.session.send(
      '/post my request gets a 401 | I set FAL_KEY and still get 401 Unauthorized from queue.fal.run',
    );
    const feed = sandbox.session.feed();
    expect(feed.channel).toBe('help-forum › my request gets a 401');
    const reply = feed.items.find((m) => m.author.bot)!;
    expect(JSON.stringify(reply)).toContain('Get Your API Key');
    expect(JSON.stringify(reply)).toContain('Solved by this');
  });

  it('given Solved by this pressed on the page, then the reply says the post is solved', async () => {
    const reply = sandbox.session.feed().items.find((m) => m.author.bot)!;
    const customId = JSON.stringify(reply).match(/faq-solved:[^"]+/)![0];
    await sandbox.session.press(reply.id, customId);
    expect(JSON.stringify(sandbox.session.feed().items)).toContain('✅ Solved by');
  });

  it('given /post nothing answers, then the post shows without a reply', async () => {
    await sandbox.session.send('/post zzqx qqvv');
    const feed = sandbox.session.feed();
    expect(feed.channel).toBe('help-forum › zzqx qqvv');
    expect(feed.items.filter((m) => m.author.bot)).toEqual([]);
  });
});

describe('the web sandbox’s key guard', () => {
  it('given /say with a fal key, then AutoMod’s block is said by the box and the page shows the bot’s DM; an ordinary /say shows in the channel', async () => {
    const key = '6f1c2a3b-1d2e-4f5a-8b9c-0d1e2f3a4b5c:0123456789abcdef0123456789abcdef';
    await expect(sandbox.session.send(`/say my key is ${key}`)).rejects.toThrow(
      '🛡️ AutoMod blocked your message (fal API key guard (fal-faq-bot)); nobody saw it.',
    );
    const feed = sandbox.session.feed();
    expect(feed.dm).toBe(true);
    expect(JSON.stringify(feed.items)).toContain('Rotate it now');
    expect(JSON.stringify(feed.items)).not.toContain(key);
    await sandbox.session.send('/say hello there');
    const channel = sandbox.session.feed();
    expect(channel.dm).toBe(false);
    expect(JSON.stringify(channel.items)).toContain('hello there');
  });
});
