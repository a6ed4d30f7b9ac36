import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { DiscordEmulator } from '../../src/emulator/emulator.js';

const TOKEN = 'emulator-test-token';
let emu: DiscordEmulator;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ token: TOKEN });
  emu.state.overwriteCommands(
    [
      {
        name: 'faq',
        description: 'd',
        options: [{ name: 'topic', description: 't', type: 3, autocomplete: true, required: true }],
      },
      {
        name: 'stats',
        description: 'd',
        options: [
          { name: 'days', description: 'd', type: 4, min_value: 1, max_value: 365 },
          { name: 'note', description: 'n', type: 3, max_length: 10 },
        ],
      },
    ],
    emu.state.guild.id,
  );
});
afterAll(async () => {
  await emu.close();
});

async function call(method: string, path: string, body?: unknown, auth = true) {
  const res = await fetch(`${emu.apiUrl}/v10${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: `Bot ${TOKEN}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Record<string, any>) : undefined,
    type: res.headers.get('content-type'),
  };
}

const newAutocomplete = () =>
  emu.state.createInteraction(
    emu.state.commandInteraction({
      type: 4,
      command: 'faq',
      values: { topic: 'x' },
      focused: 'topic',
    }),
  );
const newCommand = () =>
  emu.state.createInteraction(
    emu.state.commandInteraction({ type: 2, command: 'faq', values: { topic: 'x' } }),
  );
const callback = (i: { id: string; token: string }, body: unknown, query = '') =>
  call('POST', `/interactions/${i.id}/${i.token}/callback${query}`, body, false);

