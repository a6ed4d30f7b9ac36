import { z } from 'zod';
import { SNOWFLAKE } from './discord/snowflake.js';

const snowflake = z.string().regex(SNOWFLAKE, 'must be a Discord id (17 to 20 digits)');

/**
 * The one rule for a yes/no setting, in the environment and in the sandbox alike: true, yes, on
 * or 1, and false, no, off or 0, in any case. Anything else is undefined (refused).
 */
export function parseBoolean(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  return undefined;
}

const booleanFlag = z
  .string()
  .refine((v) => parseBoolean(v) !== undefined, 'must be true or false (yes/no, on/off, 1/0)')
  .transform((v) => parseBoolean(v)!);

/** A whole number from `min` to `max`, said so in words (not the validator's "expected int"). */
const wholeNumber = (min: number, max: number) => {
  const says = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: says }).int(says).min(min, says).max(max, says);
};

/** A comma-separated list of Discord ids (roles, channels), each checked. */
function idList(what: string) {
  return z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.string()).superRefine((ids, ctx) => {
        for (const id of ids)
          if (!SNOWFLAKE.test(id))
            ctx.addIssue({
              code: 'custom',
              message: `"${id}" is not ${what} (17 to 20 digits)`,
            });
      }),
    );
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_CLIENT_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: z
    .url({
      protocol: /^https?$/,
      message: 'must be an http(s) URL such as https://discord.com/api',
    })
    .default('https://discord.com/api')
    .transform((u) => u.replace(/\/+$/, '')),
  FAQ_DIR: z.string().min(1).default('faq-data'),
  /** What statuses, error texts and tool names mean (`mappings/*.yaml`), beside the FAQ. */
  MAPPINGS_DIR: z.string().min(1).default('mappings'),
  /** Where a member is sent when nothing the bot has answers them. */
  SUPPORT_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://fal.ai/support' })
    .default('https://fal.ai/docs/documentation/model-apis/support'),
  /** A channel where people answer what the bot cannot (mentioned beside SUPPORT_URL). */
  SUPPORT_CHANNEL_ID: snowflake.optional(),
  /** Unset: `info` for the bot, `warn` for the sandbox (whose terminal is for people). */
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  DATA_DIR: z.string().min(1).default('data'),
  MOD_ROLE_IDS: idList('a Discord role id'),
  FEEDBACK_BUTTONS: booleanFlag.default(true),
  /** Forum channels whose new posts the bot answers (comma-separated ids). */
  HELP_FORUM_IDS: idList('a Discord channel id'),
  /** Read a post's first message too (needs the Message Content intent in the Developer Portal). */
  HELP_FORUM_READ_MESSAGES: booleanFlag.default(false),
  /** When nothing fits a post: stay silent, or post one short note that a helper will come. */
  HELP_FORUM_NOTHING: z.enum(['silent', 'note']).default('silent'),
  /** The forum tag a solved post gets (created when missing and the bot may edit the forum). */
  HELP_SOLVED_TAG: z.string().trim().min(1).max(20).default('Solved'),
  /** Replies the bot posts in help forums a minute at most, in all (0: no limit). */
  HELP_FORUM_REPLIES_PER_MINUTE: wholeNumber(0, 10_000).default(20),
  /** Hours after which a post nobody but its poster and the bot answered gets one nudge (0: off). */
  HELP_NUDGE_HOURS: wholeNumber(0, 720).default(0),
  /** A role the nudge pings (at most HELP_NUDGE_PINGS_PER_DAY times a day). */
  HELP_HELPER_ROLE_ID: snowflake.optional(),
  HELP_NUDGE_PINGS_PER_DAY: wholeNumber(0, 1000).default(10),
  /** Keep an AutoMod rule that blocks fal API keys in messages (needs Manage Server). */
  KEY_GUARD: booleanFlag.default(true),
  /** A loopback port where the bot answers GET /health (0 or unset: none). */
  HEALTH_PORT: wholeNumber(0, 65_535).optional(),
  /** Where the weekly forum digest goes (a channel moderators read). */
  MOD_CHANNEL_ID: snowflake.optional(),
  CARD_COOLDOWN_SECONDS: wholeNumber(0, 86_400).default(60),
  /** Public cards one member may have the bot post per window (0: no limit). */
  MEMBER_CARD_LIMIT: wholeNumber(0, 1000).default(5),
  /** Public cards that ping someone one member may have the bot post per window (0: no limit). */
  MEMBER_MENTION_LIMIT: wholeNumber(0, 1000).default(3),
  MEMBER_LIMIT_WINDOW_SECONDS: wholeNumber(1, 86_400).default(600),
  /**
   * `npm start --as-moderator` without `--`: npm keeps the option for itself and passes it on as
   * this variable, so the sandbox honours it too.
   */
  npm_config_as_moderator: booleanFlag.optional(),
  /** `npm start --web [--port=N]` without `--`, likewise. */
  npm_config_web: booleanFlag.optional(),
  npm_config_port: z.string().optional(),
});

/** Every variable the configuration reads by name (npm's own hand-ons aside). */
export const CONFIG_VARIABLES = Object.keys(schema.shape).filter(
  (key) => !key.startsWith('npm_config_'),
);

export type Config = z.output<typeof schema> & {
  /**
   * Where each source is read from, by the variable its registry entry names (`FAQ_DIR`,
   * `DOCS_SNAPSHOT`, `MODELS_SNAPSHOT`, …): every `<NAME>_SNAPSHOT` and `<NAME>_DIR` set. A
   * source whose variable is unset reads its default.
   */
  locations: Record<string, string>;
};

/** A source's location variable. DATA_DIR is the database's, not a source's. */
const LOCATION_VARIABLE = /^(?!DATA_DIR$)[A-Z][A-Z0-9_]*_(?:SNAPSHOT|DIR)$/;

/** A configuration problem; its message lists every invalid variable, one a line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The one place that reads configuration. An empty variable counts as unset, as in
 * `.env.example` where optional lines are left blank.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.keys(schema.shape)
      .map((key) => [key, env[key]?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`),
    );
  }
  const locations = Object.fromEntries(
    Object.entries(env)
      .filter(([key]) => LOCATION_VARIABLE.test(key))
      .map(([key, value]) => [key, value?.trim() ?? ''] as const)
      .filter(([, value]) => value !== ''),
  );
  return { ...parsed.data, locations: { ...locations, FAQ_DIR: parsed.data.FAQ_DIR } };
}

/** What registering commands needs on top of the bot's configuration. */
export function requireDeployConfig(
  config: Config,
): Config & { DISCORD_TOKEN: string; DISCORD_CLIENT_ID: string } {
  const problems: string[] = [];
  if (!config.DISCORD_TOKEN) problems.push('DISCORD_TOKEN: required to register commands');
  if (!config.DISCORD_CLIENT_ID) problems.push('DISCORD_CLIENT_ID: required to register commands');
  if (problems.length > 0) throw new ConfigError(problems);
  return config as Config & { DISCORD_TOKEN: string; DISCORD_CLIENT_ID: string };
}
