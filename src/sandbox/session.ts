import { MessageFlags } from 'discord-api-types/v10';
import type { MessageBody } from '../cards/render.js';
import { cardToText, choicesToText } from '../cards/terminal.js';
import { customIdsOf } from '../discord/custom-id.js';
import type { StoredMessage } from '../emulator/state.js';
import {
  commandHelp,
  mainOption,
  type CommandJson,
  type TypedCommand,
  type TypedValue,
} from '../harness/command-line.js';
import {
  memberNamed,
  registeredCommands,
  type MemberDriver,
  type Submitted,
} from '../harness/member.js';
import {
  ANSWER_NEEDS_TEXT,
  defaultCommand,
  SAY_NEEDS_TEXT,
  type SandboxLine,
} from './parse-line.js';

/** How long `/post` waits for the bot to say it handled the post. */
const POST_WAIT_MS = 10_000;
/** How long `/say` waits for the bot's key guard rule (kept at start-up) and for its DM. */
const SAY_WAIT_MS = 3_000;

/** The sandbox's help: its own words, then every registered command as its JSON describes it. */
export function sandboxHelp(commands: readonly CommandJson[]): string {
  const fallback = defaultCommand(commands);
  const main = fallback && mainOption(fallback.options ?? [])?.name;
  return [
    fallback
      ? `Type what a member would type into /${fallback.name}'s ${main}, and see the suggestions.`
      : 'Type a command as a member would.',
    `  <words>                         autocomplete: what the bot suggests${fallback ? ` for /${fallback.name}` : ''}`,
    '  <number> [option:value …]       pick suggestion N: the card the bot posts (options typed',
    '                                  with the words count too)',
    '  /<command> <words> [option:value …]',
    `                                  submit it as typed${fallback ? `; for a command that suggests (but /${fallback.name}),` : ''}`,
    '                                  see its suggestions, then <number> posts one',
    '  👍 or up, 👎 or down            press Helpful / Not helpful under the last public card',
    '  /say <message>                  you write <message> in the channel (AutoMod may block it)',
    '  /answer <message>               someone posts <message>; you use "Answer with FAQ" on it,',
    '                                  then <number> replies to it with that card',
    '  /dm <line>                      the same line, in your DM with the bot',
    '  /post <title> [| <message>]     you open a post in the help forum; the bot answers it there',
    'The commands (moderator tools need npm start -- --as-moderator):',
    ...commandHelp(commands),
    '  help                            this text',
    '  quit                            leave (Ctrl+D works too)',
    'npm start -- --web shows the same sandbox in your browser, as Discord draws it.',
  ].join('\n');
}

/** What the member at the terminal does, and what they see of it, one line at a time. */
export class SandboxSession {
  private choices: { name: string; value: string | number }[] = [];
  /** The last public card the bot posted here: what 👍 and 👎 press. */
  private lastCard: StoredMessage | undefined;
  /** An open Answer-with-FAQ menu: a number picks from it. */
  private menu: { message: StoredMessage; customId: string; values: string[] } | undefined;
  /** The command the suggestions on screen came from, as typed: a number picks for it. */
  private suggested: { typed: TypedCommand; dm: boolean } | undefined;

  constructor(
    private readonly member: MemberDriver,
    private readonly write: (text: string) => void,
    private readonly columns: () => number = () => 80,
  ) {}

  private get emulator() {
    return this.member.emulator;
  }

  commands(): CommandJson[] {
    return registeredCommands(this.emulator);
  }

  private text(body: MessageBody): string {
    const names = new Map(
      [...this.emulator.state.members.values()].map((m) => [m.user.id, m.user.username]),
    );
    return cardToText(body, names, this.columns());
  }

  /** `<#id>` as Discord shows it: `#name`. */
  private readable(text: string): string {
    const { channels } = this.emulator.state;
    return text.replace(/<#(\d+)>/g, (m, id: string) =>
      channels.has(id) ? `#${channels.get(id)!.name}` : m,
    );
  }

