import { ApplicationCommandType, ChannelType } from 'discord-api-types/v10';
import { customIdsOf } from '../discord/custom-id.js';
import { forumEvents, type PostHandled } from '../bot/forum.js';
import type { DiscordEmulator, MessageLike } from '../emulator/emulator.js';
import type { Member, StoredInteraction, StoredMessage } from '../emulator/state.js';
import type { CommandJson, TypedCommand, TypedValue } from './command-line.js';

/** What a member's command came to: the interaction, what they were finally answered, what the bot posted meanwhile. */
export interface Submitted {
  interaction: StoredInteraction;
  /** The reply, or for a deferred one what completed it. */
  answer: MessageLike;
  /** Messages the bot posted in channels outside the reply (a pinned card, a reply to a message). */
  posted: StoredMessage[];
}

/** The emulated member called `name`, who joins the server the first time they are named. */
export function memberNamed(emulator: DiscordEmulator, name: string): Member {
  const existing = [...emulator.state.members.values()].find((m) => m.user.username === name);
  return existing ?? emulator.createMember({ username: name });
}

/** The commands the bot registered with the emulator (its guild's, then global ones), as Discord's JSON. */
export function registeredCommands(emulator: DiscordEmulator): CommandJson[] {
  const { state } = emulator;
  return [...(state.guildCommands.get(state.guild.id) ?? []), ...state.globalCommands];
}

/**
 * One member of the emulated server, doing what a member does in Discord's client: types into a
 * command's autocompleted option, submits a command, presses a button, chooses from a menu,
 * uses a message command on someone's message, writes in a channel. The terminal sandbox, the web
 * page, the end-to-end tests and the benchmarks all act through it.
 */
export class MemberDriver {
  constructor(
    readonly emulator: DiscordEmulator,
    readonly member: Member,
  ) {}

  /** The choices the bot suggests for what is typed so far into the command's autocompleted option. */
  async type(
    typed: TypedCommand,
    where: { inDm?: boolean; channelId?: string } = {},
  ): Promise<{ name: string; value: string | number }[]> {
    if (!typed.autocompleted) throw new Error(`/${typed.command} suggests nothing as you type`);
    const values = this.resolve(typed.values);
    return this.emulator.autocomplete({
      command: typed.command,
      ...(typed.subcommand ? { subcommand: typed.subcommand } : {}),
      member: this.member,
      focused: typed.autocompleted,
      value: String(values[typed.autocompleted] ?? ''),
      others: Object.fromEntries(
        Object.entries(values).filter(([name]) => name !== typed.autocompleted),
      ),
      ...where,
    });
  }

  /** Submits the command; resolves once the bot has finally answered it. */
  async submit(
    typed: TypedCommand,
    where: { inDm?: boolean; channelId?: string } = {},
  ): Promise<Submitted> {
    const before = new Set(this.emulator.state.messages.keys());
    const interaction = await this.emulator.command({
      command: typed.command,
      ...(typed.subcommand ? { subcommand: typed.subcommand } : {}),
      member: this.member,
      values: this.resolve(typed.values),
      ...where,
    });
    const answer = await this.emulator.finalAnswer(interaction);
    return { interaction, answer, posted: this.postedSince(before) };
  }

  /** Types `text` into the autocompleted option of `/command` (as registered): the choices the bot suggests. */
  suggest(
    command: string,
    text: string,
    where: { inDm?: boolean; channelId?: string } = {},
  ): Promise<{ name: string; value: string | number }[]> {
    const registered = registeredCommands(this.emulator).find((c) => c.name === command);
    const option = registered?.options?.find((o) => o.autocomplete)?.name;
    if (!option) throw new Error(`/${command} suggests nothing as you type`);
    return this.type(
      { kind: 'command', command, values: { [option]: text }, autocompleted: option },
      where,
    );
  }

  /**
   * Submits `/command` with option values as Discord sends them (ids for members and channels);
   * resolves with the interaction once the bot has finally answered it (a deferred reply completed).
   */
  async run(
    command: string,
    values: Record<string, unknown>,
    where: { subcommand?: string; inDm?: boolean; channelId?: string } = {},
  ): Promise<StoredInteraction> {
    const interaction = await this.emulator.command({
      command,
      member: this.member,
      values,
      ...where,
    });
    await this.emulator.finalAnswer(interaction);
    return interaction;
  }

  /** Presses a button of a message; only a button the message has. */
  async press(message: StoredMessage, customId: string): Promise<StoredInteraction> {
    if (!customIdsOf(message).includes(customId))
      throw new Error('That message has no such button.');
    return this.emulator.interact(
      this.emulator.state.componentInteraction({ member: this.member, message, customId }),
    );
  }

