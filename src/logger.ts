import { Writable } from 'node:stream';
import pino, { type Logger, type DestinationStream } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  /** Secret values to scrub from every line, wherever they appear (messages, stacks). */
  secrets?: (string | undefined)[];
  /** Human-readable output; the default follows whether stderr is a terminal. */
  pretty?: boolean;
  /** Where lines go; stderr by default, so stdout stays free for program output. */
  destination?: DestinationStream;
  /**
   * Called around each line written to stderr (not to a given `destination`): the sandbox clears
   * its prompt before a line and draws it again after.
   */
  around?: { before(): void; after(): void };
}

export const REDACT_PATHS = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * An interaction's or webhook's token in a URL (`/interactions/<id>/<token>/callback`,
 * `/webhooks/<app>/<token>/messages/…`): whoever has one can edit the bot's replies for 15 minutes.
 */
const URL_TOKEN = /(\/(?:interactions|webhooks)\/\d+\/)[^/\s"'?#\\]+/g;

/** Every secret a line may carry, taken out: the configured ones, and tokens inside URLs. */
function scrubber(secrets: (string | undefined)[]): (line: string) => string {
  const known = secrets.filter((s): s is string => !!s && s.length >= 8);
  return (line) =>
    known
      .reduce((out, secret) => out.split(secret).join('[REDACTED]'), line)
      .replace(URL_TOKEN, '$1[REDACTED]');
}

export function createLogger(options: LoggerOptions): Logger {
  const scrub = scrubber(options.secrets ?? []);
  const usePretty = options.pretty ?? (process.stderr.isTTY === true && !options.destination);
  const stderr = options.around ? aroundStderr(options.around) : 2;
  const destination =
    options.destination ??
    (usePretty
      ? pretty({ destination: stderr, sync: true, colorize: true, ignore: 'pid,hostname' })
      : typeof stderr === 'number'
        ? pino.destination({ fd: 2, sync: true })
        : stderr);
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      // redact covers known fields; a token can still hide in an error message or stack.
      hooks: { streamWrite: scrub },
      base: undefined,
    },
    destination,
  );
}

/** stderr, with `around` called about each write. */
function aroundStderr(around: { before(): void; after(): void }): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      around.before();
      process.stderr.write(chunk);
      around.after();
      done();
    },
  });
}
