import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  ApplicationCommandType,
  InteractionResponseType,
  MessageFlags,
  type APIApplicationCommandOptionChoice,
} from 'discord-api-types/v10';
import type { AnyCommand } from '../bot/command.js';
import { Store } from '../store/store.js';
import { MODERATOR_PERMISSIONS } from '../emulator/state.js';
import { customIdsOf } from '../discord/custom-id.js';
import { cardToText, choicesToText } from '../cards/terminal.js';
import type { MessageBody } from '../cards/render.js';
import type { Config } from '../config.js';
import type { Member, StoredMessage } from '../emulator/state.js';
import { startLocalBot, type LocalBot } from '../harness/local-bot.js';
import type { FaqLibrary } from '../sources/faq.js';
import type { Sources } from '../sources/registry.js';
import type { Logger } from '../logger.js';
import {
  AUTOCOMPLETED,
  parseSandboxLine,
  type AutocompletedCommand,
  type CommandOptions,
  type SandboxLine,
} from './parse-line.js';

const HELP = `Type what a member would type into /faq's topic, and see the suggestions.
  <words>                         autocomplete: the questions the bot suggests
  <number> [mention:@name] [private:true]
                                  pick suggestion N: the card the bot posts (options typed
                                  with the words count too)
  /faq <words> [mention:@name] [private:true]
                                  submit the command as typed (free text, no pick)
  /docs <words>, /model <words> [mention:@name] [private:true]
                                  the fal docs pages and model endpoints the bot suggests;
                                  then <number> posts that page's or model's card
  👍 or up, 👎 or down            press Helpful / Not helpful under the last public card
  /answer <message>               someone posts <message>; you use "Answer with FAQ" on it,
                                  then <number> replies to it with that card
  /dm <words>                     the same as <words>, in your DM with the bot
  /faq-admin pin|unpin <words> [channel:#name]
  /faq-admin reload | stats [days:N]
                                  moderator tools (start with npm start -- --as-moderator)
  help                            this text
  quit                            leave (Ctrl+D works too)
npm start -- --web shows the same sandbox in your browser, as Discord draws it.`;

export interface SandboxOptions {
  config: Config;
  logger: Logger;
  library: FaqLibrary;
  sources?: Sources;
  commands: readonly AnyCommand[];
  /** Set by the sandbox: what to do about its prompt around each log line (main.ts's logger calls it). */
  aroundLogs?: { before(): void; after(): void };
  /** The sandbox member gets Manage Messages, so /faq-admin works. */
  asModerator?: boolean;
  input: Readable & { isTTY?: boolean };
  output: Writable;
}

/**
 * `npm start` without a token: the local emulator and the real bot in this process, and a
 * member (you) typing into /faq. On a terminal it is interactive; with piped input each line
 * is a query, answered with its suggestions and the card of the first one.
 */
export async function runSandbox(options: SandboxOptions): Promise<void> {
  const { output } = options;
  const write = (text: string) => output.write(`${text}\n`);
  const { local, member, close } = await startSandboxBot(options, write);
  const interactive = options.input.isTTY === true;
  if (interactive) write(`\n${HELP}\n`);

  // Cards fit the terminal they are shown in (a piped run has no width: 80 columns).
  const columns = () => (output as { columns?: number }).columns ?? 80;
  const session = new SandboxSession(local, member, write, columns);
  const lines = createInterface({
    input: options.input,
    output: interactive ? output : undefined,
    terminal: interactive,
  });
  if (interactive) {
    lines.setPrompt('faq> ');
    lines.prompt();
    // As a shell does: Ctrl-C on a half-typed line clears it; on an empty one, it leaves.
    lines.on('SIGINT', () => {
      if (lines.line.length === 0) return lines.close();
      output.write('^C\n');
      (lines as unknown as { line: string }).line = '';
      lines.prompt();
    });
  }
  // What the living pins do is shown as it happens: a pinned card the bot edits after an edit of
  // its FAQ file is printed, and at a prompt the prompt is drawn again below it.
  // A log line (a warning from the bot) clears the prompt and half-typed line, and redraws them after.
  if (interactive && options.aroundLogs) {
    options.aroundLogs.before = () => {
      clearLine(process.stderr, 0);
      cursorTo(process.stderr, 0);
      clearLine(output, 0);
      cursorTo(output, 0);
    };
    options.aroundLogs.after = () => lines.prompt(true);
  }
  const pinWatch = watchPinnedEdits(
    local,
    (text) => {
      // The prompt and what is half typed are cleared, and drawn again below the card.
      if (interactive) {
        clearLine(output, 0);
        cursorTo(output, 0);
      }
      write(text);
      if (interactive) lines.prompt(true);
    },
    columns,
  );
  try {
    for await (const raw of lines) {
      const line = parseSandboxLine(raw);
      if (line.kind === 'quit') break;
      try {
        await (interactive ? session.interactive(line) : session.piped(line, raw));
      } catch (error) {
        write(`(error: ${(error as Error).message})`);
      }
      if (interactive) lines.prompt();
    }
  } finally {
    clearInterval(pinWatch);
    lines.close();
    await close();
  }
}

