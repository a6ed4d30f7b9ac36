import { ChannelType, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumChores } from '../../src/bot/forum.js';
import { customIdsOf } from '../../src/discord/custom-id.js';
import { BOT_PERMISSIONS, MODERATOR_PERMISSIONS, type Member } from '../../src/emulator/state.js';
import { replyOf, startTestBot, type TestBot } from '../helpers/local.js';
import { schemaViolations } from '../helpers/openapi.js';

/** Opens a post as `member` and waits until the bot says it handled it; the bot's messages there. */
async function openPost(h: TestBot, member: Member, title: string, body = '', forum?: string) {
  const forumId =
    forum ??
    [...h.emulator.state.channels.values()].find((c) => c.type === ChannelType.GuildForum)!.id;
  const { thread, outcome, replies } = await h.as(member).postAndWait(forumId, title, body);
  return { threadId: thread.id, outcome: outcome!, replies };
}

describe('a help forum, titles only (no Message Content intent)', () => {
  let h: TestBot;
  let poster: Member;
  let other: Member;
  let mod: Member;
  beforeAll(async () => {
    h = await startTestBot({ forums: [{ name: 'help', tags: ['api'] }] });
    poster = h.emulator.createMember({ username: 'poster' });
    other = h.emulator.createMember({ username: 'other' });
    mod = h.emulator.createMember({ username: 'mod', permissions: MODERATOR_PERMISSIONS });
  });
  afterAll(async () => h?.close());

  it('given a new post whose title a source answers, then the bot replies once in it with the card, Solved by this, Not it and the docs link', async () => {
    const { outcome, replies, threadId } = await openPost(h, poster, 'Do my credits expire?');
    expect(outcome.outcome).toBe('answered');
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect((reply.embeds[0] as { title: string }).title).toBe('Do my credits expire?');
    expect(customIdsOf(reply)).toEqual(['faq-solved:credits-expire', 'faq-not-it']);
    expect(reply.resolved).toEqual({ mentions: [], mention_roles: [], mention_everyone: false });
    expect(h.store.forumPost(threadId)).toMatchObject({
      ownerId: poster.user.id,
      replyId: reply.id,
    });
    expect(h.store.forumPost(threadId)!.suggested[0]).toBe('credits-expire');
  });

  it('given a post nothing answers, then the bot stays silent and records it', async () => {
    const { outcome, replies, threadId } = await openPost(h, poster, 'zzqx qqvv wwkk');
    expect(outcome.outcome).toBe('silent');
    expect(replies).toEqual([]);
    expect(h.store.forumPost(threadId)).toMatchObject({ replyId: null, suggested: [] });
  });

  it('given the body says what the title does not, then without the intent the bot answers from the title alone', async () => {
    const { outcome } = await openPost(h, poster, 'hmm', '{"detail": "User is locked"}');
    expect(outcome.outcome).toBe('silent');
  });

  it('given another member presses Solved by this, then it is refused privately and nothing changes', async () => {
    poster = h.emulator.createMember({ username: 'poster2' });
    const { threadId, replies } = await openPost(h, poster, 'Is there a rate limit?');
    const pressed = await h.as(other).press(replies[0]!, 'faq-solved:rate-limit');
    expect(replyOf(pressed)).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(replyOf(pressed).content).toContain('Only who opened this post');
    expect(h.store.forumPost(threadId)!.solvedAt).toBeNull();
  });

  it('given the poster presses Solved by this, then the post is marked solved by that answer and the reply says so (the tag needs Manage Threads: it says it could not)', async () => {
    poster = h.emulator.createMember({ username: 'poster3' });
    const { threadId, replies } = await openPost(h, poster, 'How long are generated files stored?');
    const pressed = await h.as(poster).press(replies[0]!, 'faq-solved:retention');
    const updated = replyOf(pressed);
    expect(updated.content).toContain('✅ Solved by **How long are generated files stored?**');
    expect(updated.content).toContain('I could not add the "Solved" tag');
    expect(updated.components).toEqual([]);
    expect(h.store.forumPost(threadId)).toMatchObject({
      solvedAnswer: 'retention',
      solvedBy: poster.user.id,
    });
  });

  it('given the tag permission missing on several solves in one forum, then the log says so once', async () => {
    const said = () =>
      h.log.lines.filter(
        (l) => l.level === 40 && String(l.msg).startsWith('cannot put the "Solved" tag'),
      ).length;
    for (const title of ['Do my credits expire?', 'Do I pay for cold starts?']) {
      poster = h.emulator.createMember({ username: `solver-${said()}-${title.length}` });
      const { replies } = await openPost(h, poster, title);
      const id = replies[0]!.components
        .flatMap((r: any) => r.components)
        .find((c: any) => String(c.custom_id).startsWith('faq-solved:')).custom_id;
      expect(replyOf(await h.as(poster).press(replies[0]!, id)).content).toContain(
        'I could not add the "Solved" tag',
      );
    }
    expect(said()).toBe(1);
  });

  it('given MOD_CHANNEL_ID and the tag permission missing in a forum, then the moderators are told once, naming the forum', async () => {
    const other = await startTestBot({ forums: [{ name: 'support' }] });
    try {
      const mods = other.emulator.state.defaultChannel.id;
      other.bot.context.config.MOD_CHANNEL_ID = mods;
      const told = () =>
        other.emulator.state
          .channelMessages(mods)
          .filter((m) => m.content.startsWith('I cannot put the "Solved" tag'));
      for (const title of ['Do my credits expire?', 'Do I pay for cold starts?']) {
        const asker = other.emulator.createMember({ username: `asker-${title.length}` });
        const { replies } = await openPost(other, asker, title);
        const id = replies[0]!.components
          .flatMap((r: any) => r.components)
          .find((c: any) => String(c.custom_id).startsWith('faq-solved:')).custom_id;
        await other.as(asker).press(replies[0]!, id);
      }
      expect(told()).toHaveLength(1);
      const forum = [...other.emulator.state.channels.values()].find((c) => c.name === 'support')!;
      expect(told()[0]!.content).toContain(`give me Manage Threads in <#${forum.id}>`);
      expect(told()[0]!.resolved).toMatchObject({ mentions: [], mention_roles: [] });
    } finally {
      await other.close();
    }
  });

  it('given a custom_id the reply never carried (another answer), then it is refused as outdated', async () => {
    poster = h.emulator.createMember({ username: 'poster4' });
    const { threadId, replies } = await openPost(
      h,
      poster,
      'Can I switch to invoice-based billing?',
    );
    const forged = await h.emulator.interact(
      h.emulator.state.componentInteraction({
        member: poster,
        message: replies[0]!,
        customId: 'faq-solved:rate-limit',
      }),
    );
    expect(replyOf(forged).flags).toBe(MessageFlags.Ephemeral);
    expect(h.store.forumPost(threadId)!.solvedAt).toBeNull();
  });

  it('given Not it from the poster, then the reply folds to one line; from another member, refused', async () => {
    poster = h.emulator.createMember({ username: 'poster5' });
    const { threadId, replies } = await openPost(h, poster, 'Do you offer volume discounts?');
    const refused = await h.as(other).press(replies[0]!, 'faq-not-it');
    expect(replyOf(refused).content).toContain('Only who opened this post');
    const pressed = await h.as(poster).press(replies[0]!, 'faq-not-it');
    expect(replyOf(pressed)).toMatchObject({
      content: 'The suggested answer was not it: a helper will be here.',
      embeds: [],
      components: [],
    });
    expect(h.store.forumPost(threadId)!.notItAt).not.toBeNull();
  });

  it('given a helper answers in the post, then the first reply by someone else is recorded; the poster’s own is not', async () => {
    poster = h.emulator.createMember({ username: 'poster6' });
    const { threadId } = await openPost(h, poster, 'Do I pay for cold starts?');
    h.as(poster).say('bump', threadId);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.store.forumPost(threadId)!.firstHumanAt).toBeNull();
    h.as(other).say('you pay for the time your request runs', threadId);
    await expect.poll(() => h.store.forumPost(threadId)!.firstHumanAt).not.toBeNull();
  });

  it('given /faq-admin solved in a post by a moderator, then it counts as solved by a person', async () => {
    const { threadId } = await openPost(h, poster, 'zzqx forum solved by a person');
    const i = await h.as(mod).run('faq-admin', {}, { subcommand: 'solved', channelId: threadId });
    expect(replyOf(i).content).toContain("Marked solved by a helper's answer");
    expect(h.store.forumPost(threadId)).toMatchObject({
      solvedBy: mod.user.id,
      solvedAnswer: null,
    });
  });

  it('given a post deleted, then its record is gone', async () => {
    poster = h.emulator.createMember({ username: 'poster7' });
    const { threadId } = await openPost(h, poster, 'Are generated file URLs public?');
    h.emulator.deletePost(threadId);
    await expect.poll(() => h.store.forumPost(threadId)).toBeUndefined();
  });

  it('given a member opening post after post, then the bot replies to their first few only', async () => {
    const flooder = h.emulator.createMember({ username: 'flooder' });
    const outcomes = [];
    for (let i = 0; i < 5; i++)
      outcomes.push((await openPost(h, flooder, `Is there a rate limit? ${i}`)).outcome.outcome);
    expect(outcomes).toEqual(['answered', 'answered', 'answered', 'limited', 'limited']);
  });

  it('given a post in a forum the bot does not answer, then it stays out of it', async () => {
    const elsewhere = h.emulator.state.addForum('showcase');
    const { thread } = h.as(poster).post(elsewhere.id, 'Do my credits expire?');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.emulator.state.channelMessages(thread.id).filter((m) => m.author.bot)).toEqual([]);
  });
});

