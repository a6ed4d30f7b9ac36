import {
  mainOption,
  readCommandLine,
  type CommandJson,
  type TypedCommand,
  type TypedValue,
} from '../harness/command-line.js';

export type SandboxLine =
  | { kind: 'empty' }
  | { kind: 'help' }
  | { kind: 'quit' }
  /** Pick suggestion N, with options typed with the number (`2 private:true`). */
  | { kind: 'pick'; index: number; options: Record<string, TypedValue> }
  /** A command to submit as typed. */
  | { kind: 'submit'; typed: TypedCommand; dm: boolean }
  /** Words typed into a command's autocompleted option: its suggestions, to pick from. */
  | { kind: 'query'; typed: TypedCommand; dm: boolean }
  /** Press 👍 or 👎 under the last public card. */
  | { kind: 'vote'; helpful: boolean }
  /** A message command ("Answer with FAQ") on a message someone posts with this text. */
  | { kind: 'answer'; text: string }
  /** You write a message in the channel (AutoMod applies, as on Discord). */
  | { kind: 'say'; text: string }
  /** A post opened in the help forum: its title, and its first message after `|`. */
  | { kind: 'post'; title: string; body: string }
  /** Something typed the way no command takes it; `message` says how instead. */
  | { kind: 'invalid'; message: string };

/** What `/post` alone is told. */
export const POST_NEEDS_TITLE =
  '/post needs a title: /post my request gets a 401 | I set FAL_KEY and still get Unauthorized';

/** What `/say` alone is told. */
export const SAY_NEEDS_TEXT = '/say needs the message to write: /say my FAL_KEY does not work';

/** What `/answer` alone is told. */
export const ANSWER_NEEDS_TEXT =
  '/answer needs the message to answer: /answer how do I get an invoice?';

/**
 * The command bare words are typed into: the first registered one that suggests as you type
 * (/faq). `/<it> <words>` submits the words as typed; any other command's words are suggestions.
 */
export function defaultCommand(commands: readonly CommandJson[]): CommandJson | undefined {
  return commands.find((c) => (c.options ?? []).some((o) => o.autocomplete));
}

/**
 * Reads one line typed into the sandbox against the commands the bot registered: the sandbox's
 * own words (help, a number, 👍, /say, /answer, /dm), else a slash command as Discord's client reads it
 * (`/faq credits mention:@bob private:true`, `/faq-admin pin rate limit channel:#help`), else
 * words typed into the default command (`credits mention:@bob`).
 */
export function parseSandboxLine(raw: string, commands: readonly CommandJson[]): SandboxLine {
  const line = raw.trim();
  if (line === '') return { kind: 'empty' };
  if (/^(help|\?)$/i.test(line)) return { kind: 'help' };
  if (/^(quit|exit|\.exit)$/i.test(line)) return { kind: 'quit' };
  if (/^(👍|\+1|up)$/i.test(line)) return { kind: 'vote', helpful: true };
  if (/^(👎|-1|down)$/i.test(line)) return { kind: 'vote', helpful: false };
  const say = /^\/say(?:\s+(.*))?$/is.exec(line);
  if (say) return { kind: 'say', text: (say[1] ?? '').trim() };
  const answer = /^\/answer(?:\s+(.*))?$/is.exec(line);
  if (answer) return { kind: 'answer', text: (answer[1] ?? '').trim() };
  const post = /^\/post(?:\s+(.*))?$/is.exec(line);
  if (post) {
    const [title = '', ...body] = (post[1] ?? '').split('|');
    if (!title.trim()) return { kind: 'invalid', message: POST_NEEDS_TITLE };
    return { kind: 'post', title: title.trim().slice(0, 100), body: body.join('|').trim() };
  }
  const fallback = defaultCommand(commands);
  const dm = /^\/dm(?:\s+(.*))?$/is.exec(line);
  // `/dm <line>`: the same line, in the DM with the bot.
  const inDm = dm !== null;
  const rest = inDm ? (dm[1] ?? '').trim() : line;
  const pick = /^(\d{1,2})(\s.*)?$/s.exec(rest);
  if (pick && !inDm && fallback) {
    const read = readCommandLine(`/${fallback.name} ${pick[2] ?? ''}`, commands);
    if (read.kind !== 'command') return { kind: 'invalid', message: read.message };
    const main = mainOption(fallback.options ?? [])?.name;
    const options = Object.fromEntries(Object.entries(read.values).filter(([k]) => k !== main));
    return { kind: 'pick', index: Number(pick[1]), options };
  }
  const typedAsCommand = rest.startsWith('/');
  if (!typedAsCommand && !fallback)
    return { kind: 'invalid', message: 'Type a command: /<name> … (type help).' };
  const read = readCommandLine(typedAsCommand ? rest : `/${fallback!.name} ${rest}`, commands);
  if (read.kind !== 'command') return { kind: 'invalid', message: read.message };
  // The default command typed out is submitted as typed, and so is a subcommand (/faq-admin pin)
  // and a command with no words for its suggestions (`/model check:<request>`); words for any other
  // command with suggestions (the default's bare words, /docs, /model) show them.
  const submitted =
    !read.autocompleted ||
    read.values[read.autocompleted] === undefined ||
    read.subcommand !== undefined ||
    (typedAsCommand && read.command === fallback?.name);
  return submitted
    ? { kind: 'submit', typed: read, dm: inDm }
    : { kind: 'query', typed: read, dm: inDm };
}
