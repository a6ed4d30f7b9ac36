import {
  ApplicationCommandType,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OUTDATED } from '../../src/bot/respond.js';
import { POLITE_ERROR } from '../../src/bot/errors.js';
import {
  MEMBER_PERMISSIONS,
  MODERATOR_PERMISSIONS,
  type Member,
  type StoredInteraction,
} from '../../src/emulator/state.js';
import { answerWithFaq, replyOf, startTestBot, type TestBot } from '../helpers/local.js';

let h: TestBot;
let member: Member;

beforeAll(async () => {
  h = await startTestBot({
    env: { MEMBER_CARD_LIMIT: '4', MEMBER_MENTION_LIMIT: '2', MEMBER_LIMIT_WINDOW_SECONDS: '600' },
  });
  member = h.emulator.createMember({ username: 'member' });
});
afterAll(async () => h?.close());

const VIEW_ONLY = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;
const faq = (who: Member, values: Record<string, unknown>, channelId?: string) =>
  h.as(who).run('faq', values, { channelId });
const admin = (
  who: Member,
  subcommand: string,
  values: Record<string, unknown>,
  channelId?: string,
) => h.as(who).run('faq-admin', values, { subcommand, channelId });
/** The cards the bot posted in a channel as channel messages or public replies. */
const publicCards = (channelId: string) =>
  h.emulator.state
    .channelMessages(channelId)
    .filter((m) => m.author.bot && m.embeds.length > 0 && (m.flags & MessageFlags.Ephemeral) === 0);
const newChannel = (name: string) => h.emulator.state.addChannel(name).id;

describe('who may make the bot speak', () => {
  it('given a member who may only read a channel, then Answer with FAQ refuses privately and posts nothing', async () => {
    const announcements = newChannel('announcements');
    const reader = h.emulator.createMember({ username: 'reader' });
    h.emulator.setChannelPermissions(announcements, reader, VIEW_ONLY);
    const asker = h.emulator.createMember({ username: 'asker' });
    const question = h.emulator.state.memberMessage(asker, 'is there a rate limit?', announcements);
    const menu = await h.emulator.interact(
      h.emulator.state.messageCommandInteraction({
        command: 'Answer with FAQ',
        member: reader,
        target: question,
      }),
    );
    expect(replyOf(menu)).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: expect.stringContaining("You can't send messages in this channel"),
    });
    expect(publicCards(announcements)).toHaveLength(0);
  });

  it('given a member who may not send in a channel, then /faq shows the card to them only', async () => {
    const announcements = newChannel('announcements-2');
    const reader = h.emulator.createMember({ username: 'reader2' });
    h.emulator.setChannelPermissions(announcements, reader, VIEW_ONLY);
    const i = await faq(reader, { topic: 'invoice' }, announcements);
    expect(replyOf(i).flags).toBe(MessageFlags.Ephemeral);
    expect(replyOf(i).embeds[0].title).toBeDefined();
    expect(publicCards(announcements)).toHaveLength(0);
  });

  it('given Answer with FAQ for a card just posted in the channel, then the cooldown links to it instead', async () => {
    const help = newChannel('help-cooldown');
    const asker = h.emulator.createMember({ username: 'asker2' });
    const helper = h.emulator.createMember({ username: 'helper' });
    const first = await faq(member, { topic: 'rate-limit' }, help);
    const question = h.emulator.state.memberMessage(asker, 'is there a rate limit?', help);
    const { pick } = await answerWithFaq(h.emulator, helper, question);
    const picked = await pick('rate-limit');
    expect(JSON.stringify(replyOf(picked))).toContain(first.original!.id);
    expect(publicCards(help)).toHaveLength(1);
  });

  it('given a moderator of one channel only, then pin and unpin act in that channel and are refused in others', async () => {
    const theirs = newChannel('their-channel');
    const other = newChannel('other-channel');
    const channelMod = h.emulator.createMember({ username: 'channel-mod' });
    h.emulator.setChannelPermissions(theirs, channelMod, MODERATOR_PERMISSIONS);
    // Typed in their own channel, aimed at the other one.
    const refused = await admin(channelMod, 'pin', { topic: 'invoice', channel: other }, theirs);
    expect(replyOf(refused).content).toContain(`Only moderators of <#${other}>`);
    expect(h.store.findPin(other, 'invoice')).toBeUndefined();
    expect(h.emulator.state.pins.get(other) ?? []).toHaveLength(0);
    // Typed elsewhere, aimed at their own channel.
    const pinned = await admin(channelMod, 'pin', { topic: 'invoice', channel: theirs }, other);
    expect(replyOf(pinned).content).toContain('Pinned');
    expect(h.store.findPin(theirs, 'invoice')).toBeDefined();
  });

  it('given a server-wide moderator denied Manage Messages in one channel, then pinning there is refused', async () => {
    const locked = newChannel('locked');
    const mod = h.emulator.createMember({ username: 'mod', permissions: MODERATOR_PERMISSIONS });
    h.emulator.setChannelPermissions(locked, mod, MEMBER_PERMISSIONS);
    const i = await admin(mod, 'unpin', { topic: 'invoice', channel: locked });
    expect(replyOf(i).content).toContain(`Only moderators of <#${locked}>`);
  });
});

