import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { copyFile, mkdir, mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../helpers/run.js';
import type { Member, StoredMessage } from '../../src/emulator/state.js';
import { answerWithFaq, replyOf, startTestBot, type TestBot } from '../helpers/local.js';
import { schemaViolations } from '../helpers/openapi.js';

let h: TestBot;
let member: Member;
beforeAll(async () => {
  h = await startTestBot({ env: { CARD_COOLDOWN_SECONDS: '0' } });
  member = h.emulator.createMember({ username: 'member' });
});
afterAll(async () => h?.close());

const type = (command: string, _focused: string, value: string) =>
  h.as(member).suggest(command, value);
const submit = (command: string, values: Record<string, unknown>, who = member) =>
  h.as(who).run(command, values);

describe('/docs and /model through the emulator', () => {
  it('given the bot started, then both are registered with their autocompleted option, mention and private (and /model with check, either of its two given alone)', () => {
    const registered = h.emulator.state.guildCommands.get(h.emulator.state.guild.id)!;
    const optionsOf = (name: string) =>
      registered
        .find((c) => c.name === name)!
        .options!.map((o) => [o.name, o.type, o.required ?? false]);
    expect(optionsOf('docs')).toEqual([
      ['topic', ApplicationCommandOptionType.String, true],
      ['mention', ApplicationCommandOptionType.User, false],
      ['private', ApplicationCommandOptionType.Boolean, false],
    ]);
    expect(optionsOf('model')).toEqual([
      ['endpoint', ApplicationCommandOptionType.String, false],
      ['mention', ApplicationCommandOptionType.User, false],
      ['private', ApplicationCommandOptionType.Boolean, false],
      ['check', ApplicationCommandOptionType.String, false],
    ]);
  });

  it('given words typed into /docs and /model, then the pages and endpoints people mean are suggested', async () => {
    expect((await type('docs', 'topic', 'fal cdn'))[0]).toEqual({
      name: 'fal CDN',
      value: 'docs:documentation/model-apis/fal-cdn',
    });
    expect((await type('model', 'endpoint', 'flux dev'))[0]!.value).toBe('model:fal-ai/flux/dev');
    expect((await type('model', 'endpoint', 'nano banana'))[0]!.value).toBe(
      'model:fal-ai/nano-banana',
    );
    const choices = await type('model', 'endpoint', 'remove background video');
    expect(choices.length).toBeGreaterThan(1);
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('given a query about a section of a page, then that section is suggested, and its card links the section', async () => {
    const [first] = await type('docs', 'topic', 'data uri input');
    expect(first).toEqual({
      name: 'fal CDN › Data URIs',
      value: 'docs:documentation/model-apis/fal-cdn#data-uris',
    });
    const i = await submit('docs', { topic: first!.value, private: true });
    expect(replyOf(i).embeds[0].url).toBe(
      'https://fal.ai/docs/documentation/model-apis/fal-cdn#data-uris',
    );
    // An anchor the page does not have is a claim the bot drops: the link opens the page.
    const forged = await submit('docs', {
      topic: 'docs:documentation/model-apis/fal-cdn#nope',
      private: true,
    });
    expect(replyOf(forged).embeds[0].url).toBe(
      'https://fal.ai/docs/documentation/model-apis/fal-cdn',
    );
  });

  it('given a picked page, then its card is posted with the page link, and feedback is counted for it', async () => {
    const i = await submit('docs', { topic: 'docs:documentation/model-apis/fal-cdn' });
    const body = replyOf(i);
    expect(body.embeds[0]).toMatchObject({
      title: 'fal CDN',
      url: 'https://fal.ai/docs/documentation/model-apis/fal-cdn',
    });
    const press = await h.emulator.interact(
      h.emulator.state.componentInteraction({
        member,
        message: i.original as StoredMessage,
        customId: 'faq-fb:up:docs:documentation/model-apis/fal-cdn',
      }),
    );
    expect(replyOf(press).content).toBe('Thanks, noted as helpful.');
    expect(h.store.stats(7, h.emulator.state.guild.id).feedback).toContainEqual({
      entryId: 'docs:documentation/model-apis/fal-cdn',
      helpful: 1,
      notHelpful: 0,
    });
  });

  it('given a picked model with a mention, then the card pings exactly that member', async () => {
    const target = h.emulator.createMember({ username: 'asker' });
    const i = await submit('model', { endpoint: 'model:fal-ai/flux/dev', mention: target.user.id });
    const body = replyOf(i);
    expect(body.content).toBe(`<@${target.user.id}>`);
    expect(body.allowed_mentions).toMatchObject({ parse: [], users: [target.user.id] });
    expect(body.embeds[0].title).toBe('fal-ai/flux/dev');
    expect(i.original!.resolved.mentions).toEqual([target.user.id]);
  });

  it('given private:true, then only the member sees the card', async () => {
    const i = await submit('model', { endpoint: 'model:fal-ai/veo3/fast', private: true });
    expect(replyOf(i).flags).toBe(MessageFlags.Ephemeral);
    expect(replyOf(i).embeds[0].title).toBe('fal-ai/veo3/fast');
  });

  it('given free text that matches nothing, then a private did-you-mean and a gap in the stats for that command', async () => {
    const i = await submit('docs', { topic: 'zzqx unknown page' });
    expect(replyOf(i)).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: expect.stringContaining('No docs page matches'),
    });
    // Usage is recorded once the member has been answered.
    await vi.waitFor(() =>
      expect(h.store.stats(7, h.emulator.state.guild.id).gaps).toContainEqual({
        command: 'docs',
        query: 'zzqx unknown page',
        count: 1,
      }),
    );
  });

  it('given everything sent in this file, then every body validates against Discord’s API schema', () => {
    const sent = h.emulator.requests.filter((r) => r.status < 400);
    expect(sent.length).toBeGreaterThan(5);
    expect(schemaViolations(sent)).toEqual([]);
  });
});

describe('the FAQ and the docs together', () => {
  it('given a free-text /faq no FAQ entry answers, then its private did-you-mean lists the docs pages that are close', async () => {
    const i = await submit('faq', { topic: 'verify webhook signature' });
    expect(replyOf(i).flags).toBe(MessageFlags.Ephemeral);
    expect(replyOf(i).content).toContain(
      '• [Docs: Webhooks](<https://fal.ai/docs/documentation/model-apis/inference/webhooks>)',
    );
  });

  it('given Answer with FAQ on a message the docs answer better, then a docs page is offered and its card posted as the reply', async () => {
    const asker = h.emulator.createMember({ username: 'asker2' });
    const question = h.emulator.state.memberMessage(
      asker,
      'how do I verify the webhook signature on my server?',
    );
    const { select, pick } = await answerWithFaq(h.emulator, member, question);
    const page = select.options.find(
      (o) => o.value === 'docs:documentation/model-apis/inference/webhooks',
    );
    expect(page?.label).toBe('Docs: Webhooks');
    await pick(page!.value);
    const reply = h.emulator.state
      .channelMessages(question.channel_id)
      .find((m) => m.message_reference?.message_id === question.id)!;
    expect((reply.embeds[0] as { title: string }).title).toBe('Webhooks');
    expect(reply.resolved.mentions).toEqual([asker.user.id]);
  });
});

describe('a refreshed snapshot', () => {
  it('given the docs snapshot rewritten while the bot runs, then it serves the new one; given a broken one, the last good keeps serving', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-snapshots-'));
    const file = path.join(dir, 'docs.json');
    await copyFile(path.join(ROOT, 'snapshots/docs.json'), file);
    const bot = await startTestBot({ env: { DOCS_SNAPSHOT: file }, watchFaq: true });
    try {
      const someone = bot.emulator.createMember({ username: 'm' });
      const first = async () =>
        (
          await bot.emulator.autocomplete({
            command: 'docs',
            member: someone,
            focused: 'topic',
            value: 'fal cdn',
          })
        )[0]!.name;
      expect(await first()).toBe('fal CDN');
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace('"title":"fal CDN"', '"title":"fal CDN (uploads)"'),
      );
      await vi.waitFor(async () => expect(await first()).toBe('fal CDN (uploads)'), {
        timeout: 5000,
      });
      await writeFile(file, '{ "source": "broken", "documents": [ {"id": 1} ] }');
      await vi.waitFor(
        () =>
          expect(
            bot.log.lines.some(
              (l) => l.msg === 'snapshot reload refused: the previous one keeps serving',
            ),
          ).toBe(true),
        { timeout: 5000 },
      );
      expect(await first()).toBe('fal CDN (uploads)');
    } finally {
      await bot.close();
    }
  });

  it('given a refresh written under DATA_DIR, then the bot serves it, at once and after a restart; given a broken one, then start-up refuses it naming why, serves the shipped one, and health says so', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'faq-refreshed-'));
    const refreshed = path.join(dataDir, 'snapshots', 'docs.json');
    await mkdir(path.dirname(refreshed));
    const shipped = await readFile(path.join(ROOT, 'snapshots/docs.json'), 'utf8');
    await writeFile(
      refreshed,
      shipped.replace('"title":"fal CDN"', '"title":"fal CDN (refreshed)"'),
    );
    const first = async (bot: TestBot) =>
      (
        await bot.emulator.autocomplete({
          command: 'docs',
          member: bot.emulator.createMember({ username: 'm' }),
          focused: 'topic',
          value: 'fal cdn',
        })
      )[0]!.name;
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const before = await startTestBot({ dataDir, watchFaq: true });
    try {
      expect(await first(before)).toBe('fal CDN (refreshed)');
      // The next scheduled refresh is served without a restart.
      await writeFile(refreshed, shipped.replace('"title":"fal CDN"', '"title":"fal CDN (again)"'));
      await vi.waitFor(async () => expect(await first(before)).toBe('fal CDN (again)'), {
        timeout: 5000,
      });
    } finally {
      await before.bot.stop();
      before.store.close();
    }
    await writeFile(refreshed, '{ "source": "broken", "documents": [ {"id": 1} ] }');
    // Newer than the shipped snapshot, so it is the one start-up tries first.
    await utimes(refreshed, new Date(), new Date());
    const existing = { emulator: before.emulator, token: before.token };
    const bot = await startTestBot({ dataDir, existing, env: { HEALTH_PORT: String(port) } });
    try {
      expect(await first(bot)).toBe('fal CDN');
      const refusal = bot.log.lines.find(
        (l) => l.msg === 'refreshed snapshot refused: the shipped one is served',
      );
      expect(refusal).toMatchObject({ source: 'docs' });
      expect(String(refusal?.problem)).toContain(`${refreshed}: invalid docs snapshot`);
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
        checks: { name: string; detail: string }[];
      };
      expect(health.checks.find((c) => c.name === 'docs')?.detail).toMatch(
        / from snapshots\/docs\.json$/,
      );
      expect(health.checks.find((c) => c.name === 'last reload')?.detail).toContain(refreshed);
    } finally {
      await bot.close();
      await before.emulator.close();
    }
  });
});