describe('a help forum the bot may manage, reading first messages (the intent granted)', () => {
  let h: TestBot;
  let poster: Member;
  beforeAll(async () => {
    h = await startTestBot({
      forums: [{ name: 'help' }],
      env: { HELP_FORUM_READ_MESSAGES: 'true', HELP_FORUM_NOTHING: 'note' },
      emulator: { privilegedIntents: true },
    });
    poster = h.emulator.createMember({ username: 'poster' });
    const forum = [...h.emulator.state.channels.values()].find(
      (c) => c.type === ChannelType.GuildForum,
    )!;
    forum.botPermissions =
      BOT_PERMISSIONS | PermissionFlagsBits.ManageThreads | PermissionFlagsBits.ManageChannels;
  });
  afterAll(async () => h?.close());

  it('given a vague title and an error in the first message, then the bot answers from the message', async () => {
    const { outcome } = await openPost(
      h,
      poster,
      'help pls',
      'every call says {"detail": "User is locked"}',
    );
    expect(outcome.outcome).toBe('answered');
    expect(outcome.suggested[0]).toBe('credits-run-out');
  });

  it('given a post nothing answers, then the operator’s note is posted instead of silence', async () => {
    const { outcome, replies } = await openPost(h, poster, 'zzqx qqvv', 'wwkk');
    expect(outcome.outcome).toBe('note');
    expect(replies[0]!.content).toContain('a helper will be here soon');
  });

  it('given Solved by this in a forum without the Solved tag, then the bot creates the tag and puts it on the post', async () => {
    const { threadId, replies } = await openPost(h, poster, 'Do my credits expire?');
    const pressed = await h.as(poster).press(replies[0]!, 'faq-solved:credits-expire');
    expect(replyOf(pressed).content).toContain('I created the "Solved" tag');
    const thread = h.emulator.state.channel(threadId);
    const forum = h.emulator.state.channel(thread.parentId);
    const solvedTag = forum.availableTags!.find((t) => t.name === 'Solved')!;
    expect(thread.appliedTags).toEqual([solvedTag.id]);
  });
});

