import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyChange, type Feed, type FeedChange } from '../../src/web/wire.js';
import { startWebSandbox, type WebSandbox } from '../helpers/web.js';

let sandbox: WebSandbox;
beforeAll(async () => {
  sandbox = await startWebSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

/** A raw HTTP request, so that the test may send any Host and Origin (fetch would not). */
function request(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(path, sandbox.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: { host: url.host, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the web sandbox’s server', () => {
  it('given the page, then it is served from 127.0.0.1 with a policy that lets it load nothing from elsewhere', async () => {
    expect(new URL(sandbox.url).hostname).toBe('127.0.0.1');
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="/app.js">');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const script = await request('/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    // The components are bundled in (the browser tests check that nothing is fetched elsewhere).
    expect(script.body.includes('customElements')).toBe(true);
  });

  it('given another host name (DNS rebinding), then every route is refused', async () => {
    for (const path of ['/', '/api/feed', '/api/suggest?line=%2Ffaq%20x'])
      expect((await request(path, { headers: { host: 'evil.example:80' } })).status).toBe(403);
  });

  it('given a change asked from another origin, or not as JSON, then it is refused and nothing is posted', async () => {
    const before = sandbox.session.feed().items.length;
    const cross = await post(
      '/api/send',
      { line: '/faq credits expire' },
      { origin: 'https://evil.example' },
    );
    expect(cross.status).toBe(403);
    const form = await request('/api/send', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'line=%2Ffaq+credits',
    });
    expect(form.status).toBe(415);
    expect(sandbox.session.feed().items.length).toBe(before);
  });

  it('given a malformed or oversized request, then a 4xx that says what is wrong', async () => {
    const notJson = await post('/api/send', '{nope');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error).toMatch(/not JSON/);
    const wrongField = await post('/api/send', { line: 5 });
    expect(wrongField.status).toBe(400);
    expect(JSON.parse(wrongField.body).error).toMatch(/line/);
    const extra = await post('/api/moderator', { on: true, admin: true });
    expect(extra.status).toBe(400);
    expect(sandbox.session.moderator).toBe(false);
    const huge = await post('/api/send', { line: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect((await request('/nowhere')).status).toBe(404);
    expect((await request('/api/send')).status).toBe(405);
  });

  it('given words typed, then the suggestions are the bot’s own autocomplete answer', async () => {
    const answer = await request(`/api/suggest?line=${encodeURIComponent('/model flux dev')}`);
    expect(answer.status).toBe(200);
    const { command, choices } = JSON.parse(answer.body) as {
      command: string;
      choices: { name: string; value: string }[];
    };
    expect(command).toBe('model');
    expect(choices[0]).toEqual({ name: 'fal-ai/flux/dev', value: 'model:fal-ai/flux/dev' });
    // A line that is not an autocompleted command gets none, rather than an error.
    const none = JSON.parse((await request('/api/suggest?line=hello')).body) as object;
    expect(none).toEqual({ choices: [] });
  });

  it('given a line sent, then the bot’s card is in the feed; given a line that is no command, then a 400 that says how', async () => {
    const sent = await post('/api/send', { line: '/faq invoice', value: 'invoice' });
    expect(sent.status).toBe(200);
    const feed = JSON.parse((await request('/api/feed')).body) as {
      items: { embeds: { title?: string }[]; command?: { name: string; by: string } }[];
    };
    const card = feed.items.at(-1)!;
    expect(card.command).toEqual({ name: 'faq', by: 'you' });
    expect(card.embeds[0]!.title).toMatch(/invoice/i);
    const wrong = await post('/api/send', { line: 'hello' });
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.body).error).toMatch(/\/faq, \/docs or \/model/);
  });

  it('given a press of a button the message does not have, then it is refused', async () => {
    await post('/api/send', { line: '/faq credits expire', value: 'credits-expire' });
    const card = sandbox.session.feed().items.at(-1)!;
    const forged = await post('/api/press', {
      message: card.id,
      customId: 'faq-fb:up:invoice',
    });
    expect(forged.status).toBe(400);
    expect(JSON.parse(forged.body).error).toMatch(/no such button/);
    expect(sandbox.session.feed().items.at(-1)!.id).toBe(card.id);
  });

  it('given a choice the menu does not offer, or a menu the message does not have, then it is refused and nothing is posted', async () => {
    await post('/api/send', { line: '/answer my requests get 429 errors' });
    const menu = sandbox.session.feed().items.at(-1)!;
    const select = menu.components[0]!.components[0] as { custom_id: string };
    const before = sandbox.session.feed().items.length;
    for (const forged of [
      { message: menu.id, customId: select.custom_id, value: 'deploy-own' },
      { message: menu.id, customId: 'faq-answer:123456789012345678', value: 'rate-limit' },
    ]) {
      const refused = await post('/api/choose', forged);
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body).error).toMatch(/no such menu or option/);
    }
    expect(sandbox.session.feed().items.length).toBe(before);
    const chosen = await post('/api/choose', {
      message: menu.id,
      customId: select.custom_id,
      value: 'rate-limit',
    });
    expect(chosen.status).toBe(200);
    expect(sandbox.session.feed().items.some((i) => i.replyTo?.content.includes('429'))).toBe(true);
  });

  it('given the event stream and a new card, then the event after the first whole feed carries only what changed', async () => {
    for (let i = 0; i < 3; i++) await post('/api/send', { line: '/faq invoice', value: 'invoice' });
    const url = new URL('/api/events', sandbox.url);
    const events: string[] = [];
    const req = httpRequest(url, { headers: { host: url.host } }, (res) => {
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const parts = buffer.split('\n\n');
        buffer = parts.pop()!;
        events.push(...parts.map((p) => p.replace(/^data: /, '')));
      });
    });
    req.end();
    await expect.poll(() => events.length).toBe(1);
    const whole = JSON.parse(events[0]!) as Feed;
    expect(whole.items.length).toBeGreaterThanOrEqual(6);
    await post('/api/send', { line: '/faq credits expire', value: 'credits-expire' });
    await expect.poll(() => events.length, { timeout: 3000 }).toBeGreaterThanOrEqual(2);
    req.destroy();
    const change = JSON.parse(events[1]!) as FeedChange;
    expect(change.change.upsert.length).toBeLessThanOrEqual(2);
    const after = applyChange(whole, change);
    expect(after.items.map((i) => i.id)).toEqual(sandbox.session.feed().items.map((i) => i.id));
    expect(after.items.at(-1)!.embeds[0]!.title).toBe('Do my credits expire?');
  });

  it('given the event stream, then it starts with the channel as it is now', async () => {
    const url = new URL('/api/events', sandbox.url);
    const first = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(url, { headers: { host: url.host } }, (res) => {
        res.once('data', (chunk: Buffer) => {
          resolve(chunk.toString('utf8'));
          req.destroy();
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(first.startsWith('data: ')).toBe(true);
    const feed = JSON.parse(first.slice('data: '.length)) as { channel: string; items: unknown[] };
    expect(feed.channel).toBe('general');
    expect(feed.items.length).toBe(sandbox.session.feed().items.length);
  });
});
