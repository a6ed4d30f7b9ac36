import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { MEMBER_PERMISSIONS, MODERATOR_PERMISSIONS } from '../emulator/state.js';
import type { StoredMessage } from '../emulator/state.js';
import type { Channel } from '../emulator/model.js';
import type { MemberDriver } from '../harness/member.js';
import { memberNamed, registeredCommands } from '../harness/member.js';
import type { FaqLibrary } from '../sources/faq.js';
import type { Problem } from '../faq/problem.js';
import { completions } from '../harness/command-line.js';
import { parseBoxLine } from './box-line.js';
import { buildFeed, faqEntryOfCard, type Feed, type InteractionSummary } from './feed.js';
import type { ForumPost, Suggestions } from './wire.js';

/** A select menu of a message, as its JSON has it. */
interface SelectJson {
  custom_id?: string;
  options?: { value: string }[];
}

/** Something the page asked for that cannot be done as asked: said back to the member as is. */
export class BoxError extends Error {}

/**
 * One member (you) in the emulated channel, driven from the web page: what they type, pick and
 * press goes to the real bot as Discord's client would send it, and `feed()` is the channel as
 * they see it. The FAQ's reloads are followed for the live preview.
 */
export class WebSession {
  private problems: readonly Problem[] = [];
  /** Each bot message's FAQ entry, decided when the message is first seen (its title may change later). */
  private readonly entries = new Map<string, string | undefined>();
  private readonly stopFollowing: () => void;

  constructor(
    private readonly you: MemberDriver,
    private readonly library: FaqLibrary,
  ) {
    this.stopFollowing = library.onReload((result) => {
      this.problems = result.ok ? [] : result.problems;
    });
  }

  get moderator(): boolean {
    return this.you.member.permissions === MODERATOR_PERMISSIONS;
  }

  /** The moderator switch: Manage Messages in every channel, as a server moderator has. */
  setModerator(on: boolean): void {
    this.you.member.permissions = on ? MODERATOR_PERMISSIONS : MEMBER_PERMISSIONS;
  }

  /** What the bot suggests for the words typed so far; none for a line whose command suggests nothing. */
  async suggest(line: string): Promise<Suggestions> {
    const commands = registeredCommands(this.you.emulator);
    const more = completions(line, commands);
    // Still typing a command's name, a subcommand or an option's name: those, as Discord lists them.
    if (more.length > 0) return { choices: [], completions: more };
    const typed = parseBoxLine(line, commands);
    if (typed.kind !== 'command' || !typed.autocompleted) return { choices: [] };
    const choices = await this.you.type(typed, { inDm: typed.dm === true });
    return { command: typed.command, option: typed.autocompleted, choices };
  }

  /**
   * Submits the line as a slash command: `value` is the suggestion picked (its value, as Discord
   * sends it), or else the words as typed. Resolves once the bot has answered.
   */
  async send(line: string, value?: string): Promise<void> {
    const typed = parseBoxLine(line, registeredCommands(this.you.emulator));
    if (typed.kind === 'invalid') throw new BoxError(typed.message);
    if (typed.kind === 'answer') return this.answerWith(typed.text);
    if (typed.kind === 'post') return this.openPost(typed.title, typed.body);
    if (typed.kind === 'say') return this.say(typed.text);
    // What is typed after /dm goes to the DM with the bot, and the page shows it.
    this.view = typed.dm ? 'dm' : 'channel';
    const option = typed.autocompleted;
    if (option && value !== undefined) typed.values[option] = value;
    if (option && !typed.subcommand && !typed.values[option])
      throw new BoxError(`/${typed.command} needs its ${option}: type a few words.`);
    try {
      await this.you.submit(typed, { inDm: typed.dm === true });
    } catch (error) {
      // What the emulator refuses (an unknown channel, a value out of bounds) is said back as is.
      throw new BoxError((error as Error).message);
    }
  }

  /**
   * You write `text` in the channel. A message AutoMod blocks is said next to the box, as Discord
   * tells its author, and the page switches to the DM where the bot says how to rotate the key.
   */
  private async say(text: string): Promise<void> {
    this.view = 'channel';
    const { blocked, dms } = await this.you.sayAndWait(text);
    if (!blocked) return;
    if (dms.length > 0) this.view = 'dm';
    throw new BoxError(
      `🛡️ AutoMod blocked your message (${blocked.rule}); nobody saw it.${blocked.why ? ` ${blocked.why}` : ''}`,
    );
  }

  /**
   * Someone (asker) posts `text` in the channel, and you use the bot's message command on it
   * (right-click → Apps → Answer with FAQ): its private menu shows in the channel.
   */
  private async answerWith(text: string): Promise<void> {
    this.view = 'channel';
    const message = memberNamed(this.you.emulator, 'asker');
    const posted = this.you.emulator.state.memberMessage(message, text);
    await this.you.useOn(posted);
  }

  /**
   * You open a post in the help forum: the page shows the post, and the bot's reply in it once
   * the bot says it handled the post (or it stayed silent).
   */
  private async openPost(title: string, body: string): Promise<void> {
    const forum = this.you.helpForum();
    if (!forum) throw new BoxError('This sandbox has no help forum.');
    const { thread } = await this.you.postAndWait(forum.id, title, body);
    this.post = thread.id;
    this.view = 'post';
  }