describe('nudges, the digest and the stats of the help forum', () => {
  let h: TestBot;
  let clock = Date.now();
  let poster: Member;
  let helper: Member;
  let mod: Member;
  const role = '345678901234567890';
  beforeAll(async () => {
    h = await startTestBot({
      forums: [{ name: 'help' }],
      now: () => clock,
      env: { HELP_NUDGE_HOURS: '2', HELP_HELPER_ROLE_ID: role, HELP_NUDGE_PINGS_PER_DAY: '1' },
    });
    poster = h.emulator.createMember({ username: 'poster' });
    helper = h.emulator.createMember({ username: 'helper' });
    mod = h.emulator.createMember({ username: 'mod', permissions: MODERATOR_PERMISSIONS });
  });
  afterAll(async () => h?.close());

  it('given posts nobody answered for longer than HELP_NUDGE_HOURS, then each gets one nudge, the helper role pinged within its budget; answered or solved ones none', async () => {
    const first = await openPost(h, poster, 'zzqx wwkk qqvv');
    const second = await openPost(h, poster, 'zzqx wwkk vvqq');
    const answered = await openPost(h, poster, 'zzqx wwkk kkww');
    h.as(helper).say('here is how', answered.threadId);
    await expect.poll(() => h.store.forumPost(answered.threadId)!.firstHumanAt).not.toBeNull();
    expect((await forumChores(h.bot.context)).nudged).toEqual([]);
    clock += 3 * 3600_000;
    const { nudged } = await forumChores(h.bot.context);
    expect(nudged.sort()).toEqual([first.threadId, second.threadId].sort());
    const nudges = [first.threadId, second.threadId].map((id) =>
      h.emulator.state
        .channelMessages(id)
        .filter((m) => m.author.bot)
        .at(-1)!,
    );
    // One role ping a day (the budget), the other nudge pings nobody.
    expect(nudges.map((m) => m.resolved.mention_roles).flat()).toEqual([role]);
    expect((await forumChores(h.bot.context)).nudged).toEqual([]);
  });

  it('given a week passed, then the digest goes to MOD_CHANNEL_ID once, with the figures and how to teach what went unanswered', async () => {
    // The digest goes to the emulated guild's first channel (its id is known once the guild is).
    h.bot.context.config.MOD_CHANNEL_ID = h.emulator.state.defaultChannel.id;
    const { digest } = await forumChores(h.bot.context);
    expect(digest, JSON.stringify(h.log.lines.filter((l) => Number(l.level) >= 40).at(-1))).toBe(
      true,
    );
    const posted = h.emulator.state
      .channelMessages(h.emulator.state.defaultChannel.id)
      .filter((m) => m.author.bot)
      .at(-1)!;
    expect(posted.content).toContain('**Help forum, the last 7 days**');
    expect(posted.content).toContain('3 post(s); the bot suggested an answer for 0%');
    expect(posted.content).toContain('/faq-admin teach wording:');
    expect((await forumChores(h.bot.context)).digest).toBe(false);
    clock += 8 * 24 * 3600_000;
    expect((await forumChores(h.bot.context)).digest).toBe(true);
  });

  it('given /faq-admin stats, then it has the help forum section', async () => {
    clock -= 8 * 24 * 3600_000;
    const i = await h.as(mod).run('faq-admin', {}, { subcommand: 'stats' });
    expect(replyOf(i).content).toContain('**Help forum**');
    expect(replyOf(i).content).toContain('Median time to the first reply by a person');
  });
});