  /** Chooses `values` from a select menu of a message; resolves with what the bot posted meanwhile too. */
  async choose(
    message: StoredMessage,
    customId: string,
    values: string[],
  ): Promise<{ interaction: StoredInteraction; posted: StoredMessage[] }> {
    const before = new Set(this.emulator.state.messages.keys());
    const interaction = await this.emulator.interact(
      this.emulator.state.componentInteraction({ member: this.member, message, customId, values }),
    );
    return { interaction, posted: this.postedSince(before) };
  }

  /** Uses a message command (right-click → Apps) on `target`: the first registered one unless named. */
  async useOn(target: StoredMessage, name?: string): Promise<StoredInteraction> {
    const command =
      name ??
      registeredCommands(this.emulator).find((c) => c.type === ApplicationCommandType.Message)
        ?.name;
    if (!command) throw new Error('The bot registered no message command.');
    return this.emulator.interact(
      this.emulator.state.messageCommandInteraction({ command, member: this.member, target }),
    );
  }

  /** Writes `content` in a channel (the default one unless named), as this member. */
  say(content: string, channelId?: string): StoredMessage {
    return this.emulator.say(this.member, content, channelId);
  }

  /**
   * Writes `content` in the default channel and, when AutoMod blocks it, waits (at most
   * `timeoutMs`) for what the bot says about it in a DM. The bot keeps its key guard rule in the
   * background after start-up: a first message written at once waits for a rule to exist.
   */
  async sayAndWait(
    content: string,
    timeoutMs = 3000,
  ): Promise<{
    message: StoredMessage;
    blocked?: { rule: string; why?: string };
    dms: StoredMessage[];
  }> {
    const { state } = this.emulator;
    await until(() => state.autoModRules.size > 0, timeoutMs);
    const dm = state.dmChannel(this.member);
    const before = state.channelMessages(dm.id).length;
    const message = this.say(content);
    if (!message.deleted) return { message, dms: [] };
    const rule = [...state.autoModRules.values()].find((r) => r.actions.some((a) => a.type === 1));
    const why = rule?.actions.find((a) => a.type === 1)?.metadata?.custom_message;
    await until(() => state.channelMessages(dm.id).length > before, timeoutMs);
    return {
      message,
      blocked: { rule: rule?.name ?? 'AutoMod', ...(why ? { why } : {}) },
      dms: state.channelMessages(dm.id).slice(before),
    };
  }

  /** The server's help forum as the sandboxes show it: its first forum channel, if it has one. */
  helpForum() {
    return [...this.emulator.state.channels.values()].find(
      (c) => c.type === ChannelType.GuildForum,
    );
  }

  /** Opens a post in a forum (`| body` after the title, in the sandboxes); resolves with the thread. */
  post(forumId: string, title: string, body = '', tags: string[] = []) {
    return this.emulator.openPost(this.member, forumId, title, body, tags);
  }

  /**
   * Opens a post and waits until the bot says it handled it (at most `timeoutMs`): the thread,
   * what the bot did (undefined when it said nothing in time) and its messages in the post.
   */
  async postAndWait(forumId: string, title: string, body = '', timeoutMs = 10_000) {
    let threadId = '';
    const handled = new Promise<PostHandled | undefined>((resolve) => {
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const done = (h: PostHandled | undefined) => {
        clearTimeout(timer);
        forumEvents.off('handled', onHandled);
        resolve(h);
      };
      const onHandled = (h: PostHandled) => {
        if (h.threadId === threadId) done(h);
      };
      forumEvents.on('handled', onHandled);
    });
    const { thread } = this.post(forumId, title, body);
    threadId = thread.id;
    const outcome = await handled;
    const replies = this.emulator.state
      .channelMessages(thread.id)
      .filter((m) => m.author.id === this.emulator.state.botUser.id);
    return { thread, outcome, replies };
  }

  /** Names typed for members and channels, as the ids Discord sends. */
  private resolve(values: Record<string, TypedValue>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(values).map(([name, value]) => {
        if (typeof value !== 'object') return [name, value];
        if ('user' in value) return [name, memberNamed(this.emulator, value.user).user.id];
        const channels = [...this.emulator.state.channels.values()];
        const channel = channels.find((c) => c.name === value.channel);
        if (!channel)
          throw new Error(
            `No channel #${value.channel}; there are ${channels.map((c) => `#${c.name}`).join(', ')}.`,
          );
        return [name, channel.id];
      }),
    );
  }

  /** Messages the bot posted since `before`, outside interaction replies. */
  private postedSince(before: ReadonlySet<string>): StoredMessage[] {
    return [...this.emulator.state.messages.values()].filter(
      (m) => !before.has(m.id) && !m.interactionId && m.author.bot,
    );
  }
}

/** Whether `done` came true within `ms` (checked every 20 ms). */
async function until(done: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; !done();) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