/**
 * The sandbox's Discord: the emulator and the real bot in this process, and a member (you), as
 * the terminal and the web page both use them; says so in two lines through `write`.
 */
export async function startSandboxBot(
  options: Pick<
    SandboxOptions,
    'config' | 'logger' | 'library' | 'sources' | 'commands' | 'asModerator'
  >,
  write: (text: string) => void,
): Promise<{ local: LocalBot; member: Member; close(): Promise<void> }> {
  // The emulated Discord lives as long as this process; so does what the bot remembers of it.
  const store = Store.open(':memory:');
  // A newcomer trying the same question twice should see the card twice, not a link into a
  // Discord that is not there: the sandbox has no cooldown.
  const config = { ...options.config, CARD_COOLDOWN_SECONDS: 0 };
  const local = await startLocalBot({ ...options, config, store, watchFaq: true });
  const member = local.emulator.createMember({
    username: 'you',
    ...(options.asModerator ? { permissions: MODERATOR_PERMISSIONS } : {}),
  });
  write(
    `fal-faq-bot sandbox: the real bot is connected to a local Discord emulator at ${local.emulator.url} ` +
      `(no Discord account or token needed; set DISCORD_TOKEN to run on Discord).`,
  );
  write(
    `${options.library.index.entries.length} FAQ entries loaded from ${options.config.FAQ_DIR}; ${registeredNames(options.commands)} are registered.${options.asModerator ? ' You are a moderator.' : ''}`,
  );
  return {
    local,
    member,
    async close() {
      await local.close();
      store.close();
    },
  };
}

/** Polls the emulated channels' pinned cards and reports each edit the bot makes to one. */
function watchPinnedEdits(local: LocalBot, report: (text: string) => void, columns: () => number) {
  const seen = new Map<string, string | null>();
  const check = () => {
    const { state } = local.emulator;
    for (const [channelId, ids] of state.pins)
      for (const id of ids) {
        const message = state.messages.get(id);
        if (!message || message.deleted) continue;
        const edited = message.edited_timestamp;
        if (seen.has(id) && seen.get(id) !== edited)
          report(
            `📌 the pinned card in #${state.channel(channelId).name} was updated (its FAQ file changed):\n${cardToText(message as unknown as MessageBody, undefined, columns())}`,
          );
        seen.set(id, edited);
      }
  };
  return setInterval(check, 300).unref();
}

class SandboxSession {
  private choices: APIApplicationCommandOptionChoice[] = [];
  /** The last public card the bot posted here: what 👍 and 👎 press. */
  private lastCard: StoredMessage | undefined;
  /** An open Answer-with-FAQ menu: a number picks from it. */
  private menu: { message: StoredMessage; customId: string; values: string[] } | undefined;
  /** The command the suggestions on screen came from: a number picks for it. */
  private choicesFrom: AutocompletedCommand = 'faq';
  /** The suggestions on screen were asked for in the DM with the bot. */
  private inDm = false;
  /** The options typed with the command the suggestions came from (`/docs webhooks private:true`). */
  private choiceOptions: CommandOptions = {};