  /** The post opened last (`/post`): what the page shows in its 'post' view. */
  private post: string | undefined;

  /** A message shown on the page now: in the channel or DM in view, and not deleted. */
  private shownMessage(messageId: string): StoredMessage {
    const message = this.you.emulator.state.messages.get(messageId);
    if (!message || message.deleted || message.channel_id !== this.viewedChannel().id)
      throw new BoxError('That message is not in the channel any more.');
    return message;
  }

  /** Presses a button of a message in the channel; only a button the message has. */
  async press(messageId: string, customId: string): Promise<void> {
    const message = this.shownMessage(messageId);
    try {
      await this.you.press(message, customId);
    } catch (error) {
      throw new BoxError((error as Error).message);
    }
  }

  /** Chooses an option of a select menu of a message; only a menu the message has, and one of its options. */
  async choose(messageId: string, customId: string, value: string): Promise<void> {
    const message = this.shownMessage(messageId);
    const menu = (message.components as { components?: SelectJson[] }[])
      .flatMap((row) => row.components ?? [])
      .find((c) => c.custom_id === customId && Array.isArray(c.options));
    if (!menu || !menu.options!.some((o) => o.value === value))
      throw new BoxError('That message has no such menu or option.');
    await this.you.choose(message, customId, [value]);
  }

  /** What the page shows: #general, your DM with the bot, the help forum's posts, or one post. */
  private view: Feed['view'] = 'channel';

  /** Shows #general, the DM, the help forum, or (`post`) one of the forum's posts. */
  setView(view: Feed['view'], post?: string): void {
    if (view === 'post') {
      const thread = post ? this.you.emulator.state.channels.get(post) : undefined;
      if (!thread || thread.parentId !== this.you.helpForum()?.id)
        throw new BoxError('That post is not in the help forum.');
      this.post = thread.id;
    }
    if (view === 'forum' && !this.you.helpForum())
      throw new BoxError('This sandbox has no help forum.');
    this.view = view;
  }

  /** The help forum's posts, newest first, as its list shows them: title, who opened it, tags. */
  private posts(forum: Channel): ForumPost[] {
    const { state } = this.you.emulator;
    const tagNames = new Map((forum.availableTags ?? []).map((t) => [t.id, t.name]));
    return [...state.channels.values()]
      .filter((c) => c.parentId === forum.id)
      .reverse()
      .map((c) => ({
        id: c.id,
        title: c.name,
        author: state.members.get(c.ownerId ?? '')?.user.username ?? 'someone',
        tags: (c.appliedTags ?? []).flatMap((id) => tagNames.get(id) ?? []),
        messages: state.channelMessages(c.id).length,
      }));
  }

  private viewedChannel() {
    const { state } = this.you.emulator;
    if (this.view === 'post' && this.post && state.channels.has(this.post))
      return state.channel(this.post);
    return this.view === 'dm' ? state.dmChannel(this.you.member) : state.defaultChannel;
  }

  feed(): Feed {
    if (this.view === 'forum') {
      const forum = this.you.helpForum()!;
      return {
        ...buildFeed({ ...this.feedInput(), channel: forum.name, messages: [] }),
        view: 'forum',
        posts: this.posts(forum),
      };
    }
    return { ...buildFeed(this.feedInput()), view: this.view };
  }

  /** What `buildFeed` reads of the channel in view. */
  private feedInput(): Parameters<typeof buildFeed>[0] {
    const { state } = this.you.emulator;
    const channel = this.viewedChannel();
    return {
      channel:
        this.view === 'dm'
          ? `@${state.botUser.username}`
          : channel.parentId
            ? `${state.channel(channel.parentId).name} › ${channel.name}`
            : channel.name,
      dm: this.view === 'dm',
      moderator: this.moderator,
      viewerId: this.you.member.user.id,
      messages: state.channelMessages(channel.id),
      // Mentions of members and of channels are shown by name, as Discord shows them.
      users: new Map([
        ...[...state.members.values()].map((m) => [m.user.id, m.user.username] as const),
        ...[...state.channels.values()].map((c) => [c.id, c.name] as const),
      ]),
      interactionOf: (id) => summarize(state.interactions.get(id)?.payload),
      entryOf: (message) => this.entryOf(message),
      faq: { dir: this.library.dir, get: (id) => this.library.get(id), problems: this.problems },
    };
  }

  private entryOf(message: StoredMessage): string | undefined {
    if (!message.author.bot) return undefined;
    if (!this.entries.has(message.id))
      this.entries.set(message.id, faqEntryOfCard(message, this.library.index.entries));
    return this.entries.get(message.id);
  }

  close(): void {
    this.stopFollowing();
  }
}

/** Who ran which command, from the interaction's payload as the emulator sent it. */
function summarize(payload: Record<string, unknown> | undefined): InteractionSummary | undefined {
  if (!payload) return undefined;
  const p = payload as {
    type: number;
    member?: { user: { id: string } };
    user?: { id: string };
    data?: { name?: string; options?: { name: string; type: number }[] };
  };
  const sub = p.data?.options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  return {
    type: p.type,
    ...(p.data?.name ? { name: sub ? `${p.data.name} ${sub.name}` : p.data.name } : {}),
    ...((p.member?.user ?? p.user) ? { userId: (p.member?.user ?? p.user)!.id } : {}),
  };
}