describe("Discord's API schema, in the help forum", () => {
  it('given replies, buttons, tags, nudges and the digest, then every body the bot sent validates against discord-openapi.json', async () => {
    const h = await startTestBot({
      forums: [{ name: 'help' }],
      env: { HELP_FORUM_NOTHING: 'note', HELP_NUDGE_HOURS: '1' },
    });
    try {
      const forum = [...h.emulator.state.channels.values()].find(
        (c) => c.type === ChannelType.GuildForum,
      )!;
      forum.botPermissions =
        BOT_PERMISSIONS | PermissionFlagsBits.ManageThreads | PermissionFlagsBits.ManageChannels;
      const poster = h.emulator.createMember({ username: 'poster' });
      const answered = await openPost(h, poster, 'Do my credits expire?');
      await openPost(h, poster, 'zzqx wwkk');
      await h.as(poster).press(answered.replies[0]!, 'faq-solved:credits-expire');
      h.bot.context.config.MOD_CHANNEL_ID = h.emulator.state.defaultChannel.id;
      await forumChores(h.bot.context);
      const sent = h.emulator.requests.filter((r) => r.status < 400 && r.method !== 'GET');
      expect(sent.some((r) => r.method === 'PATCH' && 'applied_tags' in (r.body as object))).toBe(
        true,
      );
      expect(schemaViolations(sent)).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
