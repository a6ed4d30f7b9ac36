import { parseBoolean } from '../config.js';

/** The commands a member types words into, and the option each autocompletes. */
export const AUTOCOMPLETED = { faq: 'topic', docs: 'topic', model: 'endpoint' } as const;
export type AutocompletedCommand = keyof typeof AUTOCOMPLETED;

export interface CommandOptions {
  mention?: string;
  private?: boolean;
}

export type SandboxLine =
  | { kind: 'empty' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'pick'; index: number; options: CommandOptions }
  | { kind: 'command'; topic: string; options: CommandOptions }
  | { kind: 'admin'; sub: string; topic: string; channel?: string; days?: number }
  /** Words to see the suggestions of; the options typed with them go with the pick. */
  | {
      kind: 'query';
      text: string;
      command?: 'docs' | 'model';
      dm?: boolean;
      options?: CommandOptions;
    }
  /** `/faq-admin` with a subcommand it does not have. */
  | { kind: 'unknown-admin'; sub: string }
  /** Press 👍 or 👎 under the last public card. */
  | { kind: 'vote'; helpful: boolean }
  /** "Answer with FAQ" on a message someone posts with this text. */
  | { kind: 'answer'; text: string }
  /** Something typed the way no command takes it; `message` says how instead. */
  | { kind: 'invalid'; message: string };

const OPTION = /\s(mention|private):(\S+)/g;

/**
 * The `mention:@name` and `private:<yes/no>` options typed anywhere in `line`, and the line
 * without them; `invalid` says what is wrong with an option that cannot be read.
 */
export function takeOptions(line: string): {
  rest: string;
  options: CommandOptions;
  invalid?: string;
} {
  const options: CommandOptions = {};
  let invalid: string | undefined;
  const rest = ` ${line}`
    .replace(OPTION, (_, key: string, value: string) => {
      if (key === 'mention') options.mention = value.replace(/^@/, '');
      else {
        // The environment's rule for yes and no (FEEDBACK_BUTTONS): one rule everywhere.
        const flag = parseBoolean(value);
        if (flag === undefined)
          invalid = `private takes true or false (yes/no, on/off, 1/0), not "${value}"`;
        else options.private = flag;
      }
      return '';
    })
    .trim();
  return invalid ? { rest, options, invalid } : { rest, options };
}

/** Reads one line typed into the sandbox, e.g. `/faq credits mention:@bob private:true` or `2 mention:@bob`. */
export function parseSandboxLine(raw: string): SandboxLine {
  const line = raw.trim();
  if (line === '') return { kind: 'empty' };
  if (/^(help|\?)$/i.test(line)) return { kind: 'help' };
  if (/^(quit|exit|\.exit)$/i.test(line)) return { kind: 'quit' };
  const admin = /^\/faq-admin\s+(pin|unpin|reload|stats)\b(.*)$/i.exec(line);
  if (admin) {
    let rest = admin[2] ?? '';
    const channel = /\schannel:#?(\S+)/.exec(rest)?.[1];
    // Any value is passed on: Discord's bounds on `days` are the emulator's to enforce.
    const days = /\sdays:(\S+)/.exec(rest)?.[1];
    rest = rest.replace(/\s(channel|days):\S+/g, '');
    return {
      kind: 'admin',
      sub: admin[1]!.toLowerCase(),
      topic: rest.trim(),
      ...(channel ? { channel } : {}),
      ...(days !== undefined ? { days: Number(days) } : {}),
    };
  }
  if (/^(👍|\+1|up)$/i.test(line)) return { kind: 'vote', helpful: true };
  if (/^(👎|-1|down)$/i.test(line)) return { kind: 'vote', helpful: false };
  const dm = /^\/dm(?:\s+(.*))?$/i.exec(line);
  if (dm) return { kind: 'query', text: (dm[1] ?? '').trim(), dm: true };
  const answer = /^\/answer(?:\s+(.*))?$/i.exec(line);
  if (answer) return { kind: 'answer', text: (answer[1] ?? '').trim() };
  const otherAdmin = /^\/faq-admin\b\s*(\S*)/i.exec(line);
  if (otherAdmin) return { kind: 'unknown-admin', sub: otherAdmin[1] ?? '' };
  const { rest, options, invalid } = takeOptions(line);
  if (invalid) return { kind: 'invalid', message: invalid };
  const pick = /^(\d{1,2})$/.exec(rest);
  if (pick) return { kind: 'pick', index: Number(pick[1]), options };
  // /docs and /model are typed as their autocomplete: suggestions to pick from. (`s`: the web
  // page's box sends its line whole, whatever it holds.)
  const source = /^\/(docs|model)(?:\s+(?:topic:|endpoint:)?(.*))?$/is.exec(rest);
  if (source)
    return {
      kind: 'query',
      text: (source[2] ?? '').trim(),
      command: source[1]!.toLowerCase() as 'docs' | 'model',
      options,
    };
  const command = /^\/faq(?:\s+(?:topic:)?(.*))?$/is.exec(rest);
  if (command) return { kind: 'command', topic: (command[1] ?? '').trim(), options };
  return { kind: 'query', text: rest, options };
}
