import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BOT_PERMISSIONS,
  MODERATOR_PERMISSIONS,
  type Member,
  type StoredMessage,
} from '../../src/emulator/state.js';
import { OUTDATED } from '../../src/bot/respond.js';
import {
  answerWithFaq,
  copyOfShippedFaq,
  replyOf,
  startTestBot,
  type TestBot,
} from '../helpers/local.js';

let faqDir: string;
let dataDir: string;
let h: TestBot;
/** The emulator outlives the bot restart below; closed last. */
let closeEmulator: () => Promise<void>;
let mod: Member;
let member: Member;

beforeAll(async () => {
  faqDir = await copyOfShippedFaq();
  dataDir = await mkdtemp(path.join(tmpdir(), 'faq-data-'));
  h = await startTestBot({ faqDir, dataDir, watchFaq: true });
  const { emulator } = h;
  closeEmulator = () => emulator.close();
  mod = h.emulator.createMember({ username: 'mod', permissions: MODERATOR_PERMISSIONS });
  member = h.emulator.createMember({ username: 'member' });
});
afterAll(async () => {
  await h?.close();
  await closeEmulator?.();
});

const admin = (
  who: Member,
  subcommand: string,
  values: Record<string, unknown> = {},
  channelId?: string,
) => h.as(who).run('faq-admin', values, { subcommand, channelId });
const faq = (who: Member, values: Record<string, unknown>, channelId?: string) =>
  h.as(who).run('faq', values, { channelId });
const reply = replyOf;
const channelCards = (channelId: string) =>
  h.emulator.state.channelMessages(channelId).filter((m) => !m.interactionId && m.author.bot);
const general = () => h.emulator.state.defaultChannel.id;

/** Rewrites one line of an entry file in the watched FAQ folder. */
async function editEntry(id: string, edit: (text: string) => string) {
  const file = path.join(faqDir, `${id}.md`);
  await writeFile(file, edit(await readFile(file, 'utf8')));
}

async function waitForEdit(message: StoredMessage, includes: string) {
  await vi.waitFor(
    () =>
      expect(JSON.stringify(h.emulator.state.messages.get(message.id)!.embeds)).toContain(includes),
    { timeout: 5000 },
  );
}

