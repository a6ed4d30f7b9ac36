import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { POLITE_ERROR } from '../../src/bot/errors.js';
import type { Member, StoredInteraction } from '../../src/emulator/state.js';
import { startTestBot } from '../helpers/local.js';
import { schemaViolations } from '../helpers/openapi.js';

let h: Awaited<ReturnType<typeof startTestBot>>;
let alice: Member;
let bob: Member;

beforeAll(async () => {
  h = await startTestBot();
  alice = h.emulator.createMember({ username: 'alice' });
  bob = h.emulator.createMember({ username: 'bob' });
});
afterAll(async () => {
  await h?.close();
});

const type = (query: string) => h.as(alice).suggest('faq', query);
const submit = (values: Record<string, unknown>) => h.as(alice).run('faq', values);
const body = (i: StoredInteraction) => i.responses[0]!.data as Record<string, any>;

describe('start-up', () => {
  it('given the bot started, then /faq is registered with the exact shape', () => {
    const registered = h.emulator.state.guildCommands.get(h.emulator.state.guild.id)!;
    expect(registered.map((c) => [c.name, c.type, c.contexts])).toEqual([
      [
        'faq',
        ApplicationCommandType.ChatInput,
        [InteractionContextType.Guild, InteractionContextType.BotDM],
      ],
      [
        'docs',
        ApplicationCommandType.ChatInput,
        [InteractionContextType.Guild, InteractionContextType.BotDM],
      ],
      [
        'model',
        ApplicationCommandType.ChatInput,
        [InteractionContextType.Guild, InteractionContextType.BotDM],
      ],
      ['faq-admin', ApplicationCommandType.ChatInput, [InteractionContextType.Guild]],
      ['Answer with FAQ', ApplicationCommandType.Message, [InteractionContextType.Guild]],
      ['Check fal request', ApplicationCommandType.Message, [InteractionContextType.Guild]],
    ]);
    const faq = registered[0]!;
    expect(faq.type).toBe(ApplicationCommandType.ChatInput);
    expect(faq.options).toEqual([
      expect.objectContaining({
        name: 'topic',
        type: ApplicationCommandOptionType.String,
        required: true,
        autocomplete: true,
      }),
      expect.objectContaining({ name: 'mention', type: ApplicationCommandOptionType.User }),
      expect.objectContaining({ name: 'private', type: ApplicationCommandOptionType.Boolean }),
    ]);
    expect(faq.options!.slice(1).every((o) => !(o as { required?: boolean }).required)).toBe(true);
  });

  it('given the bot started, then it identified with Guilds and AutoMod executions only (no privileged intent)', () => {
    const identify = h.emulator.frames.find(
      (f) => f.direction === 'in' && f.frame.op === GatewayOpcodes.Identify,
    )!;
    expect((identify.frame.d as { intents: number }).intents).toBe(
      GatewayIntentBits.Guilds | GatewayIntentBits.AutoModerationExecution,
    );
  });
});

describe('autocomplete', () => {
  it.each([
    ['typed', 'when do my credits expire', 'credits-expire'],
    ['mistyped', 'cold strat', 'cold-starts'],
    ['half-typed', 'invo', 'invoice'],
    ['error code', '429', 'rate-limit'],
  ])('given a %s query, then the right question is the first choice', async (_, query, id) => {
    const choices = await type(query);
    expect(choices[0]!.value).toBe(id);
  });

  it('given an empty query, then pinned entries come first', async () => {
    const choices = await type('');
    const pinned = new Set(h.library.index.entries.filter((e) => e.pinned).map((e) => e.id));
    expect(
      choices
        .slice(0, pinned.size)
        .map((c) => c.value)
        .every((v) => pinned.has(String(v))),
    ).toBe(true);
    expect(choices).toHaveLength(h.library.index.entries.length);
  });

  it('given any query, then every response stays inside Discord limits', async () => {
    for (const query of ['', 'a', 'credits', 'x'.repeat(300)]) {
      const choices = await type(query);
      expect(choices.length).toBeLessThanOrEqual(DISCORD_LIMITS.choices);
      for (const c of choices)
        expect(String(c.name).length).toBeLessThanOrEqual(DISCORD_LIMITS.choiceName);
    }
  });
});

