import { REST, RESTJSONErrorCodes } from 'discord.js';
import { commands } from '../commands/index.js';
import { commandBody, registerCommands } from './bot/register.js';
import { ConfigError, requireDeployConfig } from './config.js';
import { configFromEnvironment } from './env.js';

/**
 * `npm run deploy-commands [-- --print]`: bulk-overwrites the slash commands, to DISCORD_GUILD_ID when set, else
 * globally; `--print` prints what it would register and calls nothing.
 */
async function main(): Promise<number> {
  // What would be registered, without a token: deploy/upgrade.sh compares two releases' with it.
  if (process.argv.includes('--print')) {
    process.stdout.write(`${JSON.stringify(commands.map(commandBody), null, 2)}\n`);
    return 0;
  }
  const config = requireDeployConfig(configFromEnvironment());
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const where = config.DISCORD_GUILD_ID
    ? `guild ${config.DISCORD_GUILD_ID}`
    : 'globally (may take up to an hour to show)';
  const stored = await registerCommands(
    rest,
    config.DISCORD_CLIENT_ID,
    commands,
    config.DISCORD_GUILD_ID,
  );
  process.stdout.write(
    `Registered ${stored.length} command(s) ${where}: ${stored.map((c) => c.name).join(', ')}\n`,
  );
  return 0;
}

/** What to check when Discord refuses: each refusal names the variable that is likely wrong. */
function whatToCheck(error: unknown): string | undefined {
  const { status, code } = error as { status?: number; code?: number };
  if (status === 401)
    return 'check DISCORD_TOKEN: Discord did not accept it as a bot token (reset it under Bot in the Developer Portal)';
  if (code === RESTJSONErrorCodes.UnknownApplication)
    return 'check DISCORD_CLIENT_ID: it must be the Application ID of the bot whose token DISCORD_TOKEN is';
  if (code === RESTJSONErrorCodes.MissingAccess || code === RESTJSONErrorCodes.UnknownGuild)
    return 'check DISCORD_GUILD_ID: the bot must be in that server (invite it first), or leave it empty to register globally';
  if (status === 404)
    return 'check DISCORD_API_URL: it must be the REST base ending in /api, such as https://discord.com/api';
  return undefined;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const check = whatToCheck(error);
    const reason =
      error instanceof ConfigError
        ? error.message
        : `Registering commands failed: ${(error as Error).message}${check ? `\n${check[0]!.toUpperCase()}${check.slice(1)}.` : ''}`;
    process.stderr.write(`${reason}\n`);
    process.exitCode = 1;
  },
);
