import { readCommandLine, type CommandJson, type TypedCommand } from '../harness/command-line.js';
import { defaultCommand } from '../sandbox/parse-line.js';

export type BoxLine =
  /** A command; `dm`: typed after `/dm`, in the DM with the bot. */
  | (TypedCommand & { dm?: boolean })
  /** `/answer <message>`: someone posts it, you use Answer with FAQ on it (as in the terminal sandbox). */
  | { kind: 'answer'; text: string }
  | { kind: 'invalid'; message: string };

/** What Discord lets a member type into a message box (and an option): bounded before anything else reads it. */
export const MAX_BOX_LENGTH = 6000;

const listed = (names: string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');

/** How to type a command, from those registered: the ones that suggest, then the moderators'. */
function hint(commands: readonly CommandJson[]): string {
  const slash = commands.filter((c) => (c.type ?? 1) === 1);
  const suggesting = slash.filter((c) => (c.options ?? []).some((o) => o.autocomplete));
  const others = slash.filter((c) => !suggesting.includes(c));
  return `Type a command and a few words: ${listed(suggesting.map((c) => `/${c.name}`))}${others.length ? ` (and ${others.map((c) => `/${c.name}`).join(', ')} with the moderator switch on)` : ''}; /answer <message> to answer someone, /dm <line> to ask in the DM with the bot.`;
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
  const answer = /^\/answer(?:\s+(.*))?$/is.exec(line);
  if (answer) {
    const text = (answer[1] ?? '').trim();
    return text
      ? { kind: 'answer', text }
      : {
          kind: 'invalid',
          message: '/answer needs the message to answer: /answer how do I get an invoice?',
        };
  }
  const dm = /^\/dm(?:\s+(.*))?$/is.exec(line);
  const rest = dm ? (dm[1] ?? '').trim() : line;
  const fallback = defaultCommand(commands);
  // In the DM, as in the terminal sandbox, bare words are typed into the default command.
  const typed = dm && fallback && !rest.startsWith('/') ? `/${fallback.name} ${rest}` : rest;
  if (!typed.startsWith('/') || !fallback) return { kind: 'invalid', message: hint(commands) };
  const read = readCommandLine(typed, commands);
  if (read.kind !== 'command') return { kind: 'invalid', message: read.message };
  return dm ? { ...read, dm: true } : read;
}
