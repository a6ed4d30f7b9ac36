import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { customIdsOf } from '../discord/custom-id.js';
import { MEMBER_PERMISSIONS, MODERATOR_PERMISSIONS, type Member } from '../emulator/state.js';
import type { StoredMessage } from '../emulator/state.js';
import type { LocalBot } from '../harness/local-bot.js';
import type { FaqLibrary } from '../sources/faq.js';
import type { Problem } from '../faq/problem.js';
import { AUTOCOMPLETED } from '../sandbox/parse-line.js';
import { memberNamed } from '../sandbox/sandbox.js';
import { parseBoxLine } from './box-line.js';
import { buildFeed, faqEntryOfCard, type Feed, type InteractionSummary } from './feed.js';
import type { Suggestions } from './wire.js';

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
    private readonly local: LocalBot,
    private readonly library: FaqLibrary,
    private readonly member: Member,
  ) {
    this.stopFollowing = library.onReload((result) => {
      this.problems = result.ok ? [] : result.problems;
    });
  }

  get moderator(): boolean {
    return this.member.permissions === MODERATOR_PERMISSIONS;
  }

  /** The moderator switch: Manage Messages in every channel, as a server moderator has. */
  setModerator(on: boolean): void {
    this.member.permissions = on ? MODERATOR_PERMISSIONS : MEMBER_PERMISSIONS;
  }

  /** What the bot suggests for the words typed so far; none for a line that is not a /faq, /docs or /model. */
  async suggest(line: string): Promise<Suggestions> {
    const typed = parseBoxLine(line);
    if (typed.kind !== 'card') return { choices: [] };
    const option = AUTOCOMPLETED[typed.command];
    const choices = await this.local.emulator.autocomplete({
      command: typed.command,
      member: this.member,
      focused: option,
      value: typed.text,
    });
    return { command: typed.command, option, choices };
  }

  /**
   * Submits the line as a slash command: `value` is the suggestion picked (its value, as Discord
   * sends it), or else the words as typed. Resolves once the bot has answered.
   */
  async send(line: string, value?: string): Promise<void> {
    const typed = parseBoxLine(line);
    if (typed.kind === 'invalid') throw new BoxError(typed.message);
    const { emulator } = this.local;
    if (typed.kind === 'admin') {
      const values: Record<string, unknown> = {};
      if (typed.sub === 'pin' || typed.sub === 'unpin') values.topic = typed.topic;
      if (typed.channel) {
        const channel = [...emulator.state.channels.values()].find((c) => c.name === typed.channel);
        if (!channel) throw new BoxError(`There is no channel #${typed.channel}.`);
        values.channel = channel.id;
      }
      if (typed.days !== undefined) values.days = typed.days;
      await emulator.command({
        command: 'faq-admin',
        subcommand: typed.sub,
        member: this.member,
        values,
      });
      return;
    }
    const option = AUTOCOMPLETED[typed.command];
    const chosen = value ?? typed.text;
    if (!chosen) throw new BoxError(`/${typed.command} needs its ${option}: type a few words.`);
    const values: Record<string, unknown> = { [option]: chosen };
    if (typed.options.mention)
      values.mention = memberNamed(this.local, typed.options.mention).user.id;
    if (typed.options.private !== undefined) values.private = typed.options.private;
    await emulator.command({ command: typed.command, member: this.member, values });
  }

  /** Presses a button of a message in the channel; only a button the message has. */
  async press(messageId: string, customId: string): Promise<void> {
    const { state } = this.local.emulator;
    const message = state.messages.get(messageId);
    if (!message || message.deleted || message.channel_id !== state.defaultChannel.id)
      throw new BoxError('That message is not in the channel any more.');
    if (!customIdsOf(message).includes(customId))
      throw new BoxError('That message has no such button.');
    await this.local.emulator.interact(
      state.componentInteraction({ member: this.member, message, customId }),
    );
  }

  feed(): Feed {
    const { state } = this.local.emulator;
    const channel = state.defaultChannel;
    return buildFeed({
      channel: channel.name,
      moderator: this.moderator,
      viewerId: this.member.user.id,
      messages: state.channelMessages(channel.id),
      users: new Map([...state.members.values()].map((m) => [m.user.id, m.user.username])),
      interactionOf: (id) => summarize(state.interactions.get(id)?.payload),
      entryOf: (message) => this.entryOf(message),
      faq: { dir: this.library.dir, get: (id) => this.library.get(id), problems: this.problems },
    });
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