describe('custom_ids prove nothing', () => {
  const press = (who: Member, message: StoredInteraction['original'], customId: string) =>
    h.emulator.interact(
      h.emulator.state.componentInteraction({ member: who, message: message!, customId }),
    );

  it('given a vote for an entry the card does not carry or the FAQ does not have, then no vote is recorded', async () => {
    const ch = newChannel('votes');
    const card = (await faq(member, { topic: 'invoice' }, ch)).original!;
    for (const forged of ['faq-fb:up:made-up-entry', 'faq-fb:up:rate-limit']) {
      expect(replyOf(await press(member, card, forged))).toMatchObject({ content: OUTDATED });
    }
    const votes = h.store.stats(7, h.emulator.state.guild.id).feedback.map((f) => f.entryId);
    expect(votes).not.toContain('made-up-entry');
    expect(votes).not.toContain('rate-limit');
    // The real button still counts.
    expect(replyOf(await press(member, card, 'faq-fb:up:invoice')).content).toContain('helpful');
  });

  it("given someone else's Answer with FAQ menu, or one naming a message elsewhere, then nothing is posted and nobody is pinged", async () => {
    const ch = newChannel('menus');
    const elsewhere = newChannel('menus-elsewhere');
    const asker = h.emulator.createMember({ username: 'asker3' });
    const victim = h.emulator.createMember({ username: 'victim' });
    const intruder = h.emulator.createMember({ username: 'intruder' });
    const question = h.emulator.state.memberMessage(asker, 'do my credits expire?', ch);
    const far = h.emulator.state.memberMessage(victim, 'hello', elsewhere);
    const { menu, select } = await answerWithFaq(h.emulator, member, question);
    const choose = (who: Member, customId: string) =>
      h.emulator.interact(
        h.emulator.state.componentInteraction({
          member: who,
          message: menu.original!,
          customId,
          values: ['credits-expire'],
        }),
      );
    expect(replyOf(await choose(intruder, select.custom_id)).content).toBe(OUTDATED);
    // The old shape, which named the channel and the member to ping.
    expect(
      replyOf(await choose(member, `faq-answer:${elsewhere}:${far.id}:${victim.user.id}`)).content,
    ).toBe(OUTDATED);
    // A message of another channel is not in this one.
    expect(replyOf(await choose(member, `faq-answer:${far.id}`)).content).toContain(
      'no longer there',
    );
    expect(publicCards(ch)).toHaveLength(0);
    expect(publicCards(elsewhere)).toHaveLength(0);
    const pinged = [...h.emulator.state.messages.values()].filter((m) =>
      m.resolved.mentions.includes(victim.user.id),
    );
    expect(pinged).toHaveLength(0);
  });
});

describe('how often', () => {
  it('given one member asking for many cards that mention someone, then only their mention budget pings and the rest is private', async () => {
    const spammer = h.emulator.createMember({ username: 'spammer' });
    const victim = h.emulator.createMember({ username: 'victim2' });
    const answers: StoredInteraction[] = [];
    for (const topic of ['invoice', 'rate-limit', 'cold-starts', 'credits-expire', 'partner-api']) {
      answers.push(
        await faq(spammer, { topic, mention: victim.user.id }, newChannel(`spam-${topic}`)),
      );
    }
    const pings = [...h.emulator.state.messages.values()].filter(
      (m) =>
        m.resolved.mentions.includes(victim.user.id) && (m.flags & MessageFlags.Ephemeral) === 0,
    );
    expect(pings).toHaveLength(2);
    const privately = answers.slice(2).map((i) => replyOf(i));
    for (const body of privately) {
      expect(body.flags).toBe(MessageFlags.Ephemeral);
      expect(body.content).toContain('2 answers that mention someone');
    }
  });

  it('given one member asking for more public cards than the budget, then the rest come privately', async () => {
    const eager = h.emulator.createMember({ username: 'eager' });
    const topics = [
      'invoice',
      'rate-limit',
      'cold-starts',
      'credits-expire',
      'partner-api',
      'invoice',
    ];
    const answers = [];
    for (const topic of topics)
      answers.push(replyOf(await faq(eager, { topic }, newChannel(`eager-${answers.length}`))));
    expect(answers.filter((a) => (a.flags & MessageFlags.Ephemeral) === 0)).toHaveLength(4);
    expect(answers[4]).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: expect.stringContaining('4 public answers'),
    });
    expect(answers[4]!.embeds).toHaveLength(1);
  });

  it('given five members asking for the same card in the same channel at the same instant, then one public card and four private links to it', async () => {
    const ch = newChannel('stampede');
    const members = [1, 2, 3, 4, 5].map((n) => h.emulator.createMember({ username: `m${n}` }));
    const pending = members.map((m) =>
      h.emulator.dispatchInteraction(
        h.emulator.state.commandInteraction({
          type: InteractionType.ApplicationCommand,
          command: 'faq',
          member: m,
          values: { topic: 'cold-starts' },
          channelId: ch,
        }),
      ),
    );
    await Promise.all(pending.map((i) => i.firstResponse));
    const cards = publicCards(ch);
    expect(cards).toHaveLength(1);
    const links = pending
      .map((i) => replyOf(i))
      .filter((b) => (b.flags & MessageFlags.Ephemeral) === MessageFlags.Ephemeral);
    expect(links).toHaveLength(4);
    for (const link of links) expect(link.content).toContain(`/${ch}/${cards[0]!.id}`);
  });
});