describe('submitting /faq', () => {
  it('given a chosen question, then the channel gets its card', async () => {
    const i = await submit({ topic: 'cold-starts' });
    expect(i.responses[0]!.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(body(i).embeds[0]).toMatchObject({
      title: 'Do I pay for cold starts?',
      url: expect.stringMatching(/^https:\/\/fal\.ai\/docs/),
    });
    expect(body(i).components[0].components[0]).toMatchObject({
      style: 5,
      label: 'Open in the docs',
    });
    expect(body(i).flags ?? 0).toBe(0);
    expect(i.original?.resolved).toEqual({
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
    });
  });

  it('given clear free text, then the best match is posted', async () => {
    const i = await submit({ topic: 'are my files private' });
    expect(body(i).embeds[0].title).toBe('Are generated file URLs public?');
  });

  it('given text with no clear match, then an ephemeral did-you-mean lists the closest questions', async () => {
    const i = await submit({ topic: 'credits' });
    expect(body(i).flags).toBe(MessageFlags.Ephemeral);
    expect(body(i).embeds).toEqual([]);
    expect(body(i).content).toContain('Did you mean');
    expect(body(i).content).toContain('Do my credits expire?');
  });

  it('given Markdown and a masked link typed as the topic, then the notice shows them as typed', async () => {
    const i = await submit({ topic: '**weather** [docs](https://evil.example) `x`' });
    expect(body(i).content).toContain(
      // An escaped bracket is no masked link: the address shows as it is.
      'No exact match for "\\*\\*weather\\*\\* \\[docs](https://evil.example) \\`x\\`"',
    );
  });

  it('given mention, then the content names that user and only that user can be pinged', async () => {
    const i = await submit({ topic: 'rate-limit', mention: bob.user.id });
    expect(body(i).content).toBe(`<@${bob.user.id}>`);
    expect(body(i).allowed_mentions).toEqual({
      parse: [],
      users: [bob.user.id],
      roles: [],
      replied_user: false,
    });
    expect(i.original!.resolved.mentions).toEqual([bob.user.id]);
  });

  it('given private, then the card is ephemeral', async () => {
    const i = await submit({ topic: 'rate-limit', private: true });
    expect(body(i).flags).toBe(MessageFlags.Ephemeral);
    expect(body(i).embeds[0].title).toBe('Is there a rate limit?');
  });

  it('given each answered interaction, then one structured log line says what happened', async () => {
    const i = await submit({ topic: 'invoice' });
    await vi.waitFor(() => expect(h.log.lines.some((l) => l.interactionId === i.id)).toBe(true));
    const line = h.log.lines.find((l) => l.interactionId === i.id)!;
    expect(line).toMatchObject({
      kind: 'command',
      command: 'faq',
      query: 'invoice',
      id: 'invoice',
      outcome: 'card',
      latencyMs: expect.any(Number),
    });
  });
});

describe("in a member's DM with the bot", () => {
  const inDm = (values: Record<string, unknown>) =>
    h.emulator.command({ command: 'faq', member: alice, values, inDm: true });

  it('given /faq typed and submitted in the DM, then suggestions come and the card is posted there', async () => {
    const choices = await h.emulator.autocomplete({
      command: 'faq',
      member: alice,
      focused: 'topic',
      value: 'cold strt',
      inDm: true,
    });
    expect(choices[0]).toEqual({ name: 'Do I pay for cold starts?', value: 'cold-starts' });
    const i = await inDm({ topic: choices[0]!.value, mention: bob.user.id });
    expect(i.responses[0]!.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(body(i).embeds[0].title).toBe('Do I pay for cold starts?');
    expect(i.original!.channel_id).toBe(h.emulator.state.dmChannel(alice).id);
    expect(i.original!.resolved.mention_everyone).toBe(false);
    await vi.waitFor(() =>
      expect(h.log.lines.find((l) => l.interactionId === i.id)).toMatchObject({
        outcome: 'card',
        id: 'cold-starts',
      }),
    );
  });

  it('given the same card asked for again in the DM, then the pointer links into the DM', async () => {
    const i = await inDm({ topic: 'invoice' });
    expect(body(i).embeds).toHaveLength(1);
    const again = await inDm({ topic: 'invoice' });
    expect(body(again).content).toContain(
      `https://discord.com/channels/@me/${h.emulator.state.dmChannel(alice).id}/${i.original!.id}`,
    );
  });

  it('given the moderator commands, then Discord does not offer them in DMs', () => {
    expect(() =>
      h.emulator.state.commandInteraction({
        type: InteractionType.ApplicationCommand,
        command: 'faq-admin',
        subcommand: 'reload',
        values: {},
        inDm: true,
      }),
    ).toThrow(/not offered in DMs/);
  });
});

describe('failures', () => {
  it('given a handler that throws, then the member gets the polite error and the bot keeps serving', async () => {
    const spy = vi.spyOn(h.library.index, 'search').mockImplementationOnce(() => {
      throw new Error('index exploded');
    });
    const failed = await submit({ topic: 'some free text' });
    expect(body(failed)).toMatchObject({ content: POLITE_ERROR, flags: MessageFlags.Ephemeral });
    spy.mockImplementationOnce(() => {
      throw new Error('index exploded');
    });
    expect(await type('credits')).toEqual([]);
    spy.mockRestore();
    expect((await type('credits'))[0]).toBeDefined();
    await vi.waitFor(() =>
      expect(h.log.lines.some((l) => l.msg === 'interaction handler failed')).toBe(true),
    );
  });

  it('given the gateway closed with 4000, then the bot resumes and answers what comes after', async () => {
    const resumesBefore = h.emulator.frames.filter(
      (f) => f.direction === 'in' && f.frame.op === GatewayOpcodes.Resume,
    ).length;
    h.emulator.gateway.close(4000, 'emulated');
    const choices = await type('rate limit');
    expect(choices[0]!.value).toBe('rate-limit');
    expect(
      h.emulator.frames.filter((f) => f.direction === 'in' && f.frame.op === GatewayOpcodes.Resume)
        .length,
    ).toBe(resumesBefore + 1);
  });

  it('given a 429 on the interaction callback, then discord.js retries and the card is delivered', async () => {
    h.emulator.failNext({ path: /^\/interactions\/.+\/callback$/, status: 429, retryAfter: 0.05 });
    const i = await submit({ topic: 'commercial' });
    expect(body(i).embeds[0].title).toBe('Can I use generated files for commercial purposes?');
    const callbacks = h.emulator.requests.filter(
      (r) => r.path === `/interactions/${i.id}/${i.token}/callback`,
    );
    expect(callbacks.map((r) => r.status)).toEqual([429, 200]);
  });
});

describe("Discord's API schema", () => {
  it('given everything the bot sent in this file, then every body validates against discord-openapi.json', () => {
    const sent = h.emulator.requests.filter((r) => r.status < 400);
    expect(sent.length).toBeGreaterThan(10);
    expect(schemaViolations(sent)).toEqual([]);
  });

  it('given a body Discord would refuse, then the schema check catches it (the check can fail)', () => {
    const bad = {
      method: 'POST',
      path: '/interactions/1/t/callback',
      query: {},
      status: 200,
      at: 0,
      body: {
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: Array.from({ length: 26 }, () => ({ name: 'x', value: 'x' })) },
      },
    };
    expect(schemaViolations([bad])).not.toEqual([]);
  });
});
