import {
  ApplicationCommandOptionType as OptionType,
  ApplicationCommandType,
} from 'discord-api-types/v10';
import { parseBoolean } from '../config.js';

/** An option of a registered command, in Discord's JSON. */
export interface OptionJson {
  name: string;
  type: number;
  description?: string;
  required?: boolean;
  autocomplete?: boolean;
  options?: OptionJson[];
}

/** A registered command, in Discord's JSON (what the bot sent to the bulk overwrite). */
export interface CommandJson {
  name: string;
  type?: number;
  description?: string;
  options?: OptionJson[];
  contexts?: number[] | null;
}

/** A value as typed: a member's or channel's name stands for them until the driver looks them up. */
export type TypedValue = string | number | boolean | { user: string } | { channel: string };

/** A slash command typed as a member types it: `/name [subcommand] words option:value …`. */
export interface TypedCommand {
  kind: 'command';
  command: string;
  subcommand?: string;
  /** Every option given, by name; the words typed without a name fill the main option. */
  values: Record<string, TypedValue>;
  /** The option Discord would be autocompleting as the member types (none for a command without one). */
  autocompleted?: string;
}

export type CommandLine =
  | TypedCommand
  /** `/x` where no command x is registered. */
  | { kind: 'not-a-command'; message: string }
  /** A registered command typed the way it does not take (an unknown subcommand, a bad value). */
  | { kind: 'invalid'; message: string };