describe('/faq-admin pin', () => {
  let pinned: StoredMessage;

  it('given a moderator, then the card is posted as a channel message, pinned and recorded', async () => {
    const i = await admin(mod, 'pin', { topic: 'rate-limit' });
    const cards = channelCards(general());
    expect(cards).toHaveLength(1);
    pinned = cards[0]!;
    expect(pinned.pinned).toBe(true);
    expect(h.emulator.state.pins.get(general())).toEqual([pinned.id]);
    expect((pinned.embeds[0] as { title: string }).title).toBe('Is there a rate limit?');
    expect(h.store.findPin(general(), 'rate-limit')).toMatchObject({ messageId: pinned.id });
    expect(reply(i)).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(reply(i).content).toContain(
      `https://discord.com/channels/${h.emulator.state.guild.id}/${general()}/${pinned.id}`,
    );
  });

  it('given a member without Manage Messages, then a refusal and nothing is posted or pinned', async () => {
    const before = h.emulator.state.messages.size;
    const i = await admin(member, 'pin', { topic: 'invoice' });
    expect(reply(i)).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: expect.stringContaining('Only moderators'),
    });
    expect(h.emulator.state.messages.size).toBe(before + 1); // the ephemeral refusal only
    expect(h.store.findPin(general(), 'invoice')).toBeUndefined();
  });

  it('given a topic that matches nothing, then the moderator is told, with the topic shown as typed, and nothing is posted', async () => {
    const before = h.emulator.state.messages.size;
    const i = await admin(mod, 'pin', { topic: '**stickers** ' + 'x'.repeat(200) });
    expect(reply(i).flags).toBe(MessageFlags.Ephemeral);
    expect(reply(i).content).toMatch(/^No FAQ entry matches "\\\*\\\*stickers\\\*\\\* x+…"/);
    expect(h.emulator.state.messages.size).toBe(before + 1); // the ephemeral notice only
  });

  it('given a role listed in MOD_ROLE_IDS, then it counts as a moderator', async () => {
    const restarted = await startTestBot({ faqDir, env: { MOD_ROLE_IDS: '123456789012345678' } });
    try {
      const role = restarted.emulator.createRole({ name: 'helpers', id: '123456789012345678' });
      const roleMod = restarted.emulator.createMember({ username: 'helper', roles: [role.id] });
      const guild = restarted.bot.client.guilds.cache.first()!;
      await vi.waitFor(() => expect(guild.roles.cache.has(role.id)).toBe(true));
      const i = await restarted.emulator.command({
        command: 'faq-admin',
        subcommand: 'pin',
        member: roleMod,
        values: { topic: 'invoice' },
      });
      expect((await restarted.emulator.finalAnswer(i)).content).toContain('Pinned');
    } finally {
      await restarted.close();
    }
  });

  it('given the entry file is edited, then the pinned message is edited in place', async () => {
    await editEntry('rate-limit', (t) =>
      t.replace(
        'New accounts start at 2 concurrent requests.',
        'New accounts start at 3 concurrent requests.',
      ),
    );
    await waitForEdit(pinned, 'start at 3 concurrent');
    expect(channelCards(general())).toHaveLength(1);
  });

  it('given an invalid edit, then the old answer stays live and the pinned card untouched', async () => {
    const before = JSON.stringify(h.emulator.state.messages.get(pinned.id)!.embeds);
    await editEntry('rate-limit', (t) => t.replace('category: usage', 'category: [broken'));
    // Mended whatever happens: the tests after this one need a valid FAQ.
    try {
      await vi.waitFor(
        () =>
          expect(
            h.log.lines.some((l) => l.msg === 'FAQ reload refused: the previous FAQ keeps serving'),
          ).toBe(true),
        { timeout: 5000 },
      );
      const card = await faq(member, { topic: 'rate-limit', private: true });
      expect(JSON.stringify(reply(card).embeds)).toContain('start at 3 concurrent');
      expect(JSON.stringify(h.emulator.state.messages.get(pinned.id)!.embeds)).toBe(before);
      const refused = await admin(mod, 'reload');
      expect(refused.responses[0]!.type).toBe(
        InteractionResponseType.DeferredChannelMessageWithSource,
      );
      await vi.waitFor(() =>
        expect(refused.followups.length + (refused.original?.content ? 1 : 0)).toBeGreaterThan(0),
      );
      const text = refused.original?.content || refused.followups[0]!.content;
      expect(text).toContain('previous FAQ keeps serving');
      // Named inside the FAQ folder: where it sits on the host is not the moderator's concern.
      expect(text).toMatch(/\n• rate-limit\.md:\d+ \(front matter\)/);
      expect(text).not.toContain(faqDir);
    } finally {
      await editEntry('rate-limit', (t) => t.replace('category: [broken', 'category: usage'));
    }
  });

  it('given an entry removed from the FAQ, then its pinned card says so and is not deleted', async () => {
    await vi.waitFor(() => expect(h.library.get('rate-limit')?.category).toBe('usage'), {
      timeout: 5000,
    });
    const other = await admin(mod, 'pin', { topic: 'partner-api' }, general());
    expect(reply(other).content).toContain('Pinned');
    const partner = channelCards(general()).find((m) =>
      JSON.stringify(m.embeds).includes('Partner API'),
    )!;
    const { rm } = await import('node:fs/promises');
    await rm(path.join(faqDir, 'partner-api.md'));
    await waitForEdit(partner, 'No longer in the FAQ');
    expect(h.emulator.state.messages.get(partner.id)!.deleted).toBe(false);
  });

  it('given the bot restarts, then it still keeps the pins current', async () => {
    const { emulator, token } = h;
    await h.bot.stop();
    h.store.close();
    h = await startTestBot({ faqDir, dataDir, watchFaq: true, existing: { emulator, token } });
    await editEntry('rate-limit', (t) =>
      t.replace('start at 3 concurrent', 'start at 4 concurrent'),
    );
    await waitForEdit(pinned, 'start at 4 concurrent');
  });

  it('given the entry changes again while its pinned card is still being edited, then the card ends with the newest text', async () => {
    // Discord is slow to take the first edit, so the second FAQ change lands while it is in flight.
    h.emulator.delayNext({
      path: new RegExp(`/messages/${pinned.id}$`),
      method: 'PATCH',
      ms: 1500,
    });
    await editEntry('rate-limit', (t) =>
      t.replace('start at 4 concurrent', 'start at 5 concurrent'),
    );
    await vi.waitFor(() => expect(h.library.get('rate-limit')?.answer).toContain('start at 5'), {
      timeout: 5000,
    });
    await editEntry('rate-limit', (t) =>
      t.replace('start at 5 concurrent', 'start at 6 concurrent'),
    );
    await waitForEdit(pinned, 'start at 6 concurrent');
    const edits = h.emulator.requests.filter(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/messages/${pinned.id}`),
    );
    expect(JSON.stringify(edits.at(-2)?.body)).toContain('start at 5 concurrent');
  });

  it('given a pinned card or its whole channel deleted in Discord, then the next FAQ change forgets those pins instead of retrying them forever', async () => {
    const channelNamed = (name: string) => h.emulator.state.addChannel(name).id;
    const kept = channelNamed('kept');
    const messageGone = channelNamed('msg-gone');
    const channelGone = channelNamed('channel-gone');
    for (const channel of [kept, messageGone, channelGone])
      expect(reply(await admin(mod, 'pin', { topic: 'cold-starts', channel })).content).toContain(
        'Pinned',
      );
    channelCards(messageGone)[0]!.deleted = true;
    const keptCard = channelCards(kept)[0]!;
    h.emulator.state.channels.delete(channelGone);
    await editEntry('cold-starts', (t) => t.replace('is not charged.', 'is never charged.'));
    await waitForEdit(keptCard, 'is never charged.');
    await vi.waitFor(() => {
      expect(h.store.findPin(messageGone, 'cold-starts')).toBeUndefined();
      expect(h.store.findPin(channelGone, 'cold-starts')).toBeUndefined();
    });
    expect(h.store.findPin(kept, 'cold-starts')).toBeDefined();
    expect(
      h.log.lines.filter((l) => l.msg === 'could not update a pinned card; will retry'),
    ).toEqual([]);
  });

  it('given a pinned card unpinned or deleted by hand in Discord, then pinning it again restores it instead of linking a dead card', async () => {
    const channel = h.emulator.state.addChannel('by-hand').id;
    const pinAgain = async () => reply(await admin(mod, 'pin', { topic: 'invoice', channel }));
    expect((await pinAgain()).content).toContain('Pinned');
    const first = channelCards(channel)[0]!;

    first.pinned = false;
    h.emulator.state.pins.set(channel, []);
    expect((await pinAgain()).content).toContain(`already pinned in <#${channel}>`);
    expect(channelCards(channel)).toEqual([first]);
    expect(first.pinned).toBe(true);

    first.deleted = true;
    const restored = await pinAgain();
    const second = channelCards(channel).find((m) => !m.deleted)!;
    expect(second.id).not.toBe(first.id);
    expect(second.pinned).toBe(true);
    expect(restored.content).toContain(`Pinned **Can I switch to invoice-based billing?**`);
    expect(restored.content).toContain(`/${channel}/${second.id}`);
    expect(h.store.findPin(channel, 'invoice')).toMatchObject({ messageId: second.id });
  });

  it('given the same pin submitted twice at once, then one card is posted and the second is told it is already pinned', async () => {
    const channel = h.emulator.state.addChannel('double-submit').id;
    h.emulator.delayNext({
      method: 'POST',
      path: new RegExp(`^/channels/${channel}/messages$`),
      ms: 200,
    });
    const answers = await Promise.all(
      [mod, mod].map((who) => admin(who, 'pin', { topic: 'invoice', channel })),
    );
    const cards = channelCards(channel);
    expect(cards).toHaveLength(1);
    expect(h.store.findPin(channel, 'invoice')).toMatchObject({ messageId: cards[0]!.id });
    const contents = answers.map((i) => reply(i).content as string);
    expect(
      contents.filter((c) => c.startsWith('Pinned **Can I switch to invoice-based billing?**')),
    ).toHaveLength(1);
    expect(contents.filter((c) => c.includes('is already pinned'))).toHaveLength(1);
  });

  it('given the FAQ changes while a card is being pinned, then the new card is brought up to date too', async () => {
    const channel = h.emulator.state.addChannel('pinned-mid-change').id;
    const posting = h.emulator.delayNext({
      method: 'POST',
      path: new RegExp(`^/channels/${channel}/messages$`),
      ms: 1000,
    });
    const pinning = admin(mod, 'pin', { topic: 'invoice', channel });
    await posting.held;
    await editEntry('invoice', (t) =>
      t.replace('higher-volume customers', 'teams with steady volume'),
    );
    await admin(mod, 'reload');
    expect(reply(await pinning).content).toContain('Pinned');
    await waitForEdit(channelCards(channel)[0]!, 'teams with steady volume');
  });

  it('given a channel where the bot cannot pin, then the permission is named and no message is left behind', async () => {
    const locked = h.emulator.state.addChannel(
      'announcements',
      PermissionFlagsBits.ViewChannel |
        PermissionFlagsBits.SendMessages |
        PermissionFlagsBits.EmbedLinks,
    );
    const i = await admin(mod, 'pin', { topic: 'invoice', channel: locked.id });
    expect(reply(i).content).toContain('Pin Messages (or Manage Messages)');
    expect(channelCards(locked.id)).toEqual([]);
  });

  it('given a channel with 50 pins already, then the moderator is told', async () => {
    const full = h.emulator.state.addChannel('full');
    for (let n = 0; n < 50; n++) {
      const m = h.emulator.state.createMessage(full.id, { content: `m${n}` });
      h.emulator.state.pins.set(full.id, [...(h.emulator.state.pins.get(full.id) ?? []), m.id]);
    }
    const i = await admin(mod, 'pin', { topic: 'invoice', channel: full.id });
    expect(reply(i).content).toContain('already has 50 pinned messages');
  });

  it('given the bot lost the permission to unpin in a channel, then unpin stops keeping the card there and says to unpin it by hand', async () => {
    const channel = h.emulator.state.addChannel('locked-later');
    expect(
      reply(await admin(mod, 'pin', { topic: 'invoice', channel: channel.id })).content,
    ).toContain('Pinned');
    channel.botPermissions = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
    const i = await admin(mod, 'unpin', { topic: 'invoice', channel: channel.id });
    expect(reply(i).content).toContain('I no longer have the permission to unpin');
    expect(reply(i).content).toContain('Unpin it by hand');
    expect(h.store.findPin(channel.id, 'invoice')).toBeUndefined();
    expect(channelCards(channel.id)[0]!.pinned).toBe(true);
  });

  it('given the bot can no longer see a channel with a pinned card, then reload and stats name the card and what to do, and it heals once access is back', async () => {
    const channel = h.emulator.state.addChannel('hidden-later');
    expect(
      reply(await admin(mod, 'pin', { topic: 'credits-expire', channel: channel.id })).content,
    ).toContain('Pinned');
    const card = channelCards(channel.id)[0]!;
    channel.botPermissions = PermissionFlagsBits.SendMessages;
    await editEntry('credits-expire', (t) => t.replace('365 days from', 'one year from'));
    const stuck = `• **Do my credits expire?** in <#${channel.id}>: I can no longer see that channel: give me View Channel there again, or unpin the card to stop updating it.`;
    const reloaded = (await h.emulator.finalAnswer(await admin(mod, 'reload'))).content;
    expect(reloaded).toContain('1 pinned card(s) could not be updated; retrying in the background');
    expect(reloaded).toContain(stuck);
    const stats = async () => reply(await admin(mod, 'stats')).content as string;
    expect(await stats()).toMatch(/\*\*Pinned cards\*\*\n\d+ pinned, 1 not up to date:\n/);
    expect(await stats()).toContain(stuck);

    channel.botPermissions = BOT_PERMISSIONS;
    await admin(mod, 'reload');
    await waitForEdit(card, 'one year from');
    await vi.waitFor(async () =>
      expect(await stats()).toMatch(/\*\*Pinned cards\*\*\n\d+ pinned, all up to date\./),
    );
  });

  it('given unpin, then the card is unpinned and forgotten', async () => {
    const i = await admin(mod, 'unpin', { topic: 'rate-limit' });
    expect(reply(i).content).toContain('Unpinned');
    expect(h.emulator.state.messages.get(pinned.id)!.pinned).toBe(false);
    expect(h.store.findPin(general(), 'rate-limit')).toBeUndefined();
  });
});

