import { InteractionResponseType } from 'discord-api-types/v10';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../src/emulator/state.js';
import { answerWithFaq, startTestBot, type TestBot } from '../helpers/local.js';
import { hostileText } from '../helpers/hostile.js';

let h: TestBot;
let member: Member;

beforeAll(async () => {
  h = await startTestBot({ env: { CARD_COOLDOWN_SECONDS: '0' } });
  member = h.emulator.createMember({ username: 'fuzzer' });
});
afterAll(async () => {
  await h?.close();
});

describe('fuzz through the emulator', () => {
  it('given hostile text typed and submitted, then every answer is accepted by Discord and resolves no mention', async () => {
    const inputs = fc.sample(hostileText, { numRuns: 150, seed: 20261121 });
    const before = h.emulator.requests.length;
    for (const text of inputs) {
      const choices = await h.emulator.autocomplete({
        command: 'faq',
        member,
        focused: 'topic',
        value: text,
      });
      expect(choices.length).toBeLessThanOrEqual(25);
      const submitted = await h.emulator.command({
        command: 'faq',
        member,
        values: { topic: text },
      });
      expect(submitted.responses[0]!.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(submitted.original!.resolved).toEqual({
        mentions: [],
        mention_roles: [],
        mention_everyone: false,
      });
    }
    const refused = h.emulator.requests.slice(before).filter((r) => r.status >= 400);
    expect(refused).toEqual([]);
    expect(h.log.lines.filter((l) => l.msg === 'interaction handler failed')).toEqual([]);
  });
});

describe('FAQ content cannot break out', () => {
  /** One entry whose question and answer carry every kind of mention. */
  let hostileFaq: string;
  beforeAll(async () => {
    hostileFaq = await mkdtemp(path.join(tmpdir(), 'faq-hostile-'));
    await writeFile(
      path.join(hostileFaq, 'ping.md'),
      '---\nquestion: "Who gets pinged? @here"\nkeywords: [ping]\nurl: https://fal.ai/docs\ncategory: test\n---\nHey @everyone and <@&123456789012345678> and <@123456789012345678>!\n',
    );
  });

  it('given an answer with @everyone and a role mention, then the posted card pings nobody and shows them inert', async () => {
    const bot = await startTestBot({ faqDir: hostileFaq });
    try {
      const i = await bot.emulator.command({
        command: 'faq',
        member: bot.emulator.createMember({ username: 'm' }),
        values: { topic: 'ping' },
      });
      const posted = i.original!;
      expect(posted.resolved).toEqual({ mentions: [], mention_roles: [], mention_everyone: false });
      const text = JSON.stringify(posted.embeds);
      expect(text).not.toMatch(/@everyone|@here|<@&\d+>|<@\d+>/);
      expect(text).toContain('everyone');
    } finally {
      await bot.close();
    }
  });

  it('given that entry chosen through "Answer with FAQ", then the reply and the menu it replaces ping nobody and show no live mention', async () => {
    const bot = await startTestBot({ faqDir: hostileFaq });
    try {
      const mod = bot.emulator.createMember({ username: 'mod' });
      const question = bot.emulator.state.memberMessage(
        bot.emulator.createMember({ username: 'asker' }),
        'who gets pinged?',
      );
      const { menu, pick } = await answerWithFaq(bot.emulator, mod, question);
      const picked = await pick('ping');
      const replaced = picked.responses[0]!;
      expect(replaced.type).toBe(InteractionResponseType.UpdateMessage);
      expect((replaced.data as { content: string }).content).toContain('Who gets pinged?');
      for (const message of [
        menu.original!,
        ...bot.emulator.state.channelMessages(question.channel_id),
      ]) {
        expect(message.resolved.mention_everyone).toBe(false);
        expect(message.resolved.mention_roles).toEqual([]);
        expect(JSON.stringify([message.content, message.embeds])).not.toMatch(
          /@everyone|@here|<@&\d+>/,
        );
      }
    } finally {
      await bot.close();
    }
  });
});
