import {
  parseSandboxLine,
  type AutocompletedCommand,
  type CommandOptions,
  type SandboxLine,
} from '../sandbox/parse-line.js';

export type BoxLine =
  /** `/faq <words>`, `/docs <words>`, `/model <words>`, with `mention:@name` and `private:true` anywhere. */
  | { kind: 'card'; command: AutocompletedCommand; text: string; options: CommandOptions }
  | Extract<SandboxLine, { kind: 'admin' }>
  | { kind: 'invalid'; message: string };

/** What Discord lets a member type into a message box (and an option): bounded before anything else reads it. */
export const MAX_BOX_LENGTH = 6000;

/** Reads what is typed into the page's message box, the way Discord's client reads a slash command. */
export function parseBoxLine(raw: string): BoxLine {
  const line = raw.trim();
  if (line.length > MAX_BOX_LENGTH)
    return { kind: 'invalid', message: `A message is at most ${MAX_BOX_LENGTH} characters.` };
  // The sandbox's reading of the line, of which the box takes the commands a member sends.
  const typed = parseSandboxLine(line);
  switch (typed.kind) {
    case 'admin':
    case 'invalid':
      return typed;
    case 'unknown-admin':
      return {
        kind: 'invalid',
        message: `/faq-admin has no subcommand "${typed.sub}": it has pin, unpin, reload and stats.`,
      };
    case 'command':
      return { kind: 'card', command: 'faq', text: typed.topic, options: typed.options };
    case 'query':
      if (typed.command)
        return {
          kind: 'card',
          command: typed.command,
          text: typed.text,
          options: typed.options ?? {},
        };
  }
  return {
    kind: 'invalid',
    message:
      'Type a command and a few words: /faq, /docs or /model (and /faq-admin with the moderator switch on).',
  };
}
