import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODERATOR_PERMISSIONS, type Member } from '../../src/emulator/state.js';
import { answerWithFaq, replyOf, startTestBot, type TestBot } from '../helpers/local.js';
import { SHIPPED_MAPPINGS } from '../helpers/ranking.js';

const SUPPORT_URL = 'https://example.com/fal-support';
const SUPPORT_CHANNEL_ID = '123456789012345678';

let h: TestBot;
let mappingsDir: string;
let mod: Member;
let member: Member;
let asker: Member;

beforeAll(async () => {
  mappingsDir = path.join(await mkdtemp(path.join(tmpdir(), 'faq-mappings-')), 'mappings');
  await cp(SHIPPED_MAPPINGS, mappingsDir, { recursive: true });
  h = await startTestBot({
    watchFaq: true,
    env: { MAPPINGS_DIR: mappingsDir, SUPPORT_URL, SUPPORT_CHANNEL_ID },
  });
  mod = h.emulator.createMember({ username: 'mod', permissions: MODERATOR_PERMISSIONS });
  member = h.emulator.createMember({ username: 'member' });
  asker = h.emulator.createMember({ username: 'asker' });
});
afterAll(async () => {
  await h?.close();
});

const ask = (text: string) => h.emulator.state.memberMessage(asker, text);
/** What Answer with FAQ shows `member` for a message: the menu's options, or the notice. */
async function answerMenuFor(text: string) {
  const interaction = await h.as(member).useOn(ask(text));
  const data = replyOf(interaction);
  const options = (data.components?.[0]?.components?.[0]?.options ?? []) as {
    label: string;
    value: string;
  }[];
  return { data, options, values: options.map((o) => o.value) };
}

describe('Answer with FAQ across the sources', () => {
  it('given a message naming an endpoint and quoting a status, then the menu offers the model and the page the status means, each labelled by its source', async () => {
    const { options } = await answerMenuFor(
      'our n8n node: POST https://queue.fal.run/fal-ai/veo3 works, then GET on the response_url fails with 405 Method Not Allowed',
    );
    expect(options).toContainEqual({ label: 'Model: fal-ai/veo3', value: 'model:fal-ai/veo3' });
    expect(options).toContainEqual({
      label: 'Docs: Asynchronous Inference',
      value: 'docs:documentation/model-apis/inference/queue',
    });
  });

  it('given the model picked, then its card is posted as the reply to the message', async () => {
    const question = ask('is fal-ai/flux-pro/v1/fill usable for inpainting?');
    const { select, pick } = await answerWithFaq(h.emulator, member, question);
    expect(select.options[0]!.value).toBe('model:fal-ai/flux-pro/v1/fill');
    await pick('model:fal-ai/flux-pro/v1/fill');
    const reply = h.emulator.state
      .channelMessages(question.channel_id)
      .find((m) => m.message_reference?.message_id === question.id)!;
    expect((reply.embeds[0] as { title: string }).title).toContain('fal-ai/flux-pro/v1/fill');
  });

  it('given a message nothing answers, then it says so privately and where to ask, with no menu', async () => {
    const { data } = await answerMenuFor('who is watching the football tonight? ⚽');
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.components ?? []).toEqual([]);
    expect(data.content).toContain('Nothing I have answers that message');
    expect(data.content).toContain(`<#${SUPPORT_CHANNEL_ID}>`);
    expect(data.content).toContain(SUPPORT_URL);
  });

  it('given a refund request, then it says fal’s team settles it and where to ask, with no menu', async () => {
    const { data } = await answerMenuFor(
      'my account got locked right after paying, I want a refund or an unlock',
    );
    expect(data.components ?? []).toEqual([]);
    expect(data.content).toContain("needs fal's team");
    expect(data.content).toContain(SUPPORT_URL);
  });
});

describe('/faq free text across the sources', () => {
  it("given fal's error text typed as the topic, then the entry it means is posted publicly", async () => {
    const i = await h.as(member).run('faq', { topic: 'User is locked' });
    const posted = i.original!;
    expect(posted.flags ?? 0).not.toBe(MessageFlags.Ephemeral);
    expect((posted.embeds[0] as { title: string }).title).toBe(
      'What happens when my credits run out?',
    );
  });

  it('given an endpoint typed as the topic, then its model card is posted', async () => {
    const i = await h.as(member).run('faq', { topic: 'fal-ai/flux/dev' });
    expect((i.original!.embeds[0] as { title: string }).title).toContain('fal-ai/flux/dev');
  });
});