describe('REST', () => {
  it('given an unknown route, then a Discord-style 404 JSON error, not a hang', async () => {
    expect(await call('GET', '/nothing/here')).toMatchObject({
      status: 404,
      body: { message: '404: Not Found', code: 0 },
    });
  });

  it('given a bot route without the token, then 401', async () => {
    expect((await call('GET', '/gateway/bot', undefined, false)).status).toBe(401);
  });

  it('given GET /gateway/bot, then the gateway address and session limits', async () => {
    const { body } = await call('GET', '/gateway/bot');
    expect(body).toMatchObject({
      url: emu.gatewayUrl,
      shards: 1,
      session_start_limit: { max_concurrency: 1 },
    });
  });

  it('given more than 25 choices, then 400 with the path of the problem', async () => {
    const res = await callback(newAutocomplete(), {
      type: 8,
      data: { choices: Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` })) },
    });
    expect(res).toMatchObject({
      status: 400,
      body: {
        code: 50035,
        errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
      },
    });
  });

  it('given a choice name over 100 characters, then 400', async () => {
    const res = await callback(newAutocomplete(), {
      type: 8,
      data: { choices: [{ name: 'n'.repeat(101), value: 'v' }] },
    });
    expect(res.body?.errors.data.choices['0'].name._errors[0].code).toBe('BASE_TYPE_BAD_LENGTH');
  });

  it('given an empty message, then 400 50006', async () => {
    expect((await callback(newCommand(), { type: 4, data: { content: '' } })).body).toMatchObject({
      code: 50006,
    });
  });

  it('given an embed over the limits, then 400', async () => {
    const long = await callback(newCommand(), {
      type: 4,
      data: { embeds: [{ description: 'd'.repeat(4097) }] },
    });
    expect(long.body?.errors.data.embeds['0'].description).toBeDefined();
    const total = await callback(newCommand(), {
      type: 4,
      data: {
        embeds: [
          { title: 't'.repeat(256), description: 'd'.repeat(4096) },
          { description: 'd'.repeat(2000) },
        ],
      },
    });
    expect(total.body?.errors.data.embeds._errors[0].code).toBe('MAX_EMBED_SIZE_EXCEEDED');
  });

  it('given a link button whose url is over 512 characters, then 400 on that url', async () => {
    const linkTo = (url: string) => ({
      type: 4,
      data: {
        content: 'c',
        components: [{ type: 1, components: [{ type: 2, style: 5, label: 'Docs', url }] }],
      },
    });
    const url = `https://fal.ai/docs/${'a'.repeat(512 - 20)}`;
    expect((await callback(newCommand(), linkTo(url))).status).toBe(204);
    const res = await callback(newCommand(), linkTo(`${url}a`));
    expect(res.body?.errors.data.components['0'].components['0'].url._errors[0].code).toBe(
      'BASE_TYPE_MAX_LENGTH',
    );
  });

  it('given a select menu whose option value or custom_id is over 100 characters, then 400 on that field', async () => {
    const menu = (customId: string, value: string) => ({
      type: 4,
      data: {
        content: 'c',
        flags: 64,
        components: [
          {
            type: 1,
            components: [{ type: 3, custom_id: customId, options: [{ label: 'L', value }] }],
          },
        ],
      },
    });
    const fits = 'v'.repeat(100);
    expect((await callback(newCommand(), menu(fits, fits))).status).toBe(204);
    const long = await callback(newCommand(), menu(fits, `${fits}v`));
    expect(
      long.body?.errors.data.components['0'].components['0'].options['0'].value._errors[0].code,
    ).toBe('BASE_TYPE_BAD_LENGTH');
    const id = await callback(newCommand(), menu(`${fits}v`, 'v'));
    expect(id.body?.errors.data.components['0'].components['0'].custom_id._errors[0].code).toBe(
      'BASE_TYPE_MAX_LENGTH',
    );
  });

  it("given a second answer or an unknown interaction, then Discord's errors", async () => {
    const i = newCommand();
    expect((await callback(i, { type: 4, data: { content: 'hi' } })).status).toBe(204);
    expect((await callback(i, { type: 4, data: { content: 'hi' } })).body).toMatchObject({
      code: 40060,
    });
    expect(
      (await callback({ id: '1', token: 'nope' }, { type: 4, data: { content: 'hi' } })).body,
    ).toMatchObject({ code: 10062 });
    const late = newCommand();
    late.expire();
    expect((await callback(late, { type: 4, data: { content: 'hi' } })).body).toMatchObject({
      code: 10062,
      message: 'Unknown interaction',
    });
  });

  it('given with_response=true, then the interaction and the created message come back', async () => {
    const i = newCommand();
    const res = await callback(i, { type: 4, data: { content: 'hello' } }, '?with_response=true');
    expect(res.body).toMatchObject({
      interaction: { id: i.id, type: 2 },
      resource: { type: 4, message: { content: 'hello' } },
    });
    const original = await call(
      'GET',
      `/webhooks/${emu.state.applicationId}/${i.token}/messages/%40original`,
      undefined,
      false,
    );
    expect(original.body).toMatchObject({ content: 'hello' });
  });

  it('given content with @everyone and no allowed_mentions, then the emulator resolves it as Discord would (pings)', async () => {
    const ch = emu.state.defaultChannel.id;
    const loud = await call('POST', `/channels/${ch}/messages`, { content: '@everyone hi' });
    expect(loud.body?.mention_everyone).toBe(true);
    const quiet = await call('POST', `/channels/${ch}/messages`, {
      content: '@everyone hi',
      allowed_mentions: { parse: [] },
    });
    expect(quiet.body?.mention_everyone).toBe(false);
  });

  it('given pins on both routes, then the message is pinned and unpinned, and 50 is the limit', async () => {
    const ch = emu.state.addChannel('pins').id;
    const ids: string[] = [];
    for (let n = 0; n < 51; n++)
      ids.push(
        (await call('POST', `/channels/${ch}/messages`, { content: `m${n}` })).body!.id as string,
      );
    expect((await call('PUT', `/channels/${ch}/messages/pins/${ids[0]}`)).status).toBe(204);
    expect((await call('GET', `/channels/${ch}/messages/${ids[0]}`)).body?.pinned).toBe(true);
    expect((await call('DELETE', `/channels/${ch}/pins/${ids[0]}`)).status).toBe(204);
    for (const id of ids.slice(0, 50)) await call('PUT', `/channels/${ch}/pins/${id}`);
    expect((await call('PUT', `/channels/${ch}/messages/pins/${ids[50]}`)).body).toMatchObject({
      code: 30003,
    });
  });

  it('given a channel where the bot lacks permissions, then 403 50013', async () => {
    const ch = emu.state.addChannel('read-only', 1n << 10n).id;
    expect((await call('POST', `/channels/${ch}/messages`, { content: 'x' })).body).toMatchObject({
      code: 50013,
    });
  });

  it('given a channel the bot may not view, then every call there answers 403 50001, its own messages included', async () => {
    const channel = emu.state.addChannel('hidden-later');
    const id = (await call('POST', `/channels/${channel.id}/messages`, { content: 'x' })).body!
      .id as string;
    channel.botPermissions = 1n << 11n;
    for (const [method, path, body] of [
      ['POST', `/channels/${channel.id}/messages`, { content: 'y' }],
      ['PATCH', `/channels/${channel.id}/messages/${id}`, { content: 'y' }],
      ['PUT', `/channels/${channel.id}/messages/pins/${id}`, undefined],
    ] as const)
      expect(await call(method, path, body)).toMatchObject({ status: 403, body: { code: 50001 } });
  });

  it('given a deleted message or a deleted channel, then editing it answers 10008 or 10003, as Discord does', async () => {
    const ch = emu.state.addChannel('doomed').id;
    const post = async () =>
      (await call('POST', `/channels/${ch}/messages`, { content: 'x' })).body!.id as string;
    const [deleted, kept] = [await post(), await post()];
    const edit = (id: string) => call('PATCH', `/channels/${ch}/messages/${id}`, { content: 'y' });
    expect((await call('DELETE', `/channels/${ch}/messages/${deleted}`)).status).toBe(204);
    expect(await edit(deleted)).toMatchObject({ status: 404, body: { code: 10008 } });
    expect((await edit(kept)).status).toBe(200);
    emu.state.channels.delete(ch);
    expect(await edit(kept)).toMatchObject({ status: 404, body: { code: 10003 } });
  });

  it('given a fault switch, then the next N calls fail and later ones succeed', async () => {
    emu.failNext({ path: /^\/gateway\/bot$/, status: 502, times: 2 });
    expect((await call('GET', '/gateway/bot')).status).toBe(502);
    expect((await call('GET', '/gateway/bot')).status).toBe(502);
    expect((await call('GET', '/gateway/bot')).status).toBe(200);
    emu.failNext({ path: /^\/gateway\/bot$/, status: 429, retryAfter: 1.5 });
    const limited = await fetch(`${emu.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${TOKEN}` },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1.5');
    expect(await limited.json()).toMatchObject({ retry_after: 1.5, global: false });
  });
});

describe('interactions', () => {
  it.each([
    ['a required option missing', 'faq', {}, '/faq: topic is required'],
    ['an integer under its minimum', 'stats', { days: 0 }, '/stats: days must be from 1 to 365'],
    ['an integer over its maximum', 'stats', { days: 366 }, 'days must be from 1 to 365'],
    ['a fraction for an integer', 'stats', { days: 1.5 }, 'days must be a whole number'],
    ['text over its max_length', 'stats', { note: 'x'.repeat(11) }, 'note must be at most 10'],
    ['text over 6000 characters', 'faq', { topic: 'x'.repeat(6001) }, 'at most 6000'],
  ])(
    'given %s, then no such submission is built (Discord would not send it)',
    (_, command, values, message) => {
      expect(() => emu.state.commandInteraction({ type: 2, command, values })).toThrow(message);
    },
  );

  it('given what is typed so far, then autocomplete is built unchecked', () => {
    const typed = emu.state.commandInteraction({
      type: 4,
      command: 'stats',
      values: { days: 0 },
      focused: 'days',
    });
    expect(typed.data).toMatchObject({ options: [{ name: 'days', value: 0, focused: true }] });
  });
});

describe('gateway', () => {
  function connect() {
    const ws = new WebSocket(`${emu.gatewayUrl}?v=10&encoding=json`);
    const frames: any[] = [];
    const waiters: { match: (f: any) => boolean; resolve: (f: any) => void }[] = [];
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw));
      frames.push(f);
      for (const w of waiters.splice(0)) {
        if (w.match(f)) w.resolve(f);
        else waiters.push(w);
      }
    });
    const next = (match: (f: any) => boolean) =>
      new Promise<any>((resolve) => {
        const seen = frames.find(match);
        if (seen) resolve(seen);
        else waiters.push({ match, resolve });
      });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    return { ws, frames, next, closed, send: (f: unknown) => ws.send(JSON.stringify(f)) };
  }

  /** A connection that has identified and received its server: the READY frame and the connection. */
  async function identified() {
    const c = connect();
    await c.next((f) => f.op === 10);
    c.send({ op: 2, d: { token: TOKEN, intents: 1, properties: {} } });
    const ready = await c.next((f) => f.t === 'READY');
    await c.next((f) => f.t === 'GUILD_CREATE');
    return { c, ready };
  }

  it('given a connection, then HELLO; IDENTIFY gives READY then GUILD_CREATE; heartbeats are ACKed', async () => {
    const c = connect();
    expect((await c.next((f) => f.op === 10)).d.heartbeat_interval).toBeGreaterThan(0);
    c.send({ op: 2, d: { token: TOKEN, intents: 1, properties: {} } });
    const ready = await c.next((f) => f.t === 'READY');
    const guild = await c.next((f) => f.t === 'GUILD_CREATE');
    expect([ready.s, guild.s]).toEqual([1, 2]);
    expect(ready.d.application.id).toBe(emu.state.applicationId);
    c.send({ op: 1, d: 2 });
    await c.next((f) => f.op === 11);
    c.ws.close();
  });

  it('given a wrong token, then the gateway closes with 4004', async () => {
    const c = connect();
    await c.next((f) => f.op === 10);
    c.send({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } });
    expect(await c.closed).toBe(4004);
  });

  it('given a dropped connection, then RESUME replays what was dispatched meanwhile', async () => {
    const { c: a, ready } = await identified();
    emu.gateway.close(4000);
    await a.closed;
    emu.gateway.dispatch('INTERACTION_CREATE', { id: 'missed' });
    const b = connect();
    await b.next((f) => f.op === 10);
    b.send({ op: 6, d: { token: TOKEN, session_id: ready.d.session_id, seq: 2 } });
    expect((await b.next((f) => f.t === 'INTERACTION_CREATE')).d.id).toBe('missed');
    await b.next((f) => f.t === 'RESUMED');
    emu.gateway.invalidateSession();
    expect((await b.next((f) => f.op === 9)).d).toBe(false);
    b.ws.close();
  });

  it('given a link gone silent, then heartbeats get no ACK and dispatches do not arrive, until a RESUME on a new connection replays them', async () => {
    const { c: a, ready } = await identified();
    emu.gateway.goSilent();
    a.send({ op: 1, d: 2 });
    emu.gateway.dispatch('INTERACTION_CREATE', { id: 'unheard' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.frames.filter((f) => f.op === 11 || f.t === 'INTERACTION_CREATE')).toEqual([]);
    a.ws.close();
    const b = connect();
    await b.next((f) => f.op === 10);
    b.send({ op: 6, d: { token: TOKEN, session_id: ready.d.session_id, seq: 2 } });
    expect((await b.next((f) => f.t === 'INTERACTION_CREATE')).d.id).toBe('unheard');
    b.ws.close();
  });
});