  constructor(
    private readonly local: LocalBot,
    private readonly member: Member,
    private readonly write: (text: string) => void,
    private readonly columns: () => number = () => 80,
  ) {}

  private text(body: MessageBody, names?: ReadonlyMap<string, string>): string {
    return cardToText(body, names, this.columns());
  }

  async interactive(line: SandboxLine): Promise<void> {
    switch (line.kind) {
      case 'empty':
        return;
      case 'help':
        return this.write(HELP);
      case 'pick': {
        if (this.menu) return this.pickAnswer(line.index);
        const choice = this.choices[line.index - 1];
        if (!choice)
          return this.write(
            this.choices.length === 0
              ? `No suggestion ${line.index}: type a question first, then pick one of its numbers.`
              : `No suggestion ${line.index}: there ${this.choices.length === 1 ? 'is 1 suggestion' : `are ${this.choices.length} suggestions`}; pick 1${this.choices.length > 1 ? `–${this.choices.length}` : ''}.`,
          );
        return this.submit(
          String(choice.value),
          { ...this.choiceOptions, ...line.options },
          this.choicesFrom,
          this.inDm,
        );
      }
      case 'command':
        if (!line.topic)
          return this.write(
            '/faq needs a topic: type `/faq <words>` to submit them as typed, or just the words to see the suggestions.',
          );
        return this.submit(line.topic, line.options, 'faq');
      case 'invalid':
        return this.write(line.message);
      case 'vote':
        return this.vote(line.helpful);
      case 'answer':
        return this.answerWith(line.text);
      case 'unknown-admin':
        return this.write(
          `/faq-admin has no subcommand "${line.sub}": it has pin, unpin, reload and stats (type help).`,
        );
      case 'admin':
        return this.admin(line);
      case 'query':
        this.choiceOptions = line.options ?? {};
        return this.suggest(line.text, line.command ?? 'faq', line.dm ?? false);
      case 'quit':
        return;
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
    const first = this.choices[0];
    if (line.kind === 'query' && first)
      await this.submit(String(first.value), this.choiceOptions, this.choicesFrom, this.inDm);
  }

  private async suggest(text: string, command: AutocompletedCommand, inDm = false): Promise<void> {
    this.choicesFrom = command;
    this.inDm = inDm;
    this.menu = undefined;
    this.choices = await this.local.emulator.autocomplete({
      command,
      member: this.member,
      focused: AUTOCOMPLETED[command],
      value: text,
      inDm,
    });
    if (inDm) this.write('(in your DM with the bot)');
    this.write(choicesToText(this.choices));
  }

  private async submit(
    topic: string,
    options: CommandOptions,
    command: AutocompletedCommand,
    inDm = false,
  ): Promise<void> {
    const values: Record<string, unknown> = { [AUTOCOMPLETED[command]]: topic };
    if (options.mention) values.mention = this.memberNamed(options.mention).user.id;
    if (options.private !== undefined) values.private = options.private;
    const interaction = await this.local.emulator.command({
      command,
      member: this.member,
      values,
      inDm,
    });
    if (inDm) this.write('(in your DM with the bot)');
    const response = interaction.responses[0];
    const names = new Map(
      [...this.local.emulator.state.members.values()].map((m) => [m.user.id, m.user.username]),
    );
    if (response?.type === InteractionResponseType.ChannelMessageWithSource && response.data) {
      this.write(this.text(response.data as unknown as MessageBody, names));
      if (interaction.original && (interaction.original.flags & MessageFlags.Ephemeral) === 0)
        this.lastCard = interaction.original;
    } else this.write(`(the bot answered with interaction response type ${response?.type})`);
  }

  private async vote(helpful: boolean): Promise<void> {
    const card = this.lastCard;
    const customId =
      card && customIdsOf(card).find((id) => id.includes(helpful ? ':up:' : ':down:'));
    if (!card || !customId)
      return this.write(
        'No public card with feedback buttons yet: post one first (type a question).',
      );
    const pressed = await this.local.emulator.interact(
      this.local.emulator.state.componentInteraction({
        member: this.member,
        message: card,
        customId,
      }),
    );
    this.write(this.text(pressed.responses[0]!.data as unknown as MessageBody));
  }

  /** Someone asks in the channel; you right-click their message → Apps → Answer with FAQ. */
  private async answerWith(text: string): Promise<void> {
    if (!text)
      return this.write('/answer needs the message to answer: /answer how do I get an invoice?');
    const { emulator } = this.local;
    const asker = this.memberNamed('asker');
    const message = emulator.state.memberMessage(asker, text);
    this.write(`asker wrote in #${emulator.state.channel(message.channel_id).name}: ${text}`);
    const menu = await emulator.interact(
      emulator.state.messageCommandInteraction({
        command: 'Answer with FAQ',
        member: this.member,
        target: message,
      }),
    );
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
    const { emulator } = this.local;
    const before = new Set(emulator.state.messages.keys());
    const picked = await emulator.interact(
      emulator.state.componentInteraction({
        member: this.member,
        message,
        customId,
        values: [value],
      }),
    );
    const names = new Map(
      [...emulator.state.members.values()].map((m) => [m.user.id, m.user.username]),
    );
    for (const posted of emulator.state.messages.values())
      if (!before.has(posted.id) && posted.message_reference) {
        this.write('↪ the bot replied to their message:');
        this.write(this.text(posted as unknown as MessageBody, names));
        this.lastCard = posted;
      }
    const confirmation = picked.responses[0]?.data as { content?: string } | undefined;
    if (confirmation?.content) this.write(`(only you can see this) ${confirmation.content}`);
  }

  private async admin(line: Extract<SandboxLine, { kind: 'admin' }>): Promise<void> {
    const { emulator } = this.local;
    const channels = [...emulator.state.channels.values()];
    const values: Record<string, unknown> = {};
    if (line.sub === 'pin' || line.sub === 'unpin') values.topic = line.topic;
    if (line.channel) {
      const channel = channels.find((c) => c.name === line.channel);
      if (!channel)
        return this.write(
          `No channel #${line.channel}; there are ${channels.map((c) => `#${c.name}`).join(', ')}.`,
        );
      values.channel = channel.id;
    }
    if (line.days !== undefined) values.days = line.days;
    const before = new Set(emulator.state.messages.keys());
    const interaction = await emulator.command({
      command: 'faq-admin',
      subcommand: line.sub,
      member: this.member,
      values,
    });
    const answer = await emulator.finalAnswer(interaction);
    const channelNames = new Map(channels.map((c) => [c.id, c.name]));
    const readable = (text: string) =>
      text.replace(/<#(\d+)>/g, (m, id: string) =>
        channelNames.has(id) ? `#${channelNames.get(id)}` : m,
      );
    this.write(readable(this.text(answer)));
    if (answer.content?.startsWith('Only moderators'))
      this.write('(In the sandbox, start it as `npm start -- --as-moderator` to be a moderator.)');
    for (const posted of emulator.state.messages.values()) {
      if (before.has(posted.id) || posted.interactionId || !posted.pinned) continue;
      this.write(`📌 pinned in #${channelNames.get(posted.channel_id)}:`);
      this.write(this.text(posted as unknown as MessageBody));
    }
  }

  private memberNamed(name: string): Member {
    return memberNamed(this.local, name);
  }
}

/** The emulated member called `name`, who joins the server the first time they are named. */
export function memberNamed(local: LocalBot, name: string): Member {
  const existing = [...local.emulator.state.members.values()].find((m) => m.user.username === name);
  return existing ?? local.emulator.createMember({ username: name });
}

/** "/faq, /faq-admin and "Answer with FAQ"": slash commands as typed, context menus as shown. */
function registeredNames(commands: readonly AnyCommand[]): string {
  const names = commands.map((c) => {
    const { name, type } = c.data.toJSON();
    return type === ApplicationCommandType.Message ? `"${name}"` : `/${name}`;
  });
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join('');
}