const slashCommands = (commands: readonly CommandJson[]) =>
  commands.filter(
    (c) => (c.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput,
  );

/** `a, b and c` (or `a, b or c`). */
export const listed = (names: string[], last = 'and') =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}` : names.join('');

/** The option the words typed without a name fill: the autocompleted one, else the first required text. */
export function mainOption(options: readonly OptionJson[]): OptionJson | undefined {
  return (
    options.find((o) => o.type === OptionType.String && o.autocomplete) ??
    options.find((o) => o.type === OptionType.String && o.required)
  );
}

/** The subcommands of a command, if it has any. */
const subcommandsOf = (command: CommandJson) =>
  (command.options ?? []).filter((o) => o.type === OptionType.Subcommand);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads a line that starts with `/` against the commands the bot registered, the way Discord's
 * client fills a slash command: the first word after a command with subcommands names one; an
 * option is `name:value` anywhere (a text option's value runs to the next option, others are
 * one word); the words typed without a name fill the main option. Values are typed by the
 * option's type; whether they are allowed is the emulator's to say, as Discord's would.
 */
export function readCommandLine(line: string, commands: readonly CommandJson[]): CommandLine {
  const match = /^\/(\S+)(.*)$/s.exec(line.trim());
  if (!match) return { kind: 'invalid', message: 'A command starts with /.' };
  const name = match[1]!.toLowerCase();
  const registered = slashCommands(commands);
  const command = registered.find((c) => c.name === name);
  if (!command)
    return {
      kind: 'not-a-command',
      message: `/${name} is not a command here: the commands are ${listed(registered.map((c) => `/${c.name}`))} (type help).`,
    };
  let rest = match[2] ?? '';
  let options = command.options ?? [];
  let subcommand: string | undefined;
  const subcommands = subcommandsOf(command);
  if (subcommands.length > 0) {
    const word = /^\s*(\S*)(.*)$/s.exec(rest)!;
    const sub = subcommands.find((s) => s.name === word[1]!.toLowerCase());
    const names = listed(subcommands.map((s) => s.name));
    if (!sub)
      return {
        kind: 'invalid',
        message: word[1]
          ? `/${name} has no subcommand "${word[1]}": it has ${names}.`
          : `/${name} needs a subcommand: ${listed(
              subcommands.map((s) => s.name),
              'or',
            )}.`,
      };
    subcommand = sub.name;
    options = sub.options ?? [];
    rest = word[2] ?? '';
  }
  const values: Record<string, TypedValue> = {};
  const words: string[] = [];
  const marker = options.length
    ? new RegExp(`(?:^|\\s)(${options.map((o) => escape(o.name)).join('|')}):`, 'gi')
    : undefined;
  const found = marker ? [...rest.matchAll(marker)] : [];
  words.push(rest.slice(0, found[0]?.index ?? rest.length));
  for (const [i, m] of found.entries()) {
    const option = options.find((o) => o.name === m[1]!.toLowerCase())!;
    const text = rest.slice(m.index! + m[0].length, found[i + 1]?.index ?? rest.length).trim();
    // A text option takes everything up to the next option; others take one word.
    const [value, after] =
      option.type === OptionType.String
        ? [text, '']
        : [/^\S*/.exec(text)![0], text.replace(/^\S*/, '')];
    words.push(after);
    const typed = typedValue(option, value);
    if (typeof typed === 'object' && 'invalid' in typed)
      return { kind: 'invalid', message: typed.invalid };
    values[option.name] = typed;
  }
  const main = mainOption(options);
  const text = words.join(' ').trim().replace(/\s+/g, ' ');
  if (main && text) {
    const given = values[main.name];
    values[main.name] = typeof given === 'string' && given ? `${given} ${text}` : text;
  }
  const autocompleted = options.find((o) => o.autocomplete)?.name;
  return {
    kind: 'command',
    command: command.name,
    ...(subcommand ? { subcommand } : {}),
    values,
    ...(autocompleted ? { autocompleted } : {}),
  };
}

function typedValue(option: OptionJson, value: string): TypedValue | { invalid: string } {
  switch (option.type) {
    case OptionType.Boolean: {
      // The environment's rule for yes and no (FEEDBACK_BUTTONS): one rule everywhere.
      const flag = parseBoolean(value);
      return flag === undefined
        ? { invalid: `${option.name} takes true or false (yes/no, on/off, 1/0), not "${value}"` }
        : flag;
    }
    case OptionType.Integer:
    case OptionType.Number:
      // Any value is passed on: Discord's bounds are the emulator's to enforce.
      return Number(value);
    case OptionType.User:
      return { user: value.replace(/^@/, '') };
    case OptionType.Channel:
      return { channel: value.replace(/^#/, '') };
    default:
      return value;
  }
}

/** Help lines for the registered slash commands, from their own descriptions and options. */
export function commandHelp(commands: readonly CommandJson[]): string[] {
  const usage = (prefix: string, options: readonly OptionJson[]) => {
    const main = mainOption(options);
    const others = options
      .filter((o) => o !== main)
      .map((o) => `${o.name}:${placeholder(o)}`)
      .map((o, i) => (options.filter((x) => x !== main)[i]!.required ? o : `[${o}]`));
    return [prefix, main ? '<words>' : '', ...others].filter(Boolean).join(' ');
  };
  return slashCommands(commands)
    .flatMap((c) => {
      const subs = subcommandsOf(c);
      if (subs.length === 0) return [[usage(`/${c.name}`, c.options ?? []), c.description ?? '']];
      return subs.map((s) => [usage(`/${c.name} ${s.name}`, s.options ?? []), s.description ?? '']);
    })
    .map(
      ([left, right]) =>
        `  ${left!.padEnd(32)}${left!.length >= 32 ? `\n${' '.repeat(34)}` : ''}${right}`,
    );
}

function placeholder(option: OptionJson): string {
  switch (option.type) {
    case OptionType.User:
      return '@name';
    case OptionType.Channel:
      return '#name';
    case OptionType.Boolean:
      return 'true';
    case OptionType.Integer:
    case OptionType.Number:
      return 'N';
    default:
      return '<text>';
  }
}

/**
 * What the line typed so far may go on with, as Discord's client offers it: the commands a `/`
 * begins, then a command's subcommands, then the option names the last word begins. Each is the
 * whole line completed (`/faq-admin pin `, `/faq credits mention:`); none once a value is typed.
 */
export function completions(line: string, commands: readonly CommandJson[]): string[] {
  const match = /^\/(\S*)(\s*)(.*)$/s.exec(line);
  if (!match) return [];
  const [, name, space, rest] = match as unknown as [string, string, string, string];
  const registered = slashCommands(commands);
  if (!space)
    return registered
      .filter((c) => c.name.startsWith(name.toLowerCase()))
      .map((c) => `/${c.name} `);
  const command = registered.find((c) => c.name === name.toLowerCase());
  if (!command) return [];
  let options = command.options ?? [];
  let before = `/${command.name} `;
  let typed = rest;
  const subcommands = subcommandsOf(command);
  if (subcommands.length > 0) {
    const word = /^(\S*)(\s*)(.*)$/s.exec(rest)!;
    const sub = subcommands.find((s) => s.name === word[1]!.toLowerCase());
    if (!sub || !word[2])
      return subcommands
        .filter((s) => s.name.startsWith(word[1]!.toLowerCase()))
        .map((s) => `${before}${s.name} `);
    options = sub.options ?? [];
    before = `${before}${sub.name} `;
    typed = word[3] ?? '';
  }
  const last = /(?:^|\s)([\w-]*)$/.exec(typed);
  if (!last || last[1] === '') return [];
  const head = typed.slice(0, typed.length - last[1]!.length);
  return options
    .filter(
      (o) =>
        o.name.startsWith(last[1]!.toLowerCase()) && !new RegExp(`(?:^|\\s)${o.name}:`).test(typed),
    )
    .map((o) => `${before}${head}${o.name}:`);
}