  async interactive(line: SandboxLine): Promise<void> {
    switch (line.kind) {
      case 'empty':
      case 'quit':
        return;
      case 'help':
        return this.write(sandboxHelp(this.commands()));
      case 'invalid':
        return this.write(line.message);
      case 'pick':
        return this.menu ? this.pickAnswer(line.index) : this.pick(line.index, line.options);
      case 'vote':
        return this.vote(line.helpful);
      case 'say':
        return this.say(line.text);
      case 'answer':
        return this.answerWith(line.text);
      case 'post':
        return this.post(line.title, line.body);
      case 'query':
        return this.suggest(line.typed, line.dm);
      case 'submit':
        return this.submit(line.typed, line.dm);
    }
  }

  /**
   * Piped input: each line echoed as typed, then answered as at the prompt, except that a
   * query also shows the card of its first suggestion (nobody is there to pick one).
   */
  async piped(line: SandboxLine, raw: string): Promise<void> {
    if (line.kind === 'empty') return;
    this.write(`> ${raw.trim()}`);
    await this.interactive(line);
    if (line.kind === 'query' && this.choices[0]) await this.pick(1, {});
  }

  private async suggest(typed: TypedCommand, dm: boolean): Promise<void> {
    this.suggested = { typed, dm };
    this.menu = undefined;
    this.choices = await this.member.type(typed, { inDm: dm });
    if (dm) this.write('(in your DM with the bot)');
    this.write(choicesToText(this.choices));
  }

  private async pick(index: number, options: Record<string, TypedValue>): Promise<void> {
    const choice = this.choices[index - 1];
    if (!choice || !this.suggested)
      return this.write(
        this.choices.length === 0
          ? `No suggestion ${index}: type a question first, then pick one of its numbers.`
          : `No suggestion ${index}: there ${this.choices.length === 1 ? 'is 1 suggestion' : `are ${this.choices.length} suggestions`}; pick 1${this.choices.length > 1 ? `–${this.choices.length}` : ''}.`,
      );
    const { typed, dm } = this.suggested;
    await this.submit(
      {
        ...typed,
        values: { ...typed.values, ...options, [typed.autocompleted!]: String(choice.value) },
      },
      dm,
    );
  }

  private async submit(typed: TypedCommand, dm: boolean): Promise<void> {
    const main = this.mainOptionOf(typed);
    if (main?.required && typed.values[main.name] === undefined) {
      const label = [typed.command, typed.subcommand].filter(Boolean).join(' ');
      return this.write(
        `/${label} needs a ${main.name}: type \`/${label} <words>\` to submit them as typed${typed.autocompleted && !typed.subcommand ? ', or just the words to see the suggestions' : ''}.`,
      );
    }
    const done = await this.member.submit(typed, { inDm: dm });
    if (dm) this.write('(in your DM with the bot)');
    this.show(done);
  }

  /** The reply, then what the bot posted besides: a pinned card, a reply to a message. */
  private show({ interaction, answer, posted }: Submitted): void {
    this.write(this.readable(this.text(answer as MessageBody)));
    if (answer.content?.startsWith('Only moderators'))
      this.write('(In the sandbox, start it as `npm start -- --as-moderator` to be a moderator.)');
    const original = interaction.original;
    if (original && (original.flags & MessageFlags.Ephemeral) === 0 && original.embeds.length)
      this.lastCard = original;
    for (const message of posted) {
      const channel = this.emulator.state.channel(message.channel_id).name;
      if (message.pinned) this.write(`📌 pinned in #${channel}:`);
      else if (message.message_reference) this.write('↪ the bot replied to their message:');
      this.write(this.text(message as unknown as MessageBody));
      if (message.message_reference) this.lastCard = message;
    }
  }

  private mainOptionOf(typed: TypedCommand) {
    const command = this.commands().find((c) => c.name === typed.command);
    const options = typed.subcommand
      ? command?.options?.find((o) => o.name === typed.subcommand)?.options
      : command?.options;
    return mainOption(options ?? []);
  }