describe('members', () => {
  it('given a public card, then it carries feedback buttons and votes are one per member, changeable', async () => {
    const help = h.emulator.state.addChannel('feedback').id;
    const i = await faq(member, { topic: 'invoice' }, help);
    const buttons = (reply(i).components[0].components as { custom_id?: string }[])
      .map((b) => b.custom_id)
      .filter(Boolean);
    expect(buttons).toEqual(['faq-fb:up:invoice', 'faq-fb:down:invoice']);
    const message = i.original!;
    const press = (customId: string) =>
      h.emulator.interact(h.emulator.state.componentInteraction({ member, message, customId }));
    expect(reply(await press('faq-fb:up:invoice'))).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: 'Thanks, noted as helpful.',
    });
    expect(reply(await press('faq-fb:down:invoice')).content).toBe(
      'Changed your vote to not helpful. Thanks!',
    );
    expect(
      h.store.stats(7, h.emulator.state.guild.id).feedback.find((f) => f.entryId === 'invoice'),
    ).toEqual({
      entryId: 'invoice',
      helpful: 0,
      notHelpful: 1,
    });
  });

  it('given the same card posted twice in a channel within the cooldown, then the second gets a pointer', async () => {
    const ch = h.emulator.state.addChannel('cooldown').id;
    const first = await faq(member, { topic: 'cold-starts' }, ch);
    const second = await faq(mod, { topic: 'cold-starts' }, ch);
    expect(reply(second).flags).toBe(MessageFlags.Ephemeral);
    expect(reply(second).content).toContain(`/${ch}/${first.original!.id}`);
    const elsewhere = await faq(member, { topic: 'cold-starts' });
    expect(reply(elsewhere).embeds[0].title).toBe('Do I pay for cold starts?');
  });

  it('given what the bot no longer has (a removed command, old buttons), then the member is still answered, privately', async () => {
    const removed = (
      type: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete,
    ) => {
      const payload = h.emulator.state.commandInteraction({
        type,
        command: 'faq',
        member,
        values: { topic: 'invoice' },
        focused: type === InteractionType.ApplicationCommandAutocomplete ? 'topic' : undefined,
      });
      (payload.data as { name: string }).name = 'faq-old';
      return h.emulator.interact(payload);
    };
    expect(reply(await removed(InteractionType.ApplicationCommand))).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: OUTDATED,
    });
    expect(h.log.lines.find((l) => String(l.msg).includes('deploy-commands'))).toMatchObject({
      level: 40,
      command: 'faq-old',
    });
    expect((await removed(InteractionType.ApplicationCommandAutocomplete)).responses[0]).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [] },
    });
    const message = (await faq(member, { topic: 'invoice' })).original!;
    for (const customId of ['faq-old-button:1', 'faq-fb:sideways:invoice', 'faq-answer:1:2:3']) {
      const pressed = await h.emulator.interact(
        h.emulator.state.componentInteraction({ member, message, customId }),
      );
      expect(reply(pressed)).toMatchObject({ flags: MessageFlags.Ephemeral, content: OUTDATED });
    }
  });

  it('given "Answer with FAQ" on a message, then the invoker picks an answer and it replies to that message, mentioning its author only', async () => {
    const asker = h.emulator.createMember({ username: 'the_asker_' });
    const question = h.emulator.state.memberMessage(
      asker,
      'my requests are stuck in the queue, is there some limit?',
    );
    const { menu, select, pick } = await answerWithFaq(h.emulator, mod, question);
    expect(reply(menu).flags).toBe(MessageFlags.Ephemeral);
    expect(reply(menu).content).toBe("Answer the\\_asker\\_'s message with:");
    expect(select.options[0]).toMatchObject({ value: 'rate-limit' });
    const picked = await pick('rate-limit');
    expect(picked.responses[0]!.type).toBe(InteractionResponseType.UpdateMessage);
    const answer = channelCards(general()).find(
      (m) => m.message_reference?.message_id === question.id,
    )!;
    expect(answer.content).toBe(`<@${asker.user.id}>`);
    expect(answer.resolved).toEqual({
      mentions: [asker.user.id],
      mention_roles: [],
      mention_everyone: false,
    });
    expect(answer.allowed_mentions).toEqual({ parse: [], users: [asker.user.id] });
  });

  it('given "Answer with FAQ" where the bot may not reply, then the invoker is told which permission is missing before picking', async () => {
    const readOnly = h.emulator.state.addChannel(
      'read-only',
      PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages,
    );
    const asker = h.emulator.createMember({ username: 'asker' });
    const question = h.emulator.state.memberMessage(asker, 'is there a rate limit?', readOnly.id);
    const menu = await h.emulator.interact(
      h.emulator.state.messageCommandInteraction({
        command: 'Answer with FAQ',
        member: mod,
        target: question,
      }),
    );
    expect(reply(menu)).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: expect.stringContaining(
        'I need the Embed Links, Read Message History permission here',
      ),
      components: [],
    });
    expect(channelCards(readOnly.id)).toEqual([]);
  });

  it('given a scripted session, then /faq-admin stats counts what was asked in the server, the gaps and the votes', async () => {
    const ch = h.emulator.state.addChannel('stats').id;
    for (const topic of ['invoice', 'invoice', 'github-code'])
      await faq(member, { topic, private: true }, ch);
    await faq(member, { topic: 'do you sell gift cards' }, ch);
    await faq(member, { topic: '[free credits](https://example.com/x) **now**' }, ch);
    // Asked in a DM with the bot: not this server's to see.
    await h.emulator.command({
      command: 'faq',
      member,
      values: { topic: 'do you sell stickers' },
      inDm: true,
    });
    const stats = reply(await admin(mod, 'stats', { days: 7 })).content as string;
    expect(stats).not.toContain('stickers');
    expect(h.store.stats(7, null).gaps).toEqual([
      { command: 'faq', query: 'do you sell stickers', count: 1 },
    ]);
    expect(stats).toMatch(/Most used\*\*\n\d+× Can I switch to invoice-based billing\?/);
    expect(stats).toContain('1× /faq "do you sell gift cards"');
    // What a member typed reaches the moderator as text, not as a disguised link.
    expect(stats).toContain('1× /faq "\\[free credits](https://example.com/x) \\*\\*now\\*\\*"');
    expect(stats).toContain('👍 0 👎 1  Can I switch to invoice-based billing?');
  });
});