describe('moderators teach it', () => {
  const wording = 'sticker pack export keeps timing out';
  const message = 'hey all, my sticker pack export keeps timing out since yesterday, any idea?';

  it('given a member who is not a moderator, then teach is refused and their autocomplete gets nothing', async () => {
    const refused = await h
      .as(member)
      .run(
        'faq-admin',
        { wording, answer: 'docs:documentation/model-apis/fal-cdn' },
        { subcommand: 'teach' },
      );
    expect(replyOf(refused).content).toContain('Only moderators');
    const choices = await h.as(member).type({
      kind: 'command',
      command: 'faq-admin',
      subcommand: 'teach',
      values: { wording, answer: 'cdn' },
      autocompleted: 'answer',
    });
    expect(choices).toEqual([]);
    expect(h.store.teachings()).toEqual([]);
  });

  it('given a wording taught for a page, then Answer with FAQ offers that page first for a message like it, stats list it, and unteach takes it back', async () => {
    const before = await answerMenuFor(message);
    expect(before.values[0]).not.toBe('docs:documentation/model-apis/fal-cdn');

    const choices = await h.as(mod).type({
      kind: 'command',
      command: 'faq-admin',
      subcommand: 'teach',
      values: { wording, answer: 'fal cdn upload' },
      autocompleted: 'answer',
    });
    expect(choices).toContainEqual({
      name: 'Docs: fal CDN',
      value: 'docs:documentation/model-apis/fal-cdn',
    });
    const taught = await h
      .as(mod)
      .run(
        'faq-admin',
        { wording, answer: 'docs:documentation/model-apis/fal-cdn' },
        { subcommand: 'teach' },
      );
    expect(replyOf(taught).content).toContain(`Taught (#1): "${wording}" → **Docs: fal CDN**`);
    expect(h.store.teachings()).toMatchObject([
      { id: 1, wording, answerId: 'docs:documentation/model-apis/fal-cdn', taughtBy: mod.user.id },
    ]);

    expect((await answerMenuFor(message)).values[0]).toBe('docs:documentation/model-apis/fal-cdn');

    const stats = await h.as(mod).run('faq-admin', {}, { subcommand: 'stats' });
    expect(replyOf(stats).content).toContain('Taught wordings (1)');
    expect(replyOf(stats).content).toMatch(
      /#1 "sticker pack export keeps timing out" → fal CDN \(by mod, \d{4}-\d\d-\d\d\)/,
    );

    const listed = await h.as(mod).type({
      kind: 'command',
      command: 'faq-admin',
      subcommand: 'unteach',
      values: { teaching: 'sticker' },
      autocompleted: 'teaching',
    });
    expect(listed).toEqual([{ name: `#1 "${wording}" → fal CDN`, value: '1' }]);
    const undone = await h.as(mod).run('faq-admin', { teaching: '1' }, { subcommand: 'unteach' });
    expect(replyOf(undone).content).toContain('Undone (#1)');
    expect(h.store.teachings()).toEqual([]);
    expect((await answerMenuFor(message)).values[0]).not.toBe(
      'docs:documentation/model-apis/fal-cdn',
    );
  });

  it('given an answer id no source has (a forged option value), then nothing is taught', async () => {
    const i = await h
      .as(mod)
      .run('faq-admin', { wording, answer: 'docs:../../etc/passwd' }, { subcommand: 'teach' });
    expect(replyOf(i).content).toContain('No FAQ entry, docs page or model has the id');
    expect(h.store.teachings()).toEqual([]);
  });
});

describe('a server full of teachings', () => {
  it('given the most wordings a server may have, then one more is refused and nothing is stored', async () => {
    for (let i = 0; i < 500; i++)
      h.store.teach({
        guildId: h.emulator.state.guild.id,
        wording: `filler wording ${i}`,
        answerId: 'rate-limit',
        taughtBy: 'seed',
      });
    const refused = await h
      .as(mod)
      .run('faq-admin', { wording: 'one too many', answer: 'rate-limit' }, { subcommand: 'teach' });
    expect(replyOf(refused).content).toContain('500 taught wordings, the most it may have');
    expect(h.store.teachings().some((t) => t.wording === 'one too many')).toBe(false);
    for (const t of h.store.teachings()) h.store.unteach(t.id, 'cleanup');
  });
});

describe('the mappings folder, edited while the bot runs', () => {
  it('given a rule added, then it counts at once; given a broken edit, then the last good rules keep serving', async () => {
    const text = 'the zebra-stripes plugin crashed my render';
    expect((await answerMenuFor(text)).data.components ?? []).toEqual([]);
    await writeFile(
      path.join(mappingsDir, 'plugins.yaml'),
      '- phrases: [zebra-stripes plugin crashed]\n  answers: [docs:documentation/model-apis/inference/client-setup]\n',
    );
    await expect
      .poll(async () => (await answerMenuFor(text)).values[0], { timeout: 5000 })
      .toBe('docs:documentation/model-apis/inference/client-setup');
    await writeFile(
      path.join(mappingsDir, 'plugins.yaml'),
      '- phrases: [zebra-stripes plugin crashed\n',
    );
    await expect
      .poll(() => h.log.lines.some((l) => String(l.msg).startsWith('mappings reload refused')), {
        timeout: 5000,
      })
      .toBe(true);
    expect((await answerMenuFor(text)).values[0]).toBe(
      'docs:documentation/model-apis/inference/client-setup',
    );
  });
});
