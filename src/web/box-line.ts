import {
  parseSandboxLine,
  type AutocompletedCommand,
  takeOptions,
  type CommandOptions,
  type SandboxLine,
} from '../sandbox/parse-line.js';

export type BoxCommand = AutocompletedCommand;

export type BoxLine =
  /** `/faq <words>`, `/docs <words>`, `/model <words>`, with `mention:@name` and `private:true` anywhere. */
  | { kind: 'card'; command: BoxCommand; text: string; options: CommandOptions }
  | Extract<SandboxLine, { kind: 'admin' }>
  | { kind: 'invalid'; message: string };

/** What Discord lets a member type into a message box (and an option): bounded before anything else reads it. */
export const MAX_BOX_LENGTH = 6000;

/** Reads what is typed into the page's message box, the way Discord's client reads a slash command. */
export function parseBoxLine(raw: string): BoxLine {
  const line = raw.trim();
  if (line.length > MAX_BOX_LENGTH)
    return { kind: 'invalid', message: `A message is at most ${MAX_BOX_LENGTH} characters.` };
  const sandbox = parseSandboxLine(line);
  if (sandbox.kind === 'admin' || sandbox.kind === 'invalid') return sandbox;
  if (sandbox.kind === 'unknown-admin')
    return {
      kind: 'invalid',
      message: `/faq-admin has no subcommand "${sandbox.sub}": it has pin, unpin, reload and stats.`,
    };
  const { rest, options } = takeOptions(line);
  const typed = /^\/(faq|docs|model)(?:\s+(?:topic:|endpoint:)?([\s\S]*))?$/i.exec(rest);
  if (!typed)
    return {
      kind: 'invalid',
      message:
        'Type a command and a few words: /faq, /docs or /model (and /faq-admin with the moderator switch on).',
    };
  return {
    kind: 'card',
    command: typed[1]!.toLowerCase() as BoxCommand,
    text: (typed[2] ?? '').trim(),
    options,
  };
}