describe('the bot removed from the guild', () => {
  it('given removeBotFromGuild, then GUILD_DELETE without unavailable, 403 50001 on its channels, and a later READY lists no guild', async () => {
    const own = await DiscordEmulator.start({ token: TOKEN });
    const identify = async () => {
      const ws = new WebSocket(`${own.gatewayUrl}?v=10&encoding=json`);
      const frames: any[] = [];
      ws.on('message', (raw) => frames.push(JSON.parse(String(raw))));
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(JSON.stringify({ op: 2, d: { token: TOKEN, intents: 1, properties: {} } }));
      await vi.waitFor(() => expect(frames.some((f) => f.t === 'READY')).toBe(true));
      return { ws, frames };
    };
    try {
      const first = await identify();
      await vi.waitFor(() => expect(first.frames.some((f) => f.t === 'GUILD_CREATE')).toBe(true));
      own.removeBotFromGuild();
      await vi.waitFor(() =>
        expect(first.frames.find((f) => f.t === 'GUILD_DELETE')?.d).toEqual({
          id: own.state.guild.id,
        }),
      );
      first.ws.close();
      const res = await fetch(
        `${own.apiUrl}/v10/channels/${own.state.defaultChannel.id}/messages`,
        {
          method: 'POST',
          headers: { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ content: 'hi' }),
        },
      );
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 50001 });
      const second = await identify();
      expect(second.frames.find((f) => f.t === 'READY').d.guilds).toEqual([]);
      second.ws.close();
    } finally {
      await own.close();
    }
  });
});
