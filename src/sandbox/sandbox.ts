import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { MessageBody } from '../cards/render.js';
import { cardToText } from '../cards/terminal.js';
import type { LocalBot } from '../harness/local-bot.js';
import { startSandboxBot, type SandboxBotOptions } from '../harness/sandbox-bot.js';
import { completions } from '../harness/command-line.js';
import { parseSandboxLine } from './parse-line.js';
import { SandboxSession, sandboxHelp } from './session.js';

export interface SandboxOptions extends SandboxBotOptions {
  /** Set by the sandbox: what to do about its prompt around each log line (main.ts's logger calls it). */
  aroundLogs?: { before(): void; after(): void };
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
  const { local, you, close } = await startSandboxBot(options, write);
  const interactive = options.input.isTTY === true;
  // Cards fit the terminal they are shown in (a piped run has no width: 80 columns).
  const columns = () => (output as { columns?: number }).columns ?? 80;
  const session = new SandboxSession(you, write, columns);
  if (interactive) write(`\n${sandboxHelp(session.commands())}\n`);
  const lines = createInterface({
    input: options.input,
    output: interactive ? output : undefined,
    terminal: interactive,
    // Tab completes a command's name, its subcommand and its option names, as Discord lists them.
    ...(interactive
      ? { completer: (line: string) => [completions(line, session.commands()), line] }
      : {}),
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
  /** Says something that happened meanwhile: the prompt and what is half typed are drawn again below it. */
  const tell = (text: string) => {
    if (interactive) {
      clearLine(output, 0);
      cursorTo(output, 0);
    }
    write(text);
    if (interactive) lines.prompt(true);
  };
  const pinWatch = watchPinnedEdits(local, tell, columns);
  // A refused edit is logged; the edit that fixes it is said too, or the refusal stays the last word.
  let refused = false;
  const stopFollowing = options.library.onReload((result) => {
    if (result.ok && refused)
      tell(
        `✅ FAQ reloaded: the problems are fixed; ${options.library.index.entries.length} entries served.`,
      );
    refused = !result.ok;
  });
  try {
    for await (const raw of lines) {
      const line = parseSandboxLine(raw, session.commands());
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
    stopFollowing();
    lines.close();
    await close();
  }
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
