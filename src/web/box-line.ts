import { readCommandLine, type CommandJson, type TypedCommand } from '../harness/command-line.js';
import { defaultCommand } from '../sandbox/parse-line.js';

export type BoxLine = TypedCommand | { kind: 'invalid'; message: string };

/** What Discord lets a member type into a message box (and an option): bounded before anything else reads it. */
export const MAX_BOX_LENGTH = 6000;

const listed = (names: string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');

/** How to type a command, from those registered: the ones that suggest, then the moderators'. */
function hint(commands: readonly CommandJson[]): string {
  const slash = commands.filter((c) => (c.type ?? 1) === 1);
  const suggesting = slash.filter((c) => (c.options ?? []).some((o) => o.autocomplete));
  const others = slash.filter((c) => !suggesting.includes(c));
  return `Type a command and a few words: ${listed(suggesting.map((c) => `/${c.name}`))}${others.length ? ` (and ${others.map((c) => `/${c.name}`).join(', ')} with the moderator switch on)` : ''}.`;
}

/** Reads what is typed into the page's message box against the registered commands, as Discord's client does. */
export function parseBoxLine(raw: string, commands: readonly CommandJson[]): BoxLine {
  const line = raw.trim();
  if (line.length > MAX_BOX_LENGTH)
    return { kind: 'invalid', message: `A message is at most ${MAX_BOX_LENGTH} characters.` };
  if (!line.startsWith('/') || !defaultCommand(commands))
    return { kind: 'invalid', message: hint(commands) };
  const read = readCommandLine(line, commands);
  return read.kind === 'command' ? read : { kind: 'invalid', message: read.message };
}