describe('nothing answered silently wrong or not at all', () => {
  it('given a /faq-admin subcommand the bot does not have, then it is refused and stats are not shown', async () => {
    const mod = h.emulator.createMember({ username: 'mod2', permissions: MODERATOR_PERMISSIONS });
    const payload = h.emulator.state.commandInteraction({
      type: InteractionType.ApplicationCommand,
      command: 'faq-admin',
      subcommand: 'stats',
      member: mod,
      values: {},
    });
    (payload.data as { options: { name: string }[] }).options[0]!.name = 'bogus';
    const i = await h.emulator.interact(payload);
    expect(replyOf(i)).toMatchObject({ flags: MessageFlags.Ephemeral, content: OUTDATED });
  });

  it('given a user context menu the bot does not have, then the member is answered and it is logged', async () => {
    const payload = h.emulator.state.commandInteraction({
      type: InteractionType.ApplicationCommand,
      command: 'faq',
      member,
      values: { topic: 'invoice' },
    });
    Object.assign(payload.data as object, {
      type: ApplicationCommandType.User,
      options: undefined,
      target_id: member.user.id,
      resolved: { users: { [member.user.id]: member.user } },
    });
    const i = await h.emulator.interact(payload);
    expect(replyOf(i)).toMatchObject({ flags: MessageFlags.Ephemeral, content: OUTDATED });
    expect(h.log.lines.some((l) => l.level === 40 && l.command === 'faq')).toBe(true);
  });

  it('given an interaction with neither member nor user, then it is logged, answered politely, and the bot keeps serving', async () => {
    const payload = h.emulator.state.commandInteraction({
      type: InteractionType.ApplicationCommand,
      command: 'faq',
      member,
      values: { topic: 'invoice' },
    });
    delete payload.member;
    const i = await h.emulator.interact(payload);
    expect(replyOf(i)).toMatchObject({ flags: MessageFlags.Ephemeral, content: POLITE_ERROR });
    await vi.waitFor(() =>
      expect(h.log.lines.some((l) => String(l.msg).includes('without member or user'))).toBe(true),
    );
    expect((await faq(member, { topic: 'invoice', private: true })).responses).toHaveLength(1);
  });

  it('given a Discord error on an interaction callback, then the logged error carries no interaction token', async () => {
    h.emulator.failNext({
      method: 'POST',
      path: /^\/interactions\/\d+\/[^/]+\/callback$/,
      status: 400,
      code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
      message: 'Invalid Form Body',
    });
    const i = await faq(member, { topic: 'invoice', private: true });
    await vi.waitFor(() =>
      expect(h.log.lines.some((l) => l.msg === 'interaction handler failed')).toBe(true),
    );
    const logged = h.log.raw.join('\n');
    expect(logged).toContain(`/interactions/${i.id}/[REDACTED]/callback`);
    expect(logged).not.toContain(i.token);
  });

  it('given a global 429 longer than the interaction can wait, then the loss is logged at warn at once', async () => {
    h.emulator.failNext({
      method: 'POST',
      path: /^\/interactions\/\d+\/[^/]+\/callback$/,
      status: 429,
      retryAfter: 30,
      global: true,
    });
    const pending = h.emulator.dispatchInteraction(
      h.emulator.state.commandInteraction({
        type: InteractionType.ApplicationCommand,
        command: 'faq',
        member,
        values: { topic: 'invoice', private: true },
      }),
    );
    await vi.waitFor(
      () =>
        expect(
          h.log.lines.find((l) => String(l.msg).includes('rate limit outlasts')),
        ).toMatchObject({
          level: 40,
          interactionId: pending.id,
        }),
      { timeout: 2000 },
    );
  });
});
