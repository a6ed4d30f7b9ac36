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

describe('the web sandbox’s help forum list', () => {
  it('given posts opened, then the forum view lists them newest first with who opened them, and opening one shows its reply and buttons', async () => {
    sandbox.session.setView('forum');
    const forum = sandbox.session.feed();
    expect(forum.view).toBe('forum');
    expect(forum.channel).toBe('help-forum');
    expect(forum.items).toEqual([]);
    expect(forum.posts!.map((p) => p.title)).toEqual(['zzqx qqvv', 'my request gets a 401']);
    expect(forum.posts![1]).toMatchObject({ author: 'you', messages: 2 });
    sandbox.session.setView('post', forum.posts![1]!.id);
    const post = sandbox.session.feed();
    expect(post.view).toBe('post');
    expect(post.channel).toBe('help-forum › my request gets a 401');
    expect(JSON.stringify(post.items)).toContain('Solved by');
  });

  it('given a post id that is not the forum’s (a channel, or nothing), then it is refused and the view stays', () => {
    sandbox.session.setView('channel');
    // A message of #general: its id is no post's.
    const general = sandbox.session.feed().items.at(-1)?.id;
    for (const post of [undefined, '123', general])
      expect(() => sandbox.session.setView('post', post)).toThrow(
        'That post is not in the help forum.',
      );
    expect(sandbox.session.feed().view).toBe('channel');
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