  private async vote(helpful: boolean): Promise<void> {
    const card = this.lastCard;
    const customId =
      card && customIdsOf(card).find((id) => id.includes(helpful ? ':up:' : ':down:'));
    if (!card || !customId)
      return this.write(
        'No public card with feedback buttons yet: post one first (type a question).',
      );
    const pressed = await this.member.press(card, customId);
    this.write(this.text(pressed.responses[0]!.data as unknown as MessageBody));
  }

  /**
   * You open a post in the help forum: `post: <title>`, then the bot's reply in the post (it says
   * when it is done), or `(no reply)` when it stays silent.
   */
  private async post(title: string, body: string): Promise<void> {
    const forum = this.member.helpForum();
    if (!forum) return this.write('This sandbox has no help forum.');
    this.write(`post: ${title}`);
    const { replies } = await this.member.postAndWait(forum.id, title, body, POST_WAIT_MS);
    if (replies.length === 0) return this.write('(no reply)');
    for (const reply of replies) this.write(this.text(reply as unknown as MessageBody));
  }

  /**
   * You write in the channel. A message AutoMod blocks (a fal key: the bot's key guard rule) is
   * shown as Discord shows it to its author, then the DM the bot sends about it.
   */
  private async say(text: string): Promise<void> {
    if (!text) return this.write(SAY_NEEDS_TEXT);
    const { message, blocked, dms } = await this.member.sayAndWait(text, SAY_WAIT_MS);
    const channel = `#${this.emulator.state.channel(message.channel_id).name}`;
    if (!blocked) return this.write(`you wrote in ${channel}: ${text}`);
    this.write(
      `🛡️ AutoMod blocked your message in ${channel} (${blocked.rule}); nobody saw it.${blocked.why ? `\n${blocked.why}` : ''}`,
    );
    for (const reply of dms)
      this.write(
        `✉️ the bot wrote to you in a DM:\n${this.readable(this.text(reply as unknown as MessageBody))}`,
      );
  }

  /** Someone asks in the channel; you right-click their message → Apps → Answer with FAQ. */
  private async answerWith(text: string): Promise<void> {
    if (!text) return this.write(ANSWER_NEEDS_TEXT);
    const asker = memberNamed(this.emulator, 'asker');
    const message = this.emulator.state.memberMessage(asker, text);
    this.write(`asker wrote in #${this.emulator.state.channel(message.channel_id).name}: ${text}`);
    const menu = await this.member.useOn(message);
    const data = menu.responses[0]!.data as {
      content?: string;
      components?: {
        components: { custom_id: string; options: { label: string; value: string }[] }[];
      }[];
    };
    const select = data.components?.[0]?.components[0];
    if (!select) return this.write(this.text(data as unknown as MessageBody));
    this.write(data.content ?? '');
    select.options.forEach((o, i) => this.write(`${String(i + 1).padStart(4)}. ${o.label}`));
    this.write('(pick a number to post it as a reply to their message)');
    this.menu = {
      message: menu.original!,
      customId: select.custom_id,
      values: select.options.map((o) => o.value),
    };
  }

  private async pickAnswer(index: number): Promise<void> {
    const { message, customId, values } = this.menu!;
    const value = values[index - 1];
    if (!value) return this.write(`No option ${index}: pick 1–${values.length}.`);
    this.menu = undefined;
    const { interaction, posted } = await this.member.choose(message, customId, [value]);
    for (const reply of posted.filter((m) => m.message_reference)) {
      this.write('↪ the bot replied to their message:');
      this.write(this.text(reply as unknown as MessageBody));
      this.lastCard = reply;
    }
    const confirmation = interaction.responses[0]?.data as { content?: string } | undefined;
    if (confirmation?.content) this.write(`(only you can see this) ${confirmation.content}`);
  }
}