describe('/faq-admin stats, long', () => {
  it('given gaps long enough to fill a message, then every section is still shown and the rest counted', async () => {
    for (let n = 0; n < 10; n++)
      h.store.recordUsage({
        guildId: h.emulator.state.guild.id,
        outcome: 'no-match',
        query: `${n} ${'why is my very long question not in the faq '.repeat(5)}`,
      });
    const stats = reply(await admin(mod, 'stats', { days: 7 })).content as string;
    expect(stats.length).toBeLessThanOrEqual(2000);
    expect(stats).toMatch(/…and \d+ more\.\n\n\*\*Feedback\*\*/);
    expect(stats).toMatch(/\*\*Pinned cards\*\*\n\d+ pinned/);
  });
});

describe('/faq-admin reload, long', () => {
  it('given more broken files than one message holds, then the problems shown are counted with the rest', async () => {
    const dir = await copyOfShippedFaq();
    const own = await startTestBot({ faqDir: dir });
    try {
      for (let n = 0; n < 40; n++)
        await writeFile(path.join(dir, `broken-${n}.md`), '---\nquestion: [unclosed\n---\nx\n');
      const i = await own.emulator.command({
        command: 'faq-admin',
        subcommand: 'reload',
        member: own.emulator.createMember({ username: 'm', permissions: MODERATOR_PERMISSIONS }),
        values: {},
      });
      const text = (await own.emulator.finalAnswer(i)).content as string;
      expect(text.length).toBeLessThanOrEqual(2000);
      expect(text).toMatch(
        /^The FAQ files have problems; the previous FAQ keeps serving:\n\n\*\*40 problem\(s\)\*\*\n• .*broken-\d+\.md:\d+ \(front matter\)/,
      );
      expect(text).toMatch(/\n…and \d+ more\.$/);
    } finally {
      await own.close();
    }
  });
});

