import { listed, type CommandJson, type TypedCommand } from '../harness/command-line.js';
import {
  ANSWER_NEEDS_TEXT,
  defaultCommand,
  parseSandboxLine,
  SAY_NEEDS_TEXT,
} from '../sandbox/parse-line.js';

export type BoxLine =
  /** A command; `dm`: typed after `/dm`, in the DM with the bot. */
  | (TypedCommand & { dm?: boolean })
  /** `/answer <message>`: someone posts it, you use Answer with FAQ on it (as in the terminal sandbox). */
  | { kind: 'answer'; text: string }
  /** `/post <title> | <message>`: you open a post in the help forum (as in the terminal sandbox). */
  | { kind: 'post'; title: string; body: string }
  /** `/say <message>`: you write it in the channel, AutoMod applying (as in the terminal sandbox). */
  | { kind: 'say'; text: string }
  | { kind: 'invalid'; message: string };

/** What Discord lets a member type into a message box (and an option): bounded before anything else reads it. */
export const MAX_BOX_LENGTH = 6000;

/** How to type a command, from those registered: the ones that suggest, then the moderators'. */
function hint(commands: readonly CommandJson[]): string {
  const slash = commands.filter((c) => (c.type ?? 1) === 1);
  const suggesting = slash.filter((c) => (c.options ?? []).some((o) => o.autocomplete));
  const others = slash.filter((c) => !suggesting.includes(c));
  return `Type a command and a few words: ${listed(
    suggesting.map((c) => `/${c.name}`),
    'or',
  )}${others.length ? ` (and ${others.map((c) => `/${c.name}`).join(', ')} with the moderator switch on)` : ''}; /say <message> to write in the channel, /answer <message> to answer someone, /post <title> | <message> to open a help-forum post, /dm <line> to ask in the DM with the bot.`;
}

/**
 * Reads what is typed into the page's message box against the registered commands, as Discord's
 * client does, and the terminal sandbox's `/answer` and `/dm` (which Discord does with a
 * right-click and the DM window).
 */
export function parseBoxLine(raw: string, commands: readonly CommandJson[]): BoxLine {
  const line = raw.trim();
  if (line.length > MAX_BOX_LENGTH)
    return { kind: 'invalid', message: `A message is at most ${MAX_BOX_LENGTH} characters.` };
  if (!line.startsWith('/') || !defaultCommand(commands))
    return { kind: 'invalid', message: hint(commands) };
  // The terminal sandbox's reading of the line: the box takes its commands, /answer and /dm.
  const read = parseSandboxLine(line, commands);
  switch (read.kind) {
    case 'answer':
      return read.text ? read : { kind: 'invalid', message: ANSWER_NEEDS_TEXT };
    case 'post':
      return read;
    case 'say':
      return read.text ? read : { kind: 'invalid', message: SAY_NEEDS_TEXT };
    case 'submit':
    case 'query':
      return read.dm ? { ...read.typed, dm: true } : read.typed;
    case 'invalid':
      return read;
    default:
      return { kind: 'invalid', message: hint(commands) };
  }
}