describe('a failing database', () => {
  it('given the store fails, then members still get their answer and the failure is logged', async () => {
    const broken = await startTestBot({ faqDir });
    try {
      broken.store.close();
      const i = await broken.emulator.command({
        command: 'faq',
        member: broken.emulator.createMember({ username: 'x' }),
        values: { topic: 'invoice' },
      });
      expect((i.responses[0]!.data as { embeds: { title: string }[] }).embeds[0]!.title).toBe(
        'Can I switch to invoice-based billing?',
      );
      await vi.waitFor(() =>
        expect(broken.log.lines.some((l) => l.msg === 'could not record usage')).toBe(true),
      );
      expect(broken.log.lines.some((l) => l.msg === 'could not check the cooldown')).toBe(true);
    } finally {
      await broken.bot.stop();
      await broken.emulator.close();
    }
  });

  it('given the store fails when the FAQ changes, then the new FAQ serves, the moderator is told and the pin sync is retried', async () => {
    const dir = await copyOfShippedFaq();
    const broken = await startTestBot({ faqDir: dir, pinRetryMs: 50 });
    try {
      broken.store.close();
      const file = path.join(dir, 'invoice.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace('invoice', 'invoice (net 30)'));
      const i = await broken.emulator.command({
        command: 'faq-admin',
        subcommand: 'reload',
        member: broken.emulator.createMember({ username: 'm', permissions: MODERATOR_PERMISSIONS }),
        values: {},
      });
      const { content } = await broken.emulator.finalAnswer(i);
      expect(content).toContain('Reloaded');
      expect(content).toContain('Changed: invoice');
      expect(content).toContain('The pinned cards could not be updated');
      const failures = () =>
        broken.log.lines.filter((l) => l.msg === 'could not sync the pinned cards; will retry');
      await vi.waitFor(() => expect(failures().length).toBeGreaterThanOrEqual(2));
      expect(failures()[0]).toMatchObject({ level: 50, err: { message: expect.any(String) } });
    } finally {
      await broken.bot.stop();
      await broken.emulator.close();
    }
  });
});
